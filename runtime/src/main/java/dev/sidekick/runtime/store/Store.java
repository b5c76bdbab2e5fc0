package dev.sidekick.runtime.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidekick.runtime.catchup.CatchUpMarks;
import dev.sidekick.runtime.catchup.InMemoryCatchUpMarks;
import dev.sidekick.runtime.config.RuntimeConfig;
import dev.sidekick.runtime.config.SecretFiles;
import dev.sidekick.runtime.dedupe.EventLedger;
import dev.sidekick.runtime.dedupe.InMemoryEventLedger;
import dev.sidekick.runtime.dedupe.InMemorySessionLocks;
import dev.sidekick.runtime.dedupe.SessionLocks;
import dev.sidekick.runtime.gladly.SharedBudget;
import dev.sidekick.runtime.handoff.HandedOver;
import dev.sidekick.runtime.handoff.InMemoryHandedOver;
import dev.sidekick.runtime.outcomes.InMemoryResolutions;
import dev.sidekick.runtime.outcomes.Resolutions;
import dev.sidekick.runtime.responder.orders.InMemoryOrderMemory;
import dev.sidekick.runtime.responder.orders.OrderMemory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Where the exactly-once state lives: the claimed and handled event ids with their progress, the per-session
 * serialisation, the hand-off memory, each conversation's order state, catch-up's marks, the answers waiting to count as resolved and
 * Gladly's request budget. In this process by default (one replica); in Redis
 * when the configuration names a store, so that every replica sees the same state and spends one budget.
 */
@ApplicationScoped
public class Store {
  private static final Logger LOG = Logger.getLogger(Store.class);
  // Over an event's deadline (handled before its lease ends), under Gladly's first redelivery (30 s).
  private static final Duration LEASE_OVER_DEADLINE = Duration.ofSeconds(5);

  @Inject Vertx vertx;
  @Inject SecretFiles secrets;
  @Inject ObjectMapper json;
  @Inject MeterRegistry meters;

  private volatile Backend backend;
  private volatile RedisConnection redis;

  private record Backend(
      EventLedger ledger, SessionLocks locks, HandedOver handedOver, CatchUpMarks marks, OrderMemory orders,
      Resolutions resolutions, Optional<SharedBudget> budget, String where) {}

  /** Chooses the store from the configuration; called once at start-up, before any event. */
  public void start(RuntimeConfig config) {
    // registered with the process store too (where it stays 0): dashboards and alerts find it in every runtime
    Counter unavailable = Counter.builder("sidekick.store.unavailable")
        .description("Store commands that failed twice: the event waits for Gladly's redelivery (503)")
        .register(meters);
    if (config.store().isEmpty()) {
      backend = new Backend(
          new InMemoryEventLedger(), new InMemorySessionLocks(), new InMemoryHandedOver(), new InMemoryCatchUpMarks(),
          new InMemoryOrderMemory(), new InMemoryResolutions(), Optional.empty(), "process");
      return;
    }
    RuntimeConfig.Store settings = config.store().get();
    redis = new RedisConnection(vertx, settings, secrets, unavailable::increment);
    Duration lease = config.eventDeadline().plus(LEASE_OVER_DEADLINE);
    backend = new Backend(
        new RedisEventLedger(redis, new ReplyCodec(json), lease),
        new RedisSessionLocks(redis, lease),
        new RedisHandedOver(redis),
        new RedisCatchUpMarks(redis),
        new RedisOrderMemory(redis),
        new RedisResolutions(redis),
        Optional.of(new RedisBudget(redis, config.gladly().requestsPerSecond(), config.gladly().baseUrl())),
        "Redis at " + settings.where());
    LOG.infof("exactly-once state and Gladly's budget shared through Redis at %s (keys %s:*)",
        settings.where(), settings.keyPrefix());
  }

  /** What a person reads in logs and readiness: "process" or "Redis at HOST". */
  public String where() {
    return started().where();
  }

  public boolean shared() {
    return started().budget().isPresent();
  }

  /** Gladly's budget shared by the replicas; empty with the process store (the local limiter is all). */
  public Optional<SharedBudget> budget() {
    return started().budget();
  }

  /** The shared store's connection, for the few that need Redis itself (catch-up's single runner); empty otherwise. */
  public Optional<RedisConnection> redis() {
    return Optional.ofNullable(redis);
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

  @Produces
  @ApplicationScoped
  CatchUpMarks catchUpMarks() {
    return started().marks();
  }

  @Produces
  @ApplicationScoped
  OrderMemory orderMemory() {
    return started().orders();
  }

  @Produces
  @ApplicationScoped
  Resolutions resolutions() {
    return started().resolutions();
  }

  void onStop(@Observes ShutdownEvent event) {
    RedisConnection r = redis;
    if (r != null) {
      r.close();
    }
  }

  private Backend started() {
    Backend b = backend;
    if (b == null) {
      throw new IllegalStateException("the store is used before start-up chose it");
    }
    return b;
  }
}
