package dev.sidekick.runtime.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidekick.runtime.Delivered;
import dev.sidekick.runtime.EventContext;
import dev.sidekick.runtime.EventHandler;
import dev.sidekick.runtime.Outcome;
import dev.sidekick.runtime.ResponderTime;
import dev.sidekick.runtime.automation.ChatHandler;
import dev.sidekick.contract.Channel;
import dev.sidekick.runtime.config.EndpointSettings;
import dev.sidekick.runtime.dedupe.EventLedger;
import dev.sidekick.runtime.dedupe.SessionLocks;
import dev.sidekick.runtime.dedupe.SessionLocks.Held;
import dev.sidekick.runtime.gladly.Deadline;
import dev.sidekick.runtime.gladly.Gladly;
import dev.sidekick.runtime.gladly.GladlyRefused;
import dev.sidekick.runtime.gladly.GladlyUnavailable;
import dev.sidekick.runtime.handoff.HandedOver;
import dev.sidekick.runtime.messaging.MessagingHandler;
import dev.sidekick.runtime.store.StoreUnavailable;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Handles an accepted event on a worker thread, before the webhook answers: one at a time per session or
 * conversation, at most once per event id, within the event's deadline. Gladly unavailable → 503 with the
 * progress kept for the redelivery; Gladly refusing → 200, counted and logged.
 */
@ApplicationScoped
public class EventIntake {
  private static final Logger LOG = Logger.getLogger(EventIntake.class);
  // Under Gladly's first redelivery (30 s after a failure), over any first delivery's delay and clock skew.
  static final Duration REDELIVERY_AGE = Duration.ofSeconds(25);
  // How far Gladly's clock as we read it (its Date header, whole seconds) may be off.
  private static final Duration CLOCK_READING = Duration.ofSeconds(2);

  @Inject SessionLocks locks;
  @Inject HandedOver doneWith;
  @Inject EventLedger ledger;
  @Inject ChatHandler chat;
  @Inject MessagingHandler messaging;
  @Inject MeterRegistry meters;
  @Inject FollowUps followUps;
  @Inject Gladly gladly;
  @Inject Event<Delivered> delivered;
  // Per (endpoint, handled type, outcome): a closed set, so each pair of timers is built once.
  private final Map<String, Timers> timers = new ConcurrentHashMap<>();

  public record Result(Outcome outcome, String detail) {}

  /** The event's handling time, and the same time less what its responder took (measured per event). */
  private record Timers(Timer handling, Timer withoutResponder) {}

  /** An event of an outage read from Gladly's Events API: handled as if Gladly had delivered it to this endpoint. */
  public Result caughtUp(EndpointSettings endpoint, JsonNode json, Deadline deadline) {
    Envelope event = Envelope.of(json);
    String serialKey;
    try {
      serialKey = event.serialKey();
    } catch (Envelope.MalformedEvent e) {
      return new Result(Outcome.MALFORMED, e.getMessage());
    }
    if (event.id().isEmpty()) {
      return new Result(Outcome.MALFORMED, "id is missing");
    }
    return handle(endpoint, event, serialKey, deadline, true, 0);
  }

  Result handle(EndpointSettings endpoint, Envelope event, String serialKey, Deadline deadline) {
    return handle(endpoint, event, serialKey, deadline, false, 0);
  }

  /** This process's own try {@code followUp} (1, 2, 3) of an event it had to refuse ({@link FollowUps}). */
  Result followUp(EndpointSettings endpoint, Envelope event, String serialKey, Deadline deadline, int followUp) {
    return handle(endpoint, event, serialKey, deadline, false, followUp);
  }

  private Result handle(
      EndpointSettings endpoint, Envelope event, String serialKey, Deadline deadline, boolean fromCatchUp,
      int followUp) {
    Timer.Sample sample = Timer.start(meters);
    ResponderTime responderTime = new ResponderTime();
    MDC.put("eventId", event.id());
    MDC.put("eventType", event.type());
    MDC.put("endpoint", endpoint.name());
    Result result = null;
    try {
      result = handleSerially(endpoint, event, serialKey, deadline, responderTime, fromCatchUp, followUp);
      return result;
    } finally {
      Outcome outcome = result == null ? Outcome.FAILED_PERMANENTLY : result.outcome();
      if (outcome != Outcome.RETRY_LATER) {
        Channel channel = event.type().equals(Envelope.AUTOMATION_MESSAGE) ? Channel.CHAT : Channel.MESSAGING;
        delivered.fire(new Delivered(Delivered.Kind.EVENT_HANDLED, endpoint.name(), channel, event.recordedAt()));
      }
      Timers t = timers.computeIfAbsent(
          endpoint.name() + '\n' + event.type() + '\n' + outcome.name(),
          k -> new Timers(
              timer("sidekick.event.handling", "Time from accepting an event to answering Gladly", endpoint, event, outcome),
              timer("sidekick.event.handling.without.responder",
                  "Time from accepting an event to answering Gladly, less the time its responder took", endpoint, event, outcome)));
      long nanos = sample.stop(t.handling());
      t.withoutResponder().record(nanos - responderTime.nanos(), TimeUnit.NANOSECONDS);
      MDC.remove("eventId");
      MDC.remove("eventType");
      MDC.remove("endpoint");
    }
  }

  /**
   * Gladly's time now. An event recorded after what we take for Gladly's now means our reading of its clock is stale
   * (it only moves with Gladly's answers): read it again first.
   */
  private java.time.Instant gladlyNow(Envelope event, Deadline deadline) {
    java.time.Instant now = gladly.now();
    if (event.recordedAt().map(t -> t.isAfter(now.plus(CLOCK_READING))).orElse(false)) {
      return gladly.readClock(deadline);
    }
    return now;
  }

