package dev.sidekick.operator.dependent;

import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.api.SidekickIntegrationStatus.EndpointStatus;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;

/**
 * The Secret of webhook keys: one random x-api-key per endpoint under the endpoint's name, kept across
 * reconciles. A new value of the rotate-keys annotation moves each key to NAME.previous and puts a fresh one
 * in NAME; NAME.previous is dropped once every Gladly webhook of the endpoint carries the new key.
 */
// createResourceOnlyIfNotExistingWithSSA=false: that mode sends a resourceVersion with the creating apply,
// which Kubernetes 1.20 refuses with 500 "resourceVersion should not be set on objects to be created"
@KubernetesDependent(
    informer = @Informer(labelSelector = Names.MANAGED_SELECTOR),
    createResourceOnlyIfNotExistingWithSSA = false)
public class KeysSecretDependent extends CRUDKubernetesDependentResource<Secret, SidekickIntegration> {
  public static final String PREVIOUS_SUFFIX = ".previous";
  private static final SecureRandom RANDOM = new SecureRandom();

  public KeysSecretDependent() {
    super(Secret.class);
  }

  @Override
  protected Secret desired(SidekickIntegration sk, Context<SidekickIntegration> context) {
    // fresh keys must be drawn once per reconcile; the Deployment and the webhooks read the same ones
    var holder = ReconcileInputs.from(context).desiredKeys();
    Secret desired = holder.get();
    if (desired == null) {
      // read by name: getSecondaryResource() would ask for the desired state we are computing
      Secret existing =
          context
              .getSecondaryResourcesAsStream(Secret.class)
              .filter(s -> Names.keysSecret(sk).equals(s.getMetadata().getName()))
              .findFirst()
              .orElse(null);
      desired = compute(sk, existing);
      holder.set(desired);
    }
    return desired;
  }

  /** Keys of removed endpoints must go too: compare the data exactly, not only what is added. */
  @Override
  public Matcher.Result<Secret> match(
      Secret actual, Secret desired, SidekickIntegration sk, Context<SidekickIntegration> context) {
    var result = super.match(actual, desired, sk, context);
    boolean same =
        Objects.equals(actual.getData(), desired.getData())
            && Objects.equals(rotatedFor(actual), rotatedFor(desired));
    return result.matched() && same ? result : Matcher.Result.computed(false, desired);
  }

  private static String rotatedFor(Secret s) {
    var a = s.getMetadata().getAnnotations();
    return a == null ? null : a.get(Names.ROTATED_FOR_ANNOTATION);
  }

  static Secret compute(SidekickIntegration sk, Secret existing) {
    Map<String, String> old = existing == null ? Map.of() : decode(existing.getData());
    String requested = rotationRequest(sk);
    String handled =
        existing == null || existing.getMetadata().getAnnotations() == null
            ? null
            : existing.getMetadata().getAnnotations().get(Names.ROTATED_FOR_ANNOTATION);
    boolean rotate = requested != null && !requested.equals(handled) && existing != null;

    Map<String, String> keys = new LinkedHashMap<>();
    for (EndpointSpec e : sk.getSpec().endpoints) {
      String current = old.get(e.name);
      String previous = old.get(e.name + PREVIOUS_SUFFIX);
      if (current == null) {
        current = newKey();
      } else if (rotate) {
        previous = current;
        current = newKey();
      } else if (previous != null && gladlyCarries(sk, e.name, current)) {
        previous = null;
      }
      keys.put(e.name, current);
      if (previous != null) keys.put(e.name + PREVIOUS_SUFFIX, previous);
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    if (requested != null) annotations.put(Names.ROTATED_FOR_ANNOTATION, requested);
    return new SecretBuilder()
        .withMetadata(
            Names.meta(sk, Names.keysSecret(sk)).withAnnotations(annotations).build())
        .withType("Opaque")
        .withData(encode(keys))
        .build();
  }

  /** The current key of every endpoint (without the .previous entries). */
  public static Map<String, String> currentKeys(Secret secret) {
    Map<String, String> out = new LinkedHashMap<>();
    decode(secret.getData())
        .forEach(
            (k, v) -> {
              if (!k.endsWith(PREVIOUS_SUFFIX)) out.put(k, v);
            });
    return out;
  }

  public static boolean rotationPending(Secret secret) {
    return secret.getData() != null
        && secret.getData().keySet().stream().anyMatch(k -> k.endsWith(PREVIOUS_SUFFIX));
  }

  static String rotationRequest(SidekickIntegration sk) {
    var a = sk.getMetadata().getAnnotations();
    return a == null ? null : a.get(SidekickIntegration.ROTATE_KEYS_ANNOTATION);
  }

  /** Whether status records that all of the endpoint's Gladly webhooks were last written with this key. */
  private static boolean gladlyCarries(SidekickIntegration sk, String endpoint, String key) {
    if (sk.getStatus() == null || sk.getStatus().endpoints == null) return false;
    return sk.getStatus().endpoints.stream()
        .filter(e -> endpoint.equals(e.name))
        .map((EndpointStatus e) -> e.keyHash)
        .anyMatch(h -> keyHash(key).equals(h));
  }

  public static String keyHash(String key) {
    return Hashes.sha256("key", key);
  }

  private static String newKey() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static Map<String, String> decode(Map<String, String> data) {
    Map<String, String> out = new LinkedHashMap<>();
    if (data != null) {
      data.forEach(
          (k, v) -> out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    }
    return out;
  }

  private static Map<String, String> encode(Map<String, String> plain) {
    Map<String, String> out = new LinkedHashMap<>();
    plain.forEach(
        (k, v) -> out.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    return out;
  }
}
