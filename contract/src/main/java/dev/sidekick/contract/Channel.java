package dev.sidekick.contract;

import java.util.Optional;

/**
 * A Gladly channel an endpoint serves. Its name is how runtime.yaml and the SidekickIntegration spell it
 * ({@code CHAT}, {@code MESSAGING}); its path is the last segment of the webhook URL ({@link WebhookRoute}).
 */
public enum Channel {
  CHAT("chat"),
  MESSAGING("messaging");

  private final String path;

  Channel(String path) {
    this.path = path;
  }

  public String path() {
    return path;
  }

  public static Optional<Channel> fromPath(String segment) {
    for (Channel c : values()) {
      if (c.path.equals(segment)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The channel of a name as written in configuration, in any case ({@code MESSAGING}, {@code messaging}). */
  public static Optional<Channel> fromName(String name) {
    for (Channel c : values()) {
      if (c.name().equalsIgnoreCase(name)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
