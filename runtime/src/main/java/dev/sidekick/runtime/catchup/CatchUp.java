package dev.sidekick.runtime.catchup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidekick.runtime.Delivered;
import dev.sidekick.runtime.Identity;
import dev.sidekick.runtime.Outcome;
import dev.sidekick.runtime.RuntimeState;
import dev.sidekick.contract.Channel;
import dev.sidekick.runtime.config.EndpointSettings;
import dev.sidekick.runtime.config.RuntimeConfig;
import dev.sidekick.runtime.gladly.Deadline;
import dev.sidekick.runtime.gladly.Gladly;
import dev.sidekick.runtime.gladly.GladlyModel;
import dev.sidekick.runtime.gladly.GladlyRefused;
import dev.sidekick.runtime.gladly.GladlyUnavailable;
import dev.sidekick.runtime.responder.Responders;
import dev.sidekick.runtime.store.StoreUnavailable;
import dev.sidekick.runtime.webhook.EventIntake;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Answers the customers of an outage. Gladly gives up on a webhook after four failed retries (about 1 h 35 min) and
 * drops what happens while it is disabled; its Events API keeps the last 24 hours. So when the runtime starts, and when
 * Gladly PINGs a webhook (created, or enabled again after it was disabled), the gap since that channel last had an event
 * handled is read from the Events API, and its customer messages that are still unanswered go through the same intake
 * as a webhook delivery: once, by one replica, and left alone when a human has taken the conversation since.
 */
@ApplicationScoped
public class CatchUp {
  private static final Logger LOG = Logger.getLogger(CatchUp.class);
  // Before the last handled event: what may have been failing (and retried by Gladly) when the gap began.
  static final Duration BEFORE_GAP = Duration.ofMinutes(5);
  // Inside the Events API's 24 hours, for clock skew.
  private static final Duration WINDOW_MARGIN = Duration.ofMinutes(10);
  private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration TURN_WAIT = Duration.ofMinutes(5);
  private static final Duration KNOWLEDGE_WAIT = Duration.ofMinutes(2);
  // Marks are written to the store at most this often per channel (they only say where a gap would begin).
  private static final long MARK_EVERY_MILLIS = 5000;
  private static final List<String> ENTITIES = List.of("CONTACT", "CONVERSATION");

  @Inject RuntimeState state;
  @Inject Responders responders;
  @Inject Gladly gladly;
  @Inject EventIntake intake;
  @Inject CatchUpMarks marks;
  @Inject MeterRegistry meters;
  @Inject Identity identity;

