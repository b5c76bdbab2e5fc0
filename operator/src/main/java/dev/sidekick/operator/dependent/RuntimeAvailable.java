package dev.sidekick.operator.dependent;

import dev.sidekick.operator.api.SidekickIntegration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * Ready postcondition of the Deployment: the webhooks wait for it, because Gladly PINGs a webhook's URL when
 * it is created or enabled and refuses the webhook without a 200.
 */
public class RuntimeAvailable implements Condition<Deployment, SidekickIntegration> {
  @Override
  public boolean isMet(
      DependentResource<Deployment, SidekickIntegration> dependent,
      SidekickIntegration sk,
      Context<SidekickIntegration> context) {
    return dependent
        .getSecondaryResource(sk, context)
        .map(d -> RuntimeDeploymentDependent.available(d, sk))
        .orElse(false);
  }
}
