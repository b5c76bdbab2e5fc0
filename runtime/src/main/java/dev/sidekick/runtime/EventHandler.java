package dev.sidekick.runtime;

/**
 * Handles one accepted event of its channel. Throws {@link dev.sidekick.runtime.gladly.GladlyUnavailable}
 * when Gladly should redeliver (503) and {@link dev.sidekick.runtime.gladly.GladlyRefused} when it
 * should not (200, counted as a permanent failure).
 */
public interface EventHandler {
  Outcome handle(EventContext event);
}
