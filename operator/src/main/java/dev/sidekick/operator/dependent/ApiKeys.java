package dev.sidekick.operator.dependent;

import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.ResponderSpec;
import dev.sidekick.operator.api.SidekickIntegration;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.VolumeProjectionBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The API keys of the responders' endpoints (chat completions, embeddings), kept in the user's Secrets: mounted into
 * the runtime's pods as files of one projected volume ({@code responder/chat-completions-api-key},
 * {@code endpoints/NAME/embeddings-api-key}, ...), named in runtime.yaml, and hashed into the pod template so that a
 * new key rolls the pods, as the Gladly credentials do. The values are read only to hash them.
 */
public final class ApiKeys {
  public static final String VOLUME = "api-keys";

  /** A mounted file (relative to the API keys directory) and the Secret key it comes from. */
  public record File(String path, ResponderSpec.ApiKeySecretRef ref) {}

  private final List<File> files = new ArrayList<>();

  public ApiKeys(SidekickIntegration sk) {
    var spec = sk.getSpec();
    if (spec == null) return;
    add("responder", spec.responder);
    if (spec.endpoints != null) {
      for (EndpointSpec e : spec.endpoints) add("endpoints/" + e.name, e.responder);
    }
  }

  private void add(String dir, ResponderSpec responder) {
    if (responder == null) return;
    if (responder.chatCompletions != null && responder.chatCompletions.apiKeySecretRef != null) {
      files.add(new File(chatCompletionsFile(dir), responder.chatCompletions.apiKeySecretRef));
    }
    ResponderSpec.KnowledgeBaseSpec kb = responder.knowledgeBaseOfEitherKind();
    if (kb != null && kb.embeddings != null && kb.embeddings.apiKeySecretRef != null) {
      files.add(new File(embeddingsFile(dir), kb.embeddings.apiKeySecretRef));
    }
  }

  /** The file of the chat-completions API key of the default responder ({@code responder}) or an endpoint's. */
  public static String chatCompletionsFile(String dir) {
    return dir + "/chat-completions-api-key";
  }

  public static String embeddingsFile(String dir) {
    return dir + "/embeddings-api-key";
  }

  public static String endpointDir(String endpoint) {
    return "endpoints/" + endpoint;
  }

  public List<File> files() {
    return List.copyOf(files);
  }

  /** Names of the Secrets referred to (watched: a new key rolls the pods). */
  public List<String> secretNames() {
    return files.stream().map(f -> f.ref().name).distinct().toList();
  }

  /** What the referred Secrets hold: a hash of the keys (empty when there are none), and what is missing, in words. */
  public MountedSecrets read(Function<String, Optional<Secret>> secretNamed) {
    return MountedSecrets.read("api-keys",
        files.stream().map(f -> new MountedSecrets.File(f.path(), f.ref().name, f.ref().keyOrDefault(), "API key")).toList(),
        secretNamed);
  }

  /** The projected volume of every API key file; empty when no responder has an API key. */
  public Optional<Volume> volume() {
    if (files.isEmpty()) return Optional.empty();
    Map<String, List<KeyToPath>> itemsBySecret = new LinkedHashMap<>();
    for (File f : files) {
      itemsBySecret.computeIfAbsent(f.ref().name, n -> new ArrayList<>())
          .add(new KeyToPath(f.ref().keyOrDefault(), null, f.path()));
    }
    List<VolumeProjection> sources = new ArrayList<>();
    itemsBySecret.forEach((name, items) -> sources.add(
        new VolumeProjectionBuilder().withNewSecret().withName(name).withItems(items).endSecret().build()));
    return Optional.of(new VolumeBuilder().withName(VOLUME).withNewProjected().withSources(sources).endProjected().build());
  }
}
