package dev.sidekick.operator.dependent;

import dev.sidekick.operator.api.RuntimeSpec;
import dev.sidekick.operator.api.StoreSpec;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared store's files from the user's Secrets, where runtime.yaml names them ({@link RuntimeConfig.Mounts#POD}):
 * the data nodes' credentials, the Sentinels' own, and the CAs of their certificates, each Secret a volume of its own
 * (a password never goes into an environment variable or the ConfigMap). Only the keys named are mounted.
 */
final class StoreVolumes {
  /** A volume, where the runtime's container mounts it (read-only), and what it holds, in words for a message. */
  record Mounted(Volume volume, VolumeMount mount, String what) {}

  private StoreVolumes() {}

  static List<Mounted> of(RuntimeSpec runtime) {
    List<Mounted> mounted = new ArrayList<>();
    if (runtime.store == null || runtime.store.redis == null) return mounted;
    var redis = runtime.store.redis;
    // the volume names are part of the pod template: "store-credentials" is what every release before Sentinel rendered
    if (redis.credentialsSecretRef != null) {
      mounted.add(credentials("store-credentials", redis.credentialsSecretRef, RuntimeConfig.STORE_DIR,
          "store credentials"));
    }
    if (redis.sentinel != null && redis.sentinel.credentialsSecretRef != null) {
      mounted.add(credentials("sentinel-credentials", redis.sentinel.credentialsSecretRef, RuntimeConfig.SENTINEL_DIR,
          "Sentinel credentials"));
    }
    if (redis.caSecretRef != null) {
      mounted.add(secret("store-ca", redis.caSecretRef.name,
          List.of(new KeyToPath(redis.caSecretRef.keyOrDefault(), null, RuntimeConfig.STORE_CA_FILE)),
          RuntimeConfig.STORE_CA_DIR, "store CA"));
    }
    return mounted;
  }

  /** A password (and an ACL user when its key is named) as the files "password" and "username". */
  private static Mounted credentials(String name, StoreSpec.Credentials ref, String dir, String what) {
    List<KeyToPath> items = new ArrayList<>();
    items.add(new KeyToPath(ref.passwordKeyOrDefault(), null, "password"));
    if (ref.usernameKey != null) items.add(new KeyToPath(ref.usernameKey, null, "username"));
    return secret(name, ref.name, items, dir, what);
  }

  private static Mounted secret(String name, String secret, List<KeyToPath> items, String dir, String what) {
    Volume volume = new VolumeBuilder().withName(name).withNewSecret()
        .withSecretName(secret).withItems(items).endSecret().build();
    return new Mounted(volume, RuntimeDeploymentDependent.mount(name, dir), what);
  }
}
