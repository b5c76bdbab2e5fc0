package dev.sidekick.operator.dependent;

import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.api.StoreSpec;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The keys of the user's Secrets that the shared store's files come from ({@link StoreVolumes}): the data nodes'
 * password and ACL user, the Sentinels' own, the CA. Watched and hashed into the pod template, since the runtime reads
 * them when it starts: a rotated password or a renewed CA rolls the pods.
 */
public final class StoreSecrets {
  private final List<MountedSecrets.File> files = new ArrayList<>();

  public StoreSecrets(SidekickIntegration sk) {
    var spec = sk.getSpec();
    if (spec == null || spec.runtime == null || spec.runtime.store == null || spec.runtime.store.redis == null) return;
    StoreSpec.Redis redis = spec.runtime.store.redis;
    credentials("store", redis.credentialsSecretRef, "store credentials");
    if (redis.sentinel != null) credentials("sentinel", redis.sentinel.credentialsSecretRef, "Sentinel credentials");
    if (redis.caSecretRef != null) {
      files.add(new MountedSecrets.File("store-ca", redis.caSecretRef.name, redis.caSecretRef.keyOrDefault(), "store CA"));
    }
  }

  private void credentials(String dir, StoreSpec.Credentials ref, String what) {
    if (ref == null) return;
    files.add(new MountedSecrets.File(dir + "/password", ref.name, ref.passwordKeyOrDefault(), what));
    if (ref.usernameKey != null) files.add(new MountedSecrets.File(dir + "/username", ref.name, ref.usernameKey, what));
  }

  /** Names of the Secrets referred to (watched: a change rolls the pods). */
  public List<String> secretNames() {
    return files.stream().map(MountedSecrets.File::secret).distinct().toList();
  }

  public MountedSecrets read(Function<String, Optional<Secret>> secretNamed) {
    return MountedSecrets.read("store", files, secretNamed);
  }
}
