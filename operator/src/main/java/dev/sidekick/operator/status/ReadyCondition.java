package dev.sidekick.operator.status;

import dev.sidekick.operator.api.Conditions;
import java.util.List;

/** Ready: all other conditions are true; otherwise it names the first that is not. */
public final class ReadyCondition extends StatusCondition {
  private ReadyCondition(String status, String reason, String message) {
    super(Conditions.READY, status, reason, message);
  }

  public static ReadyCondition of(List<StatusCondition> parts) {
    for (StatusCondition c : parts) {
      if (!c.isTrue()) {
        return new ReadyCondition(FALSE, c.reason(), c.type() + ": " + c.message());
      }
    }
    return new ReadyCondition(TRUE, Conditions.Reason.READY, "Runtime available and Gladly webhooks registered");
  }

  /** Not ready for a reason that no other condition expresses (invalid spec, suspended). */
  public static ReadyCondition blocked(String reason, String message) {
    return new ReadyCondition(FALSE, reason, message);
  }
}
