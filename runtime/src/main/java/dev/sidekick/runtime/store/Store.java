package dev.sidekick.runtime.store;

import dev.sidekick.runtime.config.RuntimeConfig;
import dev.sidekick.runtime.dedupe.EventLedger;
import dev.sidekick.runtime.dedupe.InMemoryEventLedger;
import dev.sidekick.runtime.dedupe.InMemorySessionLocks;
import dev.sidekick.runtime.dedupe.SessionLocks;
import dev.sidekick.runtime.handoff.HandedOver;
import dev.sidekick.runtime.handoff.InMemoryHandedOver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Where the exactly-once state lives: the claimed and handled event ids with their progress, the per-session
 * serialisation and the hand-off memory. In this process by default (one replica); in Redis when the configuration
 * names a store, so that every replica sees the same state.
 */
@ApplicationScoped
public class Store {
  private volatile Backend backend;

  private record Backend(EventLedger ledger, SessionLocks locks, HandedOver handedOver) {}

  /** Chooses the store from the configuration; called once at start-up, before any event. */
  public void start(RuntimeConfig config) {
    backend = new Backend(new InMemoryEventLedger(), new InMemorySessionLocks(), new InMemoryHandedOver());
  }

  @Produces
  @ApplicationScoped
  EventLedger ledger() {
    return started().ledger();
  }

  @Produces
  @ApplicationScoped
  SessionLocks sessionLocks() {
    return started().locks();
  }

  @Produces
  @ApplicationScoped
  HandedOver handedOver() {
    return started().handedOver();
  }

  private Backend started() {
    Backend b = backend;
    if (b == null) {
      throw new IllegalStateException("the store is used before start-up chose it");
    }
    return b;
  }
}
