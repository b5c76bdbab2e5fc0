package dev.sidekick.operator.fast;

import static dev.sidekick.contract.Channel.CHAT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.operator.api.RuntimeSpec;
import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.api.StoreSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The runtimes' shared store behind Sentinel with a private CA, its passwords and CA in the user's Secrets, as a
 * platform engineer rotates them: the runtime reads them when it starts, so a new password or CA rolls the pods, and a
 * Secret that is not there yet is named instead of leaving pods that cannot mount it.
 */
@QuarkusTest
@QuarkusTestResource(MockApiServer.class)
@QuarkusTestResource(GladlySimResource.class)
class SharedStoreSecretsTest extends OperatorTestBase {

  @Test
  void a_rotated_store_password_or_a_renewed_ca_rolls_the_pods_and_a_missing_secret_is_named() {
    SidekickIntegration sk = integration(endpoint("us-store", "Support", CHAT));
    sk.getSpec().runtime = new RuntimeSpec();
    sk.getSpec().runtime.replicas = 2;
    sk.getSpec().runtime.store = new StoreSpec();
    StoreSpec.Redis redis = new StoreSpec.Redis();
    redis.sentinel = new StoreSpec.Sentinel();
    redis.sentinel.masterName = "sidekick";
    redis.sentinel.hosts = List.of("redis-0.redis:26379", "redis-1.redis:26379", "redis-2.redis:26379");
    redis.sentinel.tls = true;
    redis.sentinel.credentialsSecretRef = credentials(name + "-sentinel");
    redis.credentialsSecretRef = credentials(name + "-redis");
    redis.credentialsSecretRef.usernameKey = "username";
    redis.caSecretRef = new StoreSpec.CaSecretRef();
    redis.caSecretRef.name = name + "-redis-ca";
    sk.getSpec().runtime.store.redis = redis;
    createWithCredentials(sk);

    // none of the three Secrets yet: named, no pods that could not start
    var invalid = awaitCondition("Ready", "False", "InvalidSpec");
    assertThat(invalid.getMessage())
        .contains("store credentials: Secret " + name + "-redis not found")
        .contains("Sentinel credentials: Secret " + name + "-sentinel not found")
        .contains("store CA: Secret " + name + "-redis-ca not found");
    assertThat(client.apps().deployments().inNamespace(NS).withName(name + "-sidekick").get()).isNull();

    secret(name + "-redis", Map.of("password", b64("first"), "username", b64("sidekick")));
    secret(name + "-sentinel", Map.of("password", b64("sentinel-first")));
    secret(name + "-redis-ca", Map.of("ca.crt", b64("-----BEGIN CERTIFICATE-----\nfirst\n")));
    awaitReady();
    assertThat(client.configMaps().inNamespace(NS).withName(name + "-sidekick-config").get().getData().get("runtime.yaml"))
        .doesNotContain("first");

    String first = configHash();
    client.secrets().inNamespace(NS).withName(name + "-redis").edit(s -> new SecretBuilder(s)
        .withData(Map.of("password", b64("second"), "username", b64("sidekick"))).build());
    String second = rolledFrom(first);

    client.secrets().inNamespace(NS).withName(name + "-redis-ca").edit(s -> new SecretBuilder(s)
        .withData(Map.of("ca.crt", b64("-----BEGIN CERTIFICATE-----\nrenewed\n"))).build());
    rolledFrom(second);
    awaitReady();
  }

  private static StoreSpec.Credentials credentials(String secret) {
    StoreSpec.Credentials c = new StoreSpec.Credentials();
    c.name = secret;
    return c;
  }

  private void secret(String secretName, Map<String, String> data) {
    client.secrets().inNamespace(NS).resource(new SecretBuilder()
        .withMetadata(new ObjectMetaBuilder().withName(secretName).withNamespace(NS).build())
        .withData(data).build()).create();
  }

  private String configHash() {
    return client.apps().deployments().inNamespace(NS).withName(name + "-sidekick").get()
        .getSpec().getTemplate().getMetadata().getAnnotations().get("sidekick.dev/config-hash");
  }

  /** Waits for the pod template's hash to change from {@code before}; returns the new one. */
  private String rolledFrom(String before) {
    awaitLong().atMost(Duration.ofSeconds(30)).until(() -> !before.equals(configHash()));
    return configHash();
  }
}
