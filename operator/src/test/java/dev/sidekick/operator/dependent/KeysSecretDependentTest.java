package dev.sidekick.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.contract.Channel;
import dev.sidekick.operator.SampleIntegration;
import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.api.SidekickIntegrationStatus;
import dev.sidekick.operator.api.SidekickIntegrationStatus.EndpointStatus;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeysSecretDependentTest {

  static SidekickIntegration integration() {
    return SampleIntegration.withEndpoints(
        new EndpointSpec("us-store", "Support", Channel.CHAT), new EndpointSpec("emea-brand", "Returns", Channel.CHAT));
  }

  static Map<String, String> keys(Secret s) {
    return CurrentKeys.decode(s.getData());
  }

  @Test
  void each_endpoint_gets_its_own_random_key_which_is_kept_across_reconciles() {
    SidekickIntegration sk = integration();
    Secret first = KeysSecretDependent.compute(sk, null);
    assertThat(keys(first)).containsOnlyKeys("us-store", "emea-brand");
    assertThat(keys(first).get("us-store")).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(keys(first).get("emea-brand"));

    Secret again = KeysSecretDependent.compute(sk, first);
    assertThat(keys(again)).isEqualTo(keys(first));
  }

  @Test
  void a_rotation_request_moves_the_key_to_previous_once_and_drops_it_when_gladly_carries_the_new_one() {
    SidekickIntegration sk = integration();
    Secret before = KeysSecretDependent.compute(sk, null);
    sk.getMetadata().setAnnotations(Map.of("sidekick.dev/rotate-keys", "1"));

    Secret rotated = KeysSecretDependent.compute(sk, before);
    String oldKey = keys(before).get("us-store");
    String newKey = keys(rotated).get("us-store");
    assertThat(newKey).isNotEqualTo(oldKey);
    assertThat(keys(rotated)).containsEntry("us-store.previous", oldKey);
    assertThat(CurrentKeys.of(rotated).rotationPending()).isTrue();

    // the same request is not a second rotation
    assertThat(keys(KeysSecretDependent.compute(sk, rotated))).isEqualTo(keys(rotated));

    // once status says every webhook of us-store carries the new key, its previous key goes
    sk.setStatus(new SidekickIntegrationStatus());
    EndpointStatus us = new EndpointStatus();
    us.name = "us-store";
    us.keyHash = Hashes.ofKey(newKey);
    sk.getStatus().endpoints = List.of(us);
    Map<String, String> after = keys(KeysSecretDependent.compute(sk, rotated));
    assertThat(after).containsEntry("us-store", newKey).doesNotContainKey("us-store.previous");
    assertThat(after).containsKey("emea-brand.previous");
  }

  @Test
  void a_removed_endpoint_loses_its_key() {
    SidekickIntegration sk = integration();
    Secret before = KeysSecretDependent.compute(sk, null);
    sk.getSpec().endpoints.remove(1);
    assertThat(keys(KeysSecretDependent.compute(sk, before))).containsOnlyKeys("us-store");
  }
}
