package dev.sidekick.operator.dependent;

import dev.sidekick.contract.WebhookKeys;
import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.SidekickIntegration;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The Secret of webhook keys, mounted as the runtime's keysDir: one random x-api-key per endpoint under the
 * endpoint's name, kept across reconciles. A new value of the rotate-keys annotation moves each key to
 * NAME.previous and puts a fresh one in NAME; NAME.previous is dropped once every Gladly webhook of the
 * endpoint carries the new key. The file names are the runtime's ({@link WebhookKeys}). JOSDK computes the
 * desired state once per reconcile, so fresh keys are drawn once; the Deployment and the webhooks read the
 * Secret as written ({@link CurrentKeys}).
 */
// createResourceOnlyIfNotExistingWithSSA=false: that mode sends a resourceVersion with the creating apply,
// which Kubernetes 1.20 refuses with 500 "resourceVersion should not be set on objects to be created"
@KubernetesDependent(
    informer = @Informer(labelSelector = Names.MANAGED_SELECTOR),
    createResourceOnlyIfNotExistingWithSSA = false)
public class KeysSecretDependent extends CRUDKubernetesDependentResource<Secret, SidekickIntegration> {
  public static final String NAME = "keys";
  private static final SecureRandom RANDOM = new SecureRandom();

  public KeysSecretDependent() {
    super(Secret.class);
  }

  @Override
  protected Secret desired(SidekickIntegration sk, Context<SidekickIntegration> context) {
    Secret existing =
        context
            .getSecondaryResource(Secret.class, NAME)
            .filter(s -> Names.keysSecret(sk).equals(s.getMetadata().getName()))
            .orElse(null);
    return compute(sk, existing);
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

  /** The keys Secret as wanted, given the one that exists (null at first): fresh keys are drawn here. */
  public static Secret compute(SidekickIntegration sk, Secret existing) {
    Map<String, String> old = existing == null ? Map.of() : CurrentKeys.decode(existing.getData());
    String requested = rotationRequest(sk);
    String handled = existing == null ? null : rotatedFor(existing);
    boolean rotate = requested != null && !requested.equals(handled) && existing != null;

    Map<String, String> keys = new LinkedHashMap<>();
    for (EndpointSpec e : sk.getSpec().endpoints) {
      String current = old.get(WebhookKeys.currentFile(e.name));
      String previous = old.get(WebhookKeys.previousFile(e.name));
      if (current == null) {
        current = newKey();
      } else if (rotate) {
        previous = current;
        current = newKey();
      } else if (previous != null && gladlyCarries(sk, e.name, current)) {
        previous = null;
      }
      keys.put(WebhookKeys.currentFile(e.name), current);
      if (previous != null) keys.put(WebhookKeys.previousFile(e.name), previous);
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    if (requested != null) annotations.put(Names.ROTATED_FOR_ANNOTATION, requested);
    return new SecretBuilder()
        .withMetadata(Names.meta(sk, Names.keysSecret(sk)).withAnnotations(annotations).build())
        .withType("Opaque")
        .withData(encode(keys))
        .build();
  }

  private static String rotationRequest(SidekickIntegration sk) {
    var a = sk.getMetadata().getAnnotations();
    return a == null ? null : a.get(SidekickIntegration.ROTATE_KEYS_ANNOTATION);
  }

  /** Whether status records that all of the endpoint's Gladly webhooks were last written with this key. */
  private static boolean gladlyCarries(SidekickIntegration sk, String endpoint, String key) {
    if (sk.getStatus() == null || sk.getStatus().endpoints == null) return false;
    return sk.getStatus().endpoints.stream()
        .filter(e -> endpoint.equals(e.name))
        .anyMatch(e -> Hashes.ofKey(key).equals(e.keyHash));
  }

  private static String newKey() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static Map<String, String> encode(Map<String, String> plain) {
    Map<String, String> out = new LinkedHashMap<>();
    plain.forEach(
        (k, v) -> out.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    return out;
  }
}
