package dev.sidekick.runtime.gladly;

/** Gladly answered with a 4xx other than 429: trying again would not help (e.g. a closed conversation). */
public class GladlyRefused extends RuntimeException {
  private final int status;

  public GladlyRefused(String call, int status, String detail) {
    super(call + " -> " + status + (detail.isEmpty() ? "" : " " + detail), null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
