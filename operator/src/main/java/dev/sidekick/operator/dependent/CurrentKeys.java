package dev.sidekick.operator.dependent;

import dev.sidekick.contract.WebhookKeys;
import dev.sidekick.operator.api.SidekickIntegration;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The webhook keys as the keys Secret holds them once the workflow wrote it: the current key of each endpoint,
 * and whether a rotation still keeps a previous one. Read through JOSDK's cache, which returns what this
 * reconcile wrote, so the pods' hash and the Gladly webhooks see the same fresh keys.
 */
public record CurrentKeys(Map<String, String> byEndpoint, boolean rotationPending) {

  public static Optional<CurrentKeys> written(SidekickIntegration sk, Context<SidekickIntegration> context) {
    return context
        .getSecondaryResource(Secret.class, KeysSecretDependent.NAME)
        .filter(s -> Names.keysSecret(sk).equals(s.getMetadata().getName()))
        .map(CurrentKeys::of);
  }

  static CurrentKeys of(Secret secret) {
    Map<String, String> current = new LinkedHashMap<>();
    boolean previous = false;
    for (var e : decode(secret.getData()).entrySet()) {
      if (WebhookKeys.isPreviousFile(e.getKey())) {
        previous = true;
      } else {
        current.put(e.getKey(), e.getValue());
      }
    }
    return new CurrentKeys(current, previous);
  }

  static Map<String, String> decode(Map<String, String> data) {
    Map<String, String> out = new LinkedHashMap<>();
    if (data != null) {
      data.forEach((k, v) -> out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    }
    return out;
  }

  @Override
  public String toString() {
    return "CurrentKeys[endpoints=" + byEndpoint.keySet() + ", rotationPending=" + rotationPending + "]";
  }
}
