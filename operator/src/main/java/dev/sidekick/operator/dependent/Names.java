package dev.sidekick.operator.dependent;

import dev.sidekick.operator.api.SidekickIntegration;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;
import java.util.TreeMap;

/** Names and labels of everything the operator creates for one SidekickIntegration. */
public final class Names {
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY = "sidekick-operator";
  /** Informers of the owned resources only see what carries this label. */
  public static final String MANAGED_SELECTOR = MANAGED_BY_LABEL + "=" + MANAGED_BY;

  public static final String CONFIG_HASH_ANNOTATION = "sidekick.dev/config-hash";
  public static final String ROTATED_FOR_ANNOTATION = "sidekick.dev/rotated-for";

  private Names() {}

  public static String keysSecret(SidekickIntegration sk) {
    return sk.getMetadata().getName() + "-sidekick-keys";
  }

  public static String runtimeConfig(SidekickIntegration sk) {
    return sk.getMetadata().getName() + "-sidekick-config";
  }

  /** The Deployment, Service and Ingress. */
  public static String runtime(SidekickIntegration sk) {
    return sk.getMetadata().getName() + "-sidekick";
  }

  public static Map<String, String> selector(SidekickIntegration sk) {
    return Map.of(
        "app.kubernetes.io/name", "sidekick-runtime",
        "app.kubernetes.io/instance", sk.getMetadata().getName());
  }

  public static Map<String, String> labels(SidekickIntegration sk) {
    return Map.of(
        "app.kubernetes.io/name", "sidekick-runtime",
        "app.kubernetes.io/instance", sk.getMetadata().getName(),
        "app.kubernetes.io/part-of", "sidekick",
        MANAGED_BY_LABEL, MANAGED_BY);
  }

  /** Their labels (or annotations) and ours, ours winning. */
  static Map<String, String> merged(Map<String, String> theirs, Map<String, String> ours) {
    Map<String, String> all = new TreeMap<>();
    if (theirs != null) all.putAll(theirs);
    all.putAll(ours);
    return all;
  }

  static ObjectMetaBuilder meta(SidekickIntegration sk, String name) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(sk.getMetadata().getNamespace())
        .withLabels(labels(sk));
  }
}
