package dev.sidekick.operator.dependent;

import dev.sidekick.operator.api.SidekickIntegration;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A PodDisruptionBudget for a runtime of several replicas: a node drain or a cluster upgrade takes at most one runtime
 * pod at a time, so Gladly's deliveries always find one. None for a single replica (it would block every drain).
 * Clusters serve it as {@code policy/v1} from Kubernetes 1.21 and only as {@code policy/v1beta1} before (removed in
 * 1.25): one dependent for each, activated by what the cluster serves.
 */
public final class RuntimeDisruptionBudget {
  public static final String NAME = "disruption-budget";
  public static final String LEGACY_NAME = "disruption-budget-v1beta1";
  private static final Map<Class<?>, Boolean> SERVED = new ConcurrentHashMap<>();

  private RuntimeDisruptionBudget() {}

  /** policy/v1 (Kubernetes 1.21 and later). */
  // createResourceOnlyIfNotExistingWithSSA=false: see RuntimeServiceDependent
  @KubernetesDependent(
      informer = @Informer(labelSelector = Names.MANAGED_SELECTOR),
      createResourceOnlyIfNotExistingWithSSA = false)
  public static class V1 extends CRUDKubernetesDependentResource<PodDisruptionBudget, SidekickIntegration> {
    public V1() {
      super(PodDisruptionBudget.class);
    }

    @Override
    protected PodDisruptionBudget desired(SidekickIntegration sk, Context<SidekickIntegration> context) {
      return new PodDisruptionBudgetBuilder()
          .withMetadata(Names.meta(sk, Names.runtime(sk)).build())
          .withNewSpec()
          .withMaxUnavailable(new IntOrString(1))
          .withSelector(new LabelSelectorBuilder().withMatchLabels(Names.selector(sk)).build())
          .endSpec()
          .build();
    }
  }

  /** policy/v1beta1 (Kubernetes 1.20 and earlier, which do not serve policy/v1). */
  @KubernetesDependent(
      informer = @Informer(labelSelector = Names.MANAGED_SELECTOR),
      createResourceOnlyIfNotExistingWithSSA = false)
  public static class V1beta1
      extends CRUDKubernetesDependentResource<io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudget, SidekickIntegration> {
    public V1beta1() {
      super(io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudget.class);
    }

    @Override
    protected io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudget desired(
        SidekickIntegration sk, Context<SidekickIntegration> context) {
      return new io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudgetBuilder()
          .withMetadata(Names.meta(sk, Names.runtime(sk)).build())
          .withNewSpec()
          .withMaxUnavailable(new IntOrString(1))
          .withSelector(new LabelSelectorBuilder().withMatchLabels(Names.selector(sk)).build())
          .endSpec()
          .build();
    }
  }

  /** Reconcile precondition: several replicas (when it stops holding, JOSDK deletes the budget). */
  public static class SeveralReplicas implements Condition<HasMetadata, SidekickIntegration> {
    @Override
    public boolean isMet(DependentResource<HasMetadata, SidekickIntegration> dependent, SidekickIntegration sk,
        Context<SidekickIntegration> context) {
      return sk.getSpec().runtimeOrDefault().replicasOrDefault() > 1;
    }
  }

  /** Activation condition of {@link V1}: the cluster serves policy/v1 PodDisruptionBudgets. */
  public static class V1Served implements Condition<HasMetadata, SidekickIntegration> {
    @Override
    public boolean isMet(DependentResource<HasMetadata, SidekickIntegration> dependent, SidekickIntegration sk,
        Context<SidekickIntegration> context) {
      return served(context.getClient(), PodDisruptionBudget.class);
    }
  }

  /** Activation condition of {@link V1beta1}: the cluster serves only policy/v1beta1. */
  public static class OnlyV1beta1Served implements Condition<HasMetadata, SidekickIntegration> {
    @Override
    public boolean isMet(DependentResource<HasMetadata, SidekickIntegration> dependent, SidekickIntegration sk,
        Context<SidekickIntegration> context) {
      return !served(context.getClient(), PodDisruptionBudget.class)
          && served(context.getClient(), io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudget.class);
    }
  }

  /** Whether the cluster serves the type's API version (asked once per type: it does not change while we run). */
  static boolean served(KubernetesClient client, Class<? extends HasMetadata> type) {
    return SERVED.computeIfAbsent(type, t -> client.supports(type));
  }
}
