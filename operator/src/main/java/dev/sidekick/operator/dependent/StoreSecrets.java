package dev.sidekick.operator.dependent;

import dev.sidekick.operator.api.SidekickIntegration;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The keys of the user's Secrets that the shared store's files come from, read off the volumes that mount them
 * ({@link StoreVolumes}, the one description of those files): the data nodes' password and ACL user, the Sentinels'
 * own, the CA. Watched and hashed into the pod template, since the runtime reads them when it starts: a rotated
 * password or a renewed CA rolls the pods.
 */
public final class StoreSecrets {
  private final List<MountedSecrets.File> files = new ArrayList<>();

  public StoreSecrets(SidekickIntegration sk) {
    if (sk.getSpec() == null) return;
    for (StoreVolumes.Mounted m : StoreVolumes.of(sk.getSpec().runtimeOrDefault())) {
      SecretVolumeSource secret = m.volume().getSecret();
      for (KeyToPath item : secret.getItems()) {
        files.add(new MountedSecrets.File(
            m.volume().getName() + "/" + item.getPath(), secret.getSecretName(), item.getKey(), m.what()));
      }
    }
  }

  /** Names of the Secrets referred to (watched: a change rolls the pods). */
  public List<String> secretNames() {
    return files.stream().map(MountedSecrets.File::secret).distinct().toList();
  }

  public MountedSecrets read(Function<String, Optional<Secret>> secretNamed) {
    return MountedSecrets.read("store", files, secretNamed);
  }
}
