package dev.sidekick.operator.dependent;

import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.ResponderSpec.ConfigMapKeyRef;
import dev.sidekick.operator.api.SidekickIntegration;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The knowledge bases a resource refers to (the default responder's and each endpoint's own), kept in the
 * user's ConfigMaps and copied into the runtime's ConfigMap as {@code kb-default.yaml} and {@code kb-ENDPOINT.yaml}.
 */
public final class KnowledgeBases {
  public static final String DEFAULT_FILE = "kb-default.yaml";

  private final Map<String, ConfigMapKeyRef> refs = new LinkedHashMap<>();

  public KnowledgeBases(SidekickIntegration sk) {
    if (sk.getSpec().responder != null && sk.getSpec().responder.configMapRef() != null) {
      refs.put(DEFAULT_FILE, sk.getSpec().responder.configMapRef());
    }
    if (sk.getSpec().endpoints != null) {
      for (EndpointSpec e : sk.getSpec().endpoints) {
        if (e.responder != null && e.responder.configMapRef() != null) {
          refs.put(file(e.name), e.responder.configMapRef());
        }
      }
    }
  }

  public static String file(String endpoint) {
    return "kb-" + endpoint + ".yaml";
  }

  /** Names of the ConfigMaps referred to (watched: a change is copied into the runtime's ConfigMap). */
  public List<String> configMapNames() {
    return refs.values().stream().map(ref -> ref.name).distinct().toList();
  }

  /** What the watched ConfigMaps hold: file name → content, and what is missing, in words. */
  public record Contents(Map<String, String> byFile, List<String> missing) {}

  public Contents read(Context<SidekickIntegration> context) {
    Map<String, String> byFile = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    refs.forEach(
        (file, ref) -> {
          Optional<String> content =
              context.getSecondaryResources(ConfigMap.class).stream()
                  .filter(c -> ref.name.equals(c.getMetadata().getName()))
                  .findFirst()
                  .map(c -> c.getData() == null ? null : c.getData().get(ref.keyOrDefault()));
          if (content.isPresent()) {
            byFile.put(file, content.get());
          } else {
            missing.add("knowledge base: ConfigMap " + ref.name + " with key " + ref.keyOrDefault() + " not found");
          }
        });
    return new Contents(byFile, missing);
  }
}
