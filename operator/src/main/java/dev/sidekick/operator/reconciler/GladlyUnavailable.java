package dev.sidekick.operator.reconciler;

import dev.sidekick.operator.gladly.GladlyException;

/**
 * Gladly did not give the answer a step of the check needs (no answer, or any failure other than one the
 * step reports itself); reported under the step's condition as GladlyUnavailable, unless a retry comes first.
 */
final class GladlyUnavailable extends RuntimeException {
  private final String condition;

  GladlyUnavailable(String condition, GladlyException cause) {
    super(cause.getMessage(), cause);
    this.condition = condition;
  }

  String condition() {
    return condition;
  }

  GladlyException gladly() {
    return (GladlyException) getCause();
  }
}
