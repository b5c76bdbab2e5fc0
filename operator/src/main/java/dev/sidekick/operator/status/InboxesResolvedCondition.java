package dev.sidekick.operator.status;

import dev.sidekick.operator.api.Conditions;

/** The InboxesResolved condition. */
public final class InboxesResolvedCondition extends StatusCondition {
  private InboxesResolvedCondition(String status, String reason, String message) {
    super(Conditions.INBOXES_RESOLVED, status, reason, message);
  }

  public static InboxesResolvedCondition met(String reason, String message) {
    return new InboxesResolvedCondition(TRUE, reason, message);
  }

  public static InboxesResolvedCondition failed(String reason, String message) {
    return new InboxesResolvedCondition(FALSE, reason, message);
  }

  public static InboxesResolvedCondition unknown(String reason, String message) {
    return new InboxesResolvedCondition(UNKNOWN, reason, message);
  }
}
