package dev.sidekick.operator.dependent;

import io.fabric8.kubernetes.api.model.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Keys of the user's Secrets that the runtime's pods mount as files and read when they start (the responders' API keys,
 * the store's passwords and CA), read only to hash them into the pod template: a new value rolls the pods, as new
 * Gladly credentials do. The hash names the files, never holds a value.
 */
public record MountedSecrets(Optional<String> hash, List<String> missing) {
  /** One mounted file: its place ({@code id}), the Secret and key it comes from, and what it is, for a message. */
  public record File(String id, String secret, String key, String what) {}

  /** What the Secrets hold for the files: the hash under {@code label} (empty without files), and what is missing. */
  public static MountedSecrets read(String label, List<File> files, Function<String, Optional<Secret>> secretNamed) {
    Map<String, String> values = new TreeMap<>();
    List<String> missing = new ArrayList<>();
    for (File f : files) {
      Secret s = secretNamed.apply(f.secret()).orElse(null);
      String value = s == null ? null : SecretData.value(s, f.key());
      if (s == null) {
        missing.add(f.what() + ": Secret " + f.secret() + " not found");
      } else if (value == null) {
        missing.add(f.what() + ": Secret " + f.secret() + " lacks key " + f.key());
      } else {
        values.put(f.id(), value);
      }
    }
    return new MountedSecrets(
        values.isEmpty() ? Optional.empty() : Optional.of(Hashes.sha256(label, values.toString())),
        missing.stream().distinct().toList());
  }

  /**
   * The hash of both: the API keys' alone when the store has no Secrets, so that a runtime without a store keeps the
   * pod template of the releases before the store's Secrets were hashed (no roll on upgrade).
   */
  public static Optional<String> combined(MountedSecrets apiKeys, MountedSecrets store) {
    if (store.hash().isEmpty()) return apiKeys.hash();
    return Optional.of(Hashes.sha256(apiKeys.hash().orElse(""), store.hash().get()));
  }

  /** What is missing of both. */
  public static List<String> missing(MountedSecrets apiKeys, MountedSecrets store) {
    List<String> all = new ArrayList<>(apiKeys.missing());
    all.addAll(store.missing());
    return all;
  }
}
