package dev.sidekick.runtime.config;

import java.util.Locale;
import java.util.Optional;

/** The two webhook routes of an endpoint: {@code /gladly/{endpoint}/chat} and {@code .../messaging}. */
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

  static Optional<Channel> fromName(String name) {
    try {
      return Optional.of(valueOf(name.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
