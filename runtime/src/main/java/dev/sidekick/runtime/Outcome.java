package dev.sidekick.runtime;

/** What became of one webhook delivery: its HTTP status and its name in metrics and logs. */
public enum Outcome {
  UNKNOWN_ENDPOINT(404),
  UNAUTHORIZED(401),
  TOO_LARGE(413),
  MALFORMED(400),
  NOT_READY(503),
  PING(200),
  UNHANDLED_TYPE(200),
  DUPLICATE(200),
  ANSWERED(200),
  HANDED_OFF(200),
  CLOSED(200),
  LEFT_ALONE(200),
  // shadow mode: what the endpoint would have done; the customer got nothing from Sidekick
  SHADOW_ANSWERED(200),
  SHADOW_HANDED_OFF(200),
  SHADOW_CLOSED(200),
  FAILED_PERMANENTLY(200),
  RETRY_LATER(503);

  private final int status;

  Outcome(int status) {
    this.status = status;
  }

  public int status() {
    return status;
  }

  public String tag() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
