package dev.sidekick.runtime.gladly;

import java.time.Duration;

/** The moment by which an event must be answered (200) or refused (503), so Gladly's 15 s is never hit. */
public final class Deadline {
  private final long endNanos;

  private Deadline(long endNanos) {
    this.endNanos = endNanos;
  }

  public static Deadline in(Duration d) {
    return new Deadline(System.nanoTime() + d.toNanos());
  }

  public long remainingNanos() {
    return endNanos - System.nanoTime();
  }

  public Duration remaining() {
    return Duration.ofNanos(Math.max(0, remainingNanos()));
  }

  public boolean expired() {
    return remainingNanos() <= 0;
  }

  /** The smaller of {@code d} and what is left, keeping {@code reserve} for what must come after. */
  public Duration budget(Duration d, Duration reserve) {
    long left = remainingNanos() - reserve.toNanos();
    return Duration.ofNanos(Math.max(0, Math.min(d.toNanos(), left)));
  }
}
