package dev.sidekick.runtime.gladly;

/**
 * Gladly could not be reached in time (429, 5xx, timeout) after bounded retries. The event is refused with
 * 503 so that Gladly redelivers it. {@link #uncertain()} means the call may have taken effect anyway.
 */
public class GladlyUnavailable extends RuntimeException {
  private final boolean uncertain;

  public GladlyUnavailable(String message, boolean uncertain) {
    super(message, null, false, false);
    this.uncertain = uncertain;
  }

  public boolean uncertain() {
    return uncertain;
  }
}
