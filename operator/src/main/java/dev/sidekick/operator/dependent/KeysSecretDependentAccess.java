package dev.sidekick.operator.dependent;

import dev.sidekick.operator.api.SidekickIntegration;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/** The keys Secret as the workflow wants it in this reconcile (the same object the keys dependent wrote). */
final class KeysSecretDependentAccess {
  private KeysSecretDependentAccess() {}

  static Secret desiredKeys(SidekickIntegration sk, Context<SidekickIntegration> context) {
    Secret keys = ReconcileInputs.from(context).desiredKeys().get();
    if (keys == null) throw new IllegalStateException("the keys Secret step has not run");
    return keys;
  }
}
