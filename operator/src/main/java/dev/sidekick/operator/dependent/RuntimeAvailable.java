package dev.sidekick.operator.dependent;

import dev.sidekick.operator.api.SidekickIntegration;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import java.util.List;

/**
 * Ready postcondition of the Deployment: the webhooks wait for it, because Gladly PINGs a webhook's URL when it is
 * created or enabled and refuses the webhook without a 200, and a webhook's new key or new endpoint must only reach
 * pods that know it. So the Deployment must be rolled out and available, and no pod of an older template may still
 * run: a terminating pod keeps serving through its preStop pause and its drain, and would answer the new key with
 * 401 or the new endpoint with 404.
 */
public class RuntimeAvailable implements Condition<Deployment, SidekickIntegration> {
  @Override
  public boolean isMet(
      DependentResource<Deployment, SidekickIntegration> dependent,
      SidekickIntegration sk,
      Context<SidekickIntegration> context) {
    return dependent
        .getSecondaryResource(sk, context)
        .filter(RuntimeDeploymentDependent::available)
        .map(d -> onlyCurrentPods(d, context.getClient().pods().inNamespace(sk.getMetadata().getNamespace())
            .withLabels(Names.selector(sk)).list().getItems()))
        .orElse(false);
  }

  /**
   * Only the rolled-out pods are left: the Deployment counts no more pods than it wants (no pod of an older template
   * still running) and no pod of the runtime is terminating (those the Deployment no longer counts).
   */
  static boolean onlyCurrentPods(Deployment d, List<Pod> pods) {
    int wanted = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    Integer counted = d.getStatus() == null ? null : d.getStatus().getReplicas();
    return (counted == null || counted <= wanted)
        && pods.stream().noneMatch(p -> p.getMetadata().getDeletionTimestamp() != null);
  }
}
