package dev.sidekick.gladlysim.delivery;

import java.time.Instant;

/**
 * One HTTP request of the delivery log, as Gladly's webhook log shows it: status, event type, time, request, response.
 * {@code attempt} 1 is the first delivery, 2 to 5 the retries.
 */
public record Delivery(
    long seq,
    String webhookId,
    String eventId,
    String eventType,
    int attempt,
    Instant occurredAt,
    Integer statusCode,
    boolean timedOut,
    String error,
    Outcome outcome,
    String requestBody) {

  /** Gladly's log statuses: Success; Debug (failed, will be retried); Error (retries exhausted, webhook disabled). */
  public enum Outcome {
    Success,
    Debug,
    Error
  }

  public boolean succeeded() {
    return outcome == Outcome.Success;
  }
}
