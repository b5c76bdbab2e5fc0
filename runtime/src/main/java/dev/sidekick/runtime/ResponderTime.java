package dev.sidekick.runtime;

/**
 * The time one event spent in its responder, so that its handling can be measured without it too (issue 3's
 * latency goal excludes the responder). Used by the one worker thread that handles the event.
 */
public final class ResponderTime {
  private long nanos;

  public void add(long nanos) {
    this.nanos += nanos;
  }

  public long nanos() {
    return nanos;
  }
}
