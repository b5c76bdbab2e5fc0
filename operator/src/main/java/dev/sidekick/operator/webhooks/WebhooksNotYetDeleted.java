package dev.sidekick.operator.webhooks;

import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowCleanupResult;
import java.time.Duration;
import java.util.Optional;

/** Gladly still holds some of a deleted resource's webhooks: keep the finalizer and try again later. */
public final class WebhooksNotYetDeleted extends RuntimeException {
  private final Duration retryIn;

  WebhooksNotYetDeleted(String message, Duration retryIn) {
    super(message);
    this.retryIn = retryIn;
  }

  public Duration retryIn() {
    return retryIn;
  }

  /** The webhooks dependent's answer in a workflow cleanup, when it asks for another attempt. */
  public static Optional<WebhooksNotYetDeleted> in(WorkflowCleanupResult cleanup) {
    return cleanup.getErroredDependents().values().stream()
        .filter(WebhooksNotYetDeleted.class::isInstance)
        .map(WebhooksNotYetDeleted.class::cast)
        .findFirst();
  }
}
