package dev.sidekick.operator.reconciler;

import dev.sidekick.operator.api.SidekickIntegration;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowCleanupResult;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowReconcileResult;

/**
 * Runs the reconciler's workflow and hands back what each dependent did, failures included, for status to tell.
 * QOSDK 7.7.3 does not pass {@code @Workflow(handleExceptionsInReconciler = true)} on to JOSDK (its
 * {@code QuarkusWorkflowSpec.handleExceptionsInReconciler()} answers false), so JOSDK throws what failed; it
 * records the result in the context first, and that is what is returned here.
 */
final class ManagedWorkflow {
  private ManagedWorkflow() {}

  static WorkflowReconcileResult reconcile(Context<SidekickIntegration> context) {
    var workflow = context.managedWorkflowAndDependentResourceContext();
    try {
      return workflow.reconcileManagedWorkflow();
    } catch (AggregatedOperatorException e) {
      return workflow.getWorkflowReconcileResult().orElseThrow(() -> e);
    }
  }

  static WorkflowCleanupResult cleanup(Context<SidekickIntegration> context) {
    var workflow = context.managedWorkflowAndDependentResourceContext();
    try {
      return workflow.cleanupManageWorkflow();
    } catch (AggregatedOperatorException e) {
      return workflow.getWorkflowCleanupResult().orElseThrow(() -> e);
    }
  }
}
