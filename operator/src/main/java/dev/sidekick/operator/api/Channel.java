package dev.sidekick.operator.api;

/** A Gladly channel an endpoint serves; each becomes one webhook. */
public enum Channel {
  CHAT("chat"),
  MESSAGING("messaging");

  private final String path;

  Channel(String path) {
    this.path = path;
  }

  /** Last segment of the webhook URL, shared with the runtime's routes (docs/runtime-config.md). */
  public String path() {
    return path;
  }
}
