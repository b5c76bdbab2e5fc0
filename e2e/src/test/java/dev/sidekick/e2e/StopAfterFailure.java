package dev.sidekick.e2e;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/** The steps of a walkthrough build on each other: after one fails, the later ones do not run (the suite fails). */
final class StopAfterFailure implements TestExecutionExceptionHandler, ExecutionCondition {
  private volatile String failed;

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable error) throws Throwable {
    failed = context.getDisplayName();
    throw error;
  }

  boolean failed() {
    return failed != null;
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return failed == null || context.getTestMethod().isEmpty()
        ? ConditionEvaluationResult.enabled("no earlier step failed")
        : ConditionEvaluationResult.disabled("an earlier step failed: " + failed);
  }
}