  /** A moment of our clock (or Redis's) on Gladly's, which event timestamps are on. */
  private java.time.Instant onGladlysClock(java.time.Instant ours) {
    return ours.plus(java.time.Duration.between(java.time.Instant.now(), gladly.now()));
  }

  private Timer timer(String name, String description, EndpointSettings endpoint, Envelope event, Outcome outcome) {
    return Timer.builder(name)
        .description(description)
        .publishPercentileHistogram()
        .tag("endpoint", endpoint.name())
        .tag("type", event.type())
        .tag("outcome", outcome.tag())
        .register(meters);
  }

  private Result handleSerially(
      EndpointSettings endpoint, Envelope event, String serialKey, Deadline deadline, ResponderTime responderTime,
      boolean fromCatchUp, int followUp) {
    try {
      return handleWithStore(endpoint, event, serialKey, deadline, responderTime, fromCatchUp);
    } catch (StoreUnavailable e) {
      // Never answer without the store that keeps the answer single: Gladly redelivers, and this process tries again
      // sooner, as when Gladly is unavailable. A failover of the store takes seconds; Gladly's first redelivery comes
      // 30 s later and its second 5 min after that, when a chat whose first two tries met the failover is closed.
      LOG.warnf("the store is unavailable, asking for redelivery: %s", e.getMessage());
      followUps.schedule(endpoint, event, serialKey, followUp + 1, this);
      return new Result(Outcome.RETRY_LATER, "store unavailable; redeliver");
    }
  }

  private Result handleWithStore(
      EndpointSettings endpoint, Envelope event, String serialKey, Deadline deadline, ResponderTime responderTime,
      boolean fromCatchUp) {
    Optional<Held> held;
    try {
      held = locks.lock(serialKey, deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(Outcome.RETRY_LATER, "interrupted");
    }
    if (held.isEmpty()) {
      LOG.warn("earlier events of this conversation took the whole deadline; asking Gladly to redeliver");
      return new Result(Outcome.RETRY_LATER, "conversation busy");
    }
    try (Held lock = held.get()) {
      EventLedger.Claim claim = ledger.claim(event.id());
      if (claim instanceof EventLedger.Claim.Duplicate) {
        LOG.debug("duplicate event, already handled");
        return new Result(Outcome.DUPLICATE, "already handled");
      }
      if (claim instanceof EventLedger.Claim.Busy) {
        return new Result(Outcome.RETRY_LATER, "being handled");
      }
      EventLedger.Claim.Granted granted = (EventLedger.Claim.Granted) claim;
      // the message is remembered too: one message comes under two event ids (Gladly's delivery, catch-up's copy from
      // the Events API), and the ledger knows event ids only
      Optional<String> message = event.messageId().map(id -> "message:" + id);
      if (message.isPresent() && doneWith.contains(message.get())) {
        ledger.finish(event.id());
        LOG.info("the message of this event was handled under another event id: left alone");
        return new Result(Outcome.DUPLICATE, "message already handled");
      }
      if (granted.progress().attempts() == 1
          && (fromCatchUp
              || event.recordedBefore(onGladlysClock(granted.rememberedSince()))
              || event.olderThan(REDELIVERY_AGE, gladlyNow(event, deadline)))) {
        // Recorded before the ledger began to remember, or surely delivered before: an attempt may have left no
        // record (this process before a restart, a store that lost its data). Check each write in Gladly first.
        LOG.info("an event the ledger may have forgotten: each write is checked in Gladly first");
        granted.progress().redeliveryFromElsewhere();
      }
      EventHandler handler = event.type().equals(Envelope.AUTOMATION_MESSAGE) ? chat : messaging;
      EventContext context =
          new EventContext(
              event.id(), event.type(), event.content(), endpoint, deadline, granted.progress(), responderTime,
              fromCatchUp);
      try {
        Outcome outcome = handler.handle(context);
        message.ifPresent(doneWith::add);
        ledger.finish(event.id());
        LOG.infof("event handled: %s", outcome.tag());
        return new Result(outcome, "");
      } catch (GladlyUnavailable e) {
        ledger.release(event.id());
        LOG.warnf("Gladly unavailable, asking for redelivery (attempt %d): %s", granted.progress().attempts(), e.getMessage());
        // Gladly's first redelivery is 30 s away (and a chat session closes after 5 quiet minutes): try sooner too.
        followUps.schedule(endpoint, event, serialKey, granted.progress().attempts(), this);
        return new Result(Outcome.RETRY_LATER, "Gladly unavailable; redeliver");
      } catch (StoreUnavailable e) {
        try {
          ledger.release(event.id());
        } catch (StoreUnavailable again) {
          // the lease runs out by itself before Gladly redelivers
        }
        throw e; // followed up like a store failure before the claim
      } catch (GladlyRefused e) {
        message.ifPresent(doneWith::add);
        ledger.finish(event.id());
        LOG.warnf("Gladly refused, giving up on this event: %s", e.getMessage());
        return new Result(Outcome.FAILED_PERMANENTLY, "Gladly refused: " + e.status());
      } catch (RuntimeException e) {
        // A bug must not make Gladly retry four times and disable the webhook: count it, log it, answer 200.
        ledger.finish(event.id());
        LOG.errorf(e, "event failed unexpectedly");
        return new Result(Outcome.FAILED_PERMANENTLY, "internal error");
      }
    }
  }
}
