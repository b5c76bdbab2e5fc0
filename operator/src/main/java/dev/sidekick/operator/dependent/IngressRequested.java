package dev.sidekick.operator.dependent;

import dev.sidekick.operator.api.SidekickIntegration;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** Reconcile precondition of the Ingress: only when spec.ingress is set (else it is deleted). */
public class IngressRequested implements Condition<Ingress, SidekickIntegration> {
  @Override
  public boolean isMet(
      DependentResource<Ingress, SidekickIntegration> dependent,
      SidekickIntegration sk,
      Context<SidekickIntegration> context) {
    return sk.getSpec().ingress != null;
  }
}