  private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "sidekick-catch-up");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, Long> markedAt = new ConcurrentHashMap<>();
  private final Map<String, Instant> latest = new ConcurrentHashMap<>();

  /** The runtime is ready: catch up on every channel since its last handled event (or as far back as configured). */
  public void started() {
    RuntimeConfig config = state.config().orElseThrow();
    if (!config.catchUp().enabled()) {
      return;
    }
    List<String> channels = new ArrayList<>();
    config.endpoints().forEach(e -> e.channels().forEach(c -> channels.add(mark(e.name(), c))));
    submit(new Gap("start", channels, Optional.empty(), Optional.empty(), System.nanoTime()));
  }

  void onDelivered(@Observes Delivered d) {
    String channel = mark(d.endpoint(), d.channel());
    if (d.kind() == Delivered.Kind.EVENT_HANDLED) {
      d.recordedAt().ifPresent(at -> remember(channel, at));
      return;
    }
    boolean enabled = state.config().map(c -> c.catchUp().enabled()).orElse(false);
    if (enabled) {
      // after the PING answered 200, Gladly enables the webhook: what came before is the gap
      submit(new Gap("PING of " + channel, List.of(channel), Optional.of(d.endpoint()), d.recordedAt(), System.nanoTime()));
    }
  }

  /** A gap to close: on these channels, up to {@code end} (Gladly's time; empty: as far as the Events API serves). */
  private record Gap(String why, List<String> channels, Optional<String> endpoint, Optional<Instant> end, long since) {}

  private void submit(Gap gap) {
    runner.execute(() -> {
      try {
        close(gap);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        LOG.warnf("catch-up (%s) failed: %s", gap.why(), e.toString());
        meters.counter("sidekick.catch.up.runs", "outcome", "failed").increment();
      }
    });
  }

  private void close(Gap gap) throws InterruptedException {
    RuntimeConfig config = state.config().orElseThrow();
    awaitKnowledge();
    // the Events API is up to 15 s behind: wait until what happened before the trigger is there
    long lagNanos = config.catchUp().lag().toNanos() - (System.nanoTime() - gap.since());
    if (lagNanos > 0) {
      Thread.sleep(lagNanos / 1_000_000, (int) (lagNanos % 1_000_000));
    }
    boolean ran = marks.exclusively(TURN_WAIT, () -> replay(gap, config));
    if (!ran) {
      LOG.warnf("catch-up (%s) skipped: another replica kept the turn for %s", gap.why(), TURN_WAIT);
    }
  }

  /**
   * Catch-up starts once Gladly knows Sidekick, which may come before the knowledge bases are built and checked: the
   * customers of the gap would all be handed off as "still loading". It waits for them (readiness waits for them
   * too), and after {@link #KNOWLEDGE_WAIT} goes on: a knowledge base that cannot load hands its customers to a person.
   */
  private void awaitKnowledge() throws InterruptedException {
    long until = System.nanoTime() + KNOWLEDGE_WAIT.toNanos();
    while (!responders.allReady() && System.nanoTime() < until) {
      Thread.sleep(200);
    }
    if (!responders.allReady()) {
      LOG.warnf("catch-up goes on after %s without every knowledge base: their customers are handed off", KNOWLEDGE_WAIT);
    }
  }

  private void replay(Gap gap, RuntimeConfig config) {
    Instant now = gladly.readClock(Deadline.in(Duration.ofSeconds(10)));
    Instant floor = now.minus(config.catchUp().lookBack()).plus(WINDOW_MARGIN);
    Instant from = now;
    for (String channel : gap.channels()) {
      flush(channel);
      Instant start = marks.lastHandled(channel).map(t -> t.minus(BEFORE_GAP)).orElse(floor);
      from = start.isBefore(from) ? start : from;
    }
    if (from.isBefore(floor)) {
      from = floor;
    }
    Optional<Instant> covered = marks.coveredUntil();
    if (covered.isPresent() && covered.get().isAfter(from)) {
      from = covered.get();
    }
    Instant end = gap.end().orElse(now.minus(config.catchUp().lag()));
    if (!from.isBefore(end)) {
      LOG.debugf("catch-up (%s): nothing to catch up", gap.why());
      return;
    }
    LOG.infof("catch-up (%s): reading Gladly's events from %s to %s", gap.why(), from, end);
    Unanswered unanswered = new Unanswered(identity.agentId());
    gladly.events(from, end, ENTITIES, STREAM_TIMEOUT, Deadline.in(STREAM_TIMEOUT), unanswered::see);
    List<JsonNode> messages = unanswered.messages();
    Map<String, Integer> outcomes = new LinkedHashMap<>();
    for (JsonNode event : messages) {
      Optional<EndpointSettings> endpoint = endpointFor(event, gap, config);
      if (endpoint.isEmpty()) {
        continue;
      }
      Outcome outcome = answer(endpoint.get(), event, config);
      outcomes.merge(outcome.tag(), 1, Integer::sum);
      meters.counter("sidekick.catch.up.events", "outcome", outcome.tag()).increment();
    }
    marks.covered(end);
    meters.counter("sidekick.catch.up.runs", "outcome", "done").increment();
    LOG.infof("catch-up (%s): %d unanswered customer message(s) in the gap: %s", gap.why(), messages.size(), outcomes);
  }

  /** Through the same intake as a webhook delivery; Gladly or the store unavailable: a few more tries. */
  private Outcome answer(EndpointSettings endpoint, JsonNode event, RuntimeConfig config) {
    Outcome outcome = Outcome.RETRY_LATER;
    for (int attempt = 1; attempt <= 4 && outcome == Outcome.RETRY_LATER; attempt++) {
      if (attempt > 1) {
        try {
          Thread.sleep(2000L * attempt);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      try {
        outcome = intake.caughtUp(endpoint, event, Deadline.in(config.eventDeadline())).outcome();
      } catch (GladlyUnavailable | GladlyRefused | StoreUnavailable e) {
        outcome = Outcome.RETRY_LATER;
      }
    }
    return outcome;
  }

  /** The endpoint whose webhook was PINGed, else the first with the event's channel. */
  private static Optional<EndpointSettings> endpointFor(JsonNode event, Gap gap, RuntimeConfig config) {
    Channel channel = event.path("type").asText().startsWith("AUTOMATION/") ? Channel.CHAT : Channel.MESSAGING;
    return config.endpoints().stream()
        .filter(e -> e.channels().contains(channel))
        .filter(e -> gap.endpoint().isEmpty() || gap.endpoint().get().equals(e.name()))
        .findFirst()
        .or(() -> config.endpoints().stream().filter(e -> e.channels().contains(channel)).findFirst());
  }

  private void remember(String channel, Instant at) {
    latest.merge(channel, at, (a, b) -> a.isAfter(b) ? a : b);
    long now = System.currentTimeMillis();
    Long last = markedAt.get(channel);
    if (last == null || now - last >= MARK_EVERY_MILLIS) {
      markedAt.put(channel, now);
      flush(channel);
    }
  }

  private void flush(String channel) {
    Instant at = latest.get(channel);
    if (at != null) {
      try {
        marks.handled(channel, at);
      } catch (StoreUnavailable e) {
        markedAt.remove(channel); // try again with the next event
      }
    }
  }

  private static String mark(String endpoint, Channel channel) {
    return endpoint + "/" + channel.path();
  }

  void onStop(@Observes ShutdownEvent e) {
    runner.shutdownNow();
  }

  /**
   * The customer messages of a stretch of Gladly's events that nothing answered within it: a message is settled by a
   * message sent in its conversation (or session), by its conversation being closed, routed to an inbox or taken by
   * someone other than Sidekick, or by a chat's hand-off (the conversation is created then).
   */
  static final class Unanswered {
    private final Map<String, List<JsonNode>> byConversation = new LinkedHashMap<>();
    private final Map<String, List<JsonNode>> bySession = new LinkedHashMap<>();
    private final Map<String, List<String>> sessionsOf = new LinkedHashMap<>();
    private final String sidekick;

    /** @param sidekick Sidekick's agent id: its own assignment (before a reply) settles nothing */
    Unanswered(String sidekick) {
      this.sidekick = sidekick;
    }

    void see(JsonNode event) {
      JsonNode c = event.path("content");
      String conversation = c.path("conversationId").asText("");
      String session = c.path("sessionId").asText("");
      switch (event.path("type").asText()) {
        case "CONTACT/MESSAGE_RECEIVED" ->
            byConversation.computeIfAbsent(conversation, k -> new ArrayList<>()).add(event);
        case "AUTOMATION/MESSAGE_RECEIVED" -> {
          bySession.computeIfAbsent(session, k -> new ArrayList<>()).add(event);
          sessionsOf.computeIfAbsent(conversation, k -> new ArrayList<>()).add(session);
        }
        case "CONTACT/MESSAGE_SENT", "CONVERSATION/CLOSED" -> byConversation.remove(conversation);
        case "CONVERSATION_ASSIGNEE/UPDATED" -> {
          if (!sidekick.equals(c.path("assignee").path("agentId").asText(""))) {
            byConversation.remove(conversation); // routed to an inbox or taken by a human
          }
        }
        case "AUTOMATION/MESSAGE_SENT" -> bySession.remove(session);
        case "CONVERSATION/CREATED" -> sessionsOf.getOrDefault(conversation, List.of()).forEach(bySession::remove);
        default -> {
          // other events say nothing about whether a customer was answered
        }
      }
    }

    /** Oldest first. */
    List<JsonNode> messages() {
      List<JsonNode> all = new ArrayList<>();
      byConversation.values().forEach(all::addAll);
      bySession.values().forEach(all::addAll);
      all.sort(Comparator.comparing(e -> GladlyModel.instant(e.path("timestamp").asText()).orElse(Instant.EPOCH)));
      return all;
    }
  }
}
