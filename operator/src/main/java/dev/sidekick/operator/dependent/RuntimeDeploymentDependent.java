package dev.sidekick.operator.dependent;

import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.config.OperatorConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HTTPGetActionBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The runtime Deployment: non-root, read-only root filesystem, no capabilities, probes on the runtime's
 * health endpoints, the files mounted where runtime.yaml says ({@link RuntimeConfig.Mounts#POD}), and a
 * pod-template annotation hashing what the pods mount (configuration, credentials, keys, the responders' API keys),
 * so that a change of any of them rolls the pods.
 */
// createResourceOnlyIfNotExistingWithSSA=false: that mode sends a resourceVersion with the creating apply,
// which Kubernetes 1.20 refuses with 500 "resourceVersion should not be set on objects to be created"
@KubernetesDependent(
    informer = @Informer(labelSelector = Names.MANAGED_SELECTOR),
    createResourceOnlyIfNotExistingWithSSA = false)
public class RuntimeDeploymentDependent
    extends CRUDKubernetesDependentResource<Deployment, SidekickIntegration> {
  public static final String NAME = "deployment";
  public static final int HTTP_PORT = 8080;

  @Inject OperatorConfig operatorConfig;

  public RuntimeDeploymentDependent() {
    super(Deployment.class);
  }

  @Override
  protected Deployment desired(SidekickIntegration sk, Context<SidekickIntegration> context) {
    OperatorConfig.Runtime config = operatorConfig.runtime();
    var spec = sk.getSpec();
    var runtime = spec.runtimeOrDefault();
    String hash = configHash(sk, context);
    var creds = spec.gladly.credentialsSecretRef;
    ApiKeys apiKeys = new ApiKeys(sk);

    return new DeploymentBuilder()
        .withMetadata(Names.meta(sk, Names.runtime(sk)).build())
        .withNewSpec()
        .withReplicas(runtime.replicasOrDefault())
        .withNewSelector()
        .withMatchLabels(Names.selector(sk))
        .endSelector()
        // one new pod Ready before an old one goes: the endpoint never has no pod to deliver to
        .withNewStrategy()
        .withType("RollingUpdate")
        .withNewRollingUpdate()
        .withMaxUnavailable(new IntOrString(0))
        .withMaxSurge(new IntOrString(1))
        .endRollingUpdate()
        .endStrategy()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(Names.merged(runtime.podLabels, Names.labels(sk)))
        .withAnnotations(Names.merged(runtime.podAnnotations, Map.of(Names.CONFIG_HASH_ANNOTATION, hash)))
        .endMetadata()
        .withNewSpec()
        .withAutomountServiceAccountToken(false)
        .withImagePullSecrets(runtime.imagePullSecrets)
        .withNodeSelector(runtime.nodeSelector)
        .withTolerations(runtime.tolerations)
        .withAffinity(runtime.affinity)
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .withContainers(
            new ContainerBuilder()
                .withName("runtime")
                .withImage(runtime.image != null ? runtime.image : config.image())
                .withImagePullPolicy(config.imagePullPolicy())
                .addNewPort()
                .withName("http")
                .withContainerPort(HTTP_PORT)
                .withProtocol("TCP")
                .endPort()
                .addNewEnv()
                .withName("SIDEKICK_CONFIG")
                .withValue(RuntimeConfig.CONFIG_DIR + "/" + RuntimeConfig.FILE)
                .endEnv()
                .addAllToEnv(jvmOptions(runtime.jvmOptions))
                .withResources(runtime.resourcesOrDefault())
                // Kubernetes takes a terminating pod out of the Service while the pod already stops: keep serving
                // a few seconds, so that no delivery reaches a closed port (then the runtime drains what it has)
                .withNewLifecycle()
                .withNewPreStop()
                .withNewExec()
                .withCommand("sleep", "5")
                .endExec()
                .endPreStop()
                .endLifecycle()
                .withLivenessProbe(probe("/q/health/live", 10, 3))
                // a new pod takes traffic about as soon as it is ready (about 1.5 s): rolls stay short
                .withReadinessProbe(probe("/q/health/ready", 2, 1))
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities()
                .withDrop("ALL")
                .endCapabilities()
                .endSecurityContext()
                .withVolumeMounts(
                    mount("config", RuntimeConfig.CONFIG_DIR),
                    mount("keys", RuntimeConfig.KEYS_DIR),
                    mount("gladly-credentials", RuntimeConfig.CREDENTIALS_DIR),
                    new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build())
                .addAllToVolumeMounts(StoreVolumes.of(runtime).stream().map(StoreVolumes.Mounted::mount).toList())
                .addAllToVolumeMounts(commerceTokens(sk, context).map(v -> mount(v.getName(), RuntimeConfig.COMMERCE_DIR)).stream().toList())
                .addAllToVolumeMounts(apiKeys.volume().map(v -> mount(v.getName(), RuntimeConfig.API_KEYS_DIR)).stream().toList())
                .build())
        .withVolumes(
            new VolumeBuilder()
                .withName("config")
                .withNewConfigMap()
                .withName(Names.runtimeConfig(sk))
                .endConfigMap()
                .build(),
            new VolumeBuilder()
                .withName("keys")
                .withNewSecret()
                .withSecretName(Names.keysSecret(sk))
                .endSecret()
                .build(),
            new VolumeBuilder()
                .withName("gladly-credentials")
                .withNewSecret()
                .withSecretName(creds.name)
                .withItems(
                    new KeyToPath(creds.emailKeyOrDefault(), null, "email"),
                    new KeyToPath(creds.tokenKeyOrDefault(), null, "token"))
                .endSecret()
                .build(),
            // A size limit bounds the writable /tmp, and gives the apiserver a field to record as ours: an
            // empty emptyDir leaves no trace in managedFields, so every resync would see a difference and
            // re-apply the Deployment.
            new VolumeBuilder().withName("tmp").withNewEmptyDir().withSizeLimit(new Quantity("64Mi")).endEmptyDir()
                .build())
        .addAllToVolumes(StoreVolumes.of(runtime).stream().map(StoreVolumes.Mounted::volume).toList())
        .addAllToVolumes(commerceTokens(sk, context).stream().toList())
        .addAllToVolumes(apiKeys.volume().stream().toList())
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /**
   * Each endpoint's shop token from the user's Secret, at {@code {endpoint}/token} under the commerce directory (one
   * projected volume for them all). Only the endpoints whose Secret and key exist ({@link IntegrationFacts}); the
   * runtime re-reads the file, and the kubelet updates it in place, so a new token needs no roll.
   */
  private static java.util.Optional<io.fabric8.kubernetes.api.model.Volume> commerceTokens(
      SidekickIntegration sk, Context<SidekickIntegration> context) {
    var endpoints = IntegrationFacts.from(context).commerceEndpoints();
    List<io.fabric8.kubernetes.api.model.VolumeProjection> sources = new java.util.ArrayList<>();
    for (var e : sk.getSpec().endpoints) {
      if (e.commerce == null || !endpoints.contains(e.name)) continue;
      var ref = e.commerce.shopify.credentialsSecretRef;
      sources.add(new io.fabric8.kubernetes.api.model.VolumeProjectionBuilder().withNewSecret()
          .withName(ref.name)
          .withItems(new KeyToPath(ref.tokenKeyOrDefault(), null, RuntimeConfig.Mounts.commerceTokenPath(e.name)))
          .endSecret().build());
    }
    if (sources.isEmpty()) return java.util.Optional.empty();
    return java.util.Optional.of(new VolumeBuilder().withName("commerce-tokens").withNewProjected()
        .withSources(sources).endProjected().build());
  }

  /** The image adds JAVA_OPTS_APPEND to its own JVM options; no variable when there is nothing to add. */
  private static List<io.fabric8.kubernetes.api.model.EnvVar> jvmOptions(String options) {
    return options == null || options.isBlank()
        ? List.of()
        : List.of(new io.fabric8.kubernetes.api.model.EnvVar("JAVA_OPTS_APPEND", options.strip(), null));
  }

  /** Read-only: nothing the runtime is given is the runtime's to change. */
  static io.fabric8.kubernetes.api.model.VolumeMount mount(String name, String path) {
    return new VolumeMountBuilder().withName(name).withMountPath(path).withReadOnly(true).build();
  }

  private static io.fabric8.kubernetes.api.model.Probe probe(String path, int periodSeconds, int failureThreshold) {
    return new ProbeBuilder()
        .withHttpGet(
            new HTTPGetActionBuilder().withPath(path).withPort(new IntOrString("http")).build())
        .withPeriodSeconds(periodSeconds)
        .withTimeoutSeconds(2)
        .withFailureThreshold(failureThreshold)
        .build();
  }

  /**
   * The hash of what the pods mount, as the workflow wrote it in this reconcile: the ConfigMap and the keys
   * Secret come before the Deployment, and JOSDK's cache returns what was just written.
   */
  private static String configHash(SidekickIntegration sk, Context<SidekickIntegration> context) {
    ConfigMap config =
        context
            .getSecondaryResource(ConfigMap.class, RuntimeConfigMapDependent.NAME)
            .orElseThrow(() -> new IllegalStateException("the runtime ConfigMap is not written yet"));
    CurrentKeys keys =
        CurrentKeys.written(sk, context)
            .orElseThrow(() -> new IllegalStateException("the keys Secret is not written yet"));
    IntegrationFacts facts = IntegrationFacts.from(context);
    List<String> parts = new java.util.ArrayList<>(List.of(
        new TreeMap<>(config.getData()).toString(), facts.credentialsHash(), new TreeMap<>(keys.byEndpoint()).toString()));
    // only when there are API keys or store Secrets: every other runtime's hash stays what it was (no roll on upgrade)
    if (facts.mountedSecretsHash() != null) parts.add(facts.mountedSecretsHash());
    return Hashes.sha256(parts.toArray(String[]::new));
  }

  /** Ready when the current template is rolled out and every replica is available. */
  static boolean available(Deployment d) {
    if (d == null || d.getStatus() == null) return false;
    var s = d.getStatus();
    long generation = d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
    long observed = s.getObservedGeneration() == null ? 0 : s.getObservedGeneration();
    int wanted = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    int updated = s.getUpdatedReplicas() == null ? 0 : s.getUpdatedReplicas();
    int available = s.getAvailableReplicas() == null ? 0 : s.getAvailableReplicas();
    return observed >= generation && updated >= wanted && available >= wanted;
  }

}
