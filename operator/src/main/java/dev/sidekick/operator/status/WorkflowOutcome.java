package dev.sidekick.operator.status;

import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.dependent.CurrentKeys;
import dev.sidekick.operator.dependent.RuntimeDeploymentDependent;
import dev.sidekick.operator.dependent.RuntimePodMonitor;
import dev.sidekick.operator.webhooks.GladlyWebhooks;
import dev.sidekick.operator.webhooks.GladlyWebhooksDependent;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowReconcileResult;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the workflow came to, read from JOSDK's result: whether the runtime is available, the Gladly webhooks as
 * their dependent left them (empty while they wait for the runtime), what the API server refused, and whether a
 * key rotation still waits for Gladly, and whether the cluster serves the PodMonitor that the spec asks for.
 */
public record WorkflowOutcome(
    boolean runtimeAvailable,
    Optional<GladlyWebhooks> webhooks,
    Map<String, Exception> refused,
    boolean rotating,
    boolean podMonitorServed) {

  @SuppressWarnings("unchecked")
  public static WorkflowOutcome of(
      WorkflowReconcileResult result, SidekickIntegration sk, Context<SidekickIntegration> context) {
    boolean available =
        result
            .getDependentResourceByName(RuntimeDeploymentDependent.NAME)
            .map(d -> result.getReconciledDependents().contains(d) && !result.getNotReadyDependents().contains(d))
            .orElse(false);
    Optional<GladlyWebhooks> webhooks =
        result
            .getDependentResourceByName(GladlyWebhooksDependent.NAME)
            .flatMap(d -> (Optional<GladlyWebhooks>) d.getSecondaryResource(sk, context));
    Map<String, Exception> refused = new TreeMap<>();
    result.getErroredDependents().forEach((dependent, e) -> refused.put(dependent.name(), e));
    boolean rotating = CurrentKeys.written(sk, context).map(CurrentKeys::rotationPending).orElse(false);
    // asked only when wanted: each "not served" answer costs a discovery read
    boolean podMonitorServed =
        sk.getSpec().runtimeOrDefault().podMonitorEnabled() && RuntimePodMonitor.served(context.getClient());
    return new WorkflowOutcome(available, webhooks, refused, rotating, podMonitorServed);
  }

  /** Gladly failed in a way it may get over by itself, and asked to wait this long (zero: not said). */
  public Optional<Duration> gladlyFailedForAMoment() {
    return webhooks.flatMap(GladlyWebhooks::retrySoon);
  }

  public boolean failed() {
    return !refused.isEmpty() || webhooks.map(w -> !w.problems().isEmpty()).orElse(false);
  }
}
