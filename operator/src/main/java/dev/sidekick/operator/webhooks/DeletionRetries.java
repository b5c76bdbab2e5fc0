package dev.sidekick.operator.webhooks;

import java.time.Duration;
import java.time.Instant;

/**
 * How long deleting a resource's webhooks is retried against a failing Gladly: attempt k waits k intervals, at
 * most {@code maxAttempts} attempts. The attempts are counted in memory, so a restarted operator or a new leader
 * would start again from one: the deletion timestamp, kept by Kubernetes, bounds the whole schedule as well.
 */
record DeletionRetries(int maxAttempts, Duration interval) {

  boolean spent(int attempt, String deletionTimestamp, Instant now) {
    // the whole schedule is 1 + 2 + ... + max intervals
    Duration schedule = interval.multipliedBy((long) maxAttempts * (maxAttempts + 1) / 2);
    return attempt >= maxAttempts
        || (deletionTimestamp != null && !Instant.parse(deletionTimestamp).plus(schedule).isAfter(now));
  }

  Duration waitAfter(int attempt) {
    return interval.multipliedBy(attempt);
  }
}
