package dev.sidekick.operator.status;

import dev.sidekick.operator.api.Conditions;

/** The WebhooksRegistered condition. */
public final class WebhooksRegisteredCondition extends StatusCondition {
  private WebhooksRegisteredCondition(String status, String reason, String message) {
    super(Conditions.WEBHOOKS_REGISTERED, status, reason, message);
  }

  public static WebhooksRegisteredCondition met(String reason, String message) {
    return new WebhooksRegisteredCondition(TRUE, reason, message);
  }

  public static WebhooksRegisteredCondition failed(String reason, String message) {
    return new WebhooksRegisteredCondition(FALSE, reason, message);
  }

  public static WebhooksRegisteredCondition unknown(String reason, String message) {
    return new WebhooksRegisteredCondition(UNKNOWN, reason, message);
  }
}
