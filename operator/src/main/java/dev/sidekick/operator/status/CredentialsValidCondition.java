package dev.sidekick.operator.status;

import dev.sidekick.operator.api.Conditions;

/** The CredentialsValid condition. */
public final class CredentialsValidCondition extends StatusCondition {
  private CredentialsValidCondition(String status, String reason, String message) {
    super(Conditions.CREDENTIALS_VALID, status, reason, message);
  }

  public static CredentialsValidCondition met(String reason, String message) {
    return new CredentialsValidCondition(TRUE, reason, message);
  }

  public static CredentialsValidCondition failed(String reason, String message) {
    return new CredentialsValidCondition(FALSE, reason, message);
  }

  public static CredentialsValidCondition unknown(String reason, String message) {
    return new CredentialsValidCondition(UNKNOWN, reason, message);
  }
}
