package dev.sidekick.operator.gladly;

import dev.sidekick.operator.gladly.GladlyModel.Error;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A Gladly call that failed: an HTTP status (0 when Gladly could not be reached) and Gladly's error list. The
 * message names the call and Gladly's error detail, never credentials or header values.
 */
public class GladlyException extends RuntimeException {
  private final int status;
  private final List<Error> errors;
  /** Retry-After of a 429, when Gladly sends one. */
  String retryAfter;

  public GladlyException(String call, int status, List<Error> errors, Throwable cause) {
    super(describe(call, status, errors), cause);
    this.status = status;
    this.errors = errors == null ? List.of() : List.copyOf(errors);
  }

  private static String describe(String call, int status, List<Error> errors) {
    StringBuilder sb = new StringBuilder(call);
    sb.append(status == 0 ? " could not reach Gladly" : " answered " + status);
    if (errors != null && !errors.isEmpty()) {
      sb.append(": ");
      for (int i = 0; i < errors.size(); i++) {
        Error e = errors.get(i);
        if (i > 0) sb.append("; ");
        if (e.attr() != null) sb.append(e.attr()).append(' ');
        if (e.code() != null) sb.append(e.code());
        if (e.detail() != null) sb.append(" (").append(e.detail()).append(')');
      }
    }
    return sb.toString();
  }

  public int status() {
    return status;
  }

  public List<Error> errors() {
    return errors;
  }

  public boolean isUnauthorized() {
    return status == 401;
  }

  public boolean isForbidden() {
    return status == 403;
  }

  public boolean isNotFound() {
    return status == 404;
  }

  /** Gladly may recover by itself: unreachable, 429 or 5xx. */
  public boolean isTransient() {
    return status == 0 || status == 429 || status >= 500;
  }

  /**
   * When Gladly may get over this by itself ({@link #isTransient()}): how long it asked us to wait, zero when it
   * did not say. Empty for a failure that waiting does not cure.
   */
  public Optional<Duration> retrySoon() {
    return isTransient() ? Optional.of(retryAfter().orElse(Duration.ZERO)) : Optional.empty();
  }

  /** How long Gladly asked us to wait (Retry-After in seconds); empty when it did not say, or gave a date. */
  public Optional<Duration> retryAfter() {
    if (retryAfter == null) return Optional.empty();
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim()))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  public boolean rejectsAttribute(String attr) {
    return status == 400 && errors.stream().anyMatch(e -> attr.equals(e.attr()));
  }
}
