package dev.sidekick.runtime;

import dev.sidekick.contract.Channel;
import java.time.Instant;
import java.util.Optional;

/**
 * What an endpoint's webhook brought in, as a CDI event for whoever keeps track of it (catch-up): an event handled for
 * good, or Gladly's PING (a webhook created, enabled again, or moved). {@code recordedAt} is Gladly's timestamp of it.
 */
public record Delivered(Kind kind, String endpoint, Channel channel, Optional<Instant> recordedAt) {
  public enum Kind {
    EVENT_HANDLED,
    PING
  }
}
