package dev.sidekick.operator.status;

import dev.sidekick.operator.api.Conditions;

/** The RuntimeAvailable condition. */
public final class RuntimeAvailableCondition extends StatusCondition {
  private RuntimeAvailableCondition(String status, String reason, String message) {
    super(Conditions.RUNTIME_AVAILABLE, status, reason, message);
  }

  public static RuntimeAvailableCondition met(String reason, String message) {
    return new RuntimeAvailableCondition(TRUE, reason, message);
  }

  public static RuntimeAvailableCondition failed(String reason, String message) {
    return new RuntimeAvailableCondition(FALSE, reason, message);
  }

  public static RuntimeAvailableCondition unknown(String reason, String message) {
    return new RuntimeAvailableCondition(UNKNOWN, reason, message);
  }
}
