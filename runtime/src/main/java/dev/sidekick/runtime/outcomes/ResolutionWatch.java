package dev.sidekick.runtime.outcomes;

import dev.sidekick.runtime.Identity;
import dev.sidekick.runtime.gladly.Deadline;
import dev.sidekick.runtime.gladly.Gladly;
import dev.sidekick.runtime.gladly.GladlyModel.Conversation;
import dev.sidekick.runtime.gladly.GladlyRefused;
import dev.sidekick.runtime.responder.Reply;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Resolved without a person: a conversation Sidekick answered, where the customer did not write again within
 * {@code resolvedAfter} and no person took it over. Counted in {@code sidekick_resolutions_total} by endpoint,
 * channel and result: resolved, customer_wrote_again (the customer's next message came first), person_took_over (a
 * human agent owns the conversation, or Sidekick handed it off since).
 */
@ApplicationScoped
public class ResolutionWatch {
  private static final Logger LOG = Logger.getLogger(ResolutionWatch.class);
  private static final int BATCH = 100;
  private static final Duration CHECK_BUDGET = Duration.ofSeconds(5);
  private static final Duration RETRY = Duration.ofMinutes(1);

  @Inject Resolutions resolutions;
  @Inject Gladly gladly;
  @Inject Identity identity;
  @Inject MeterRegistry meters;

  private volatile Duration after = Duration.ofHours(24);
  private ScheduledExecutorService sweeper;

  /** Starts sweeping the due watches: often enough that a count is late by a quarter of the window at most. */
  public synchronized void start(Duration resolvedAfter) {
    after = resolvedAfter;
    long period = Math.max(200, Math.min(30_000, resolvedAfter.toMillis() / 4));
    sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sidekick-resolutions");
      t.setDaemon(true);
      return t;
    });
    sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    ScheduledExecutorService s = sweeper;
    if (s != null) {
      s.shutdownNow();
    }
  }

  /**
   * What a live endpoint did with the customer's next message settles the watch of the last answer: a goodbye
   * resolved it, a hand-off means a person took over, anything else means the customer wrote again. An answer (not a
   * "Did you mean") starts a new watch.
   */
  public void decided(String conversation, String endpoint, String channel, Reply reply) {
    String previous = reply instanceof Reply.Close ? "resolved"
        : reply instanceof Reply.Handoff ? "person_took_over" : "customer_wrote_again";
    resolutions.end(conversation).ifPresent(w -> count(w, previous));
    if (reply instanceof Reply.Answer a && !Decisions.decision(a).equals("asked")) {
      resolutions.watch(new Resolutions.Watch(conversation, endpoint, channel, Instant.now().plus(after)));
    }
  }

  void sweep() {
    try {
      for (Resolutions.Watch w : resolutions.claimDue(Instant.now(), BATCH)) {
        settle(w);
      }
    } catch (RuntimeException e) {
      // the store is unavailable: the watches stay, the next sweep tries again
      LOG.warnf("cannot sweep the answered conversations: %s", e.getMessage());
    }
  }

  private void settle(Resolutions.Watch w) {
    try {
      Conversation c = gladly.conversation(w.conversation(), Deadline.in(CHECK_BUDGET));
      boolean person = (!c.agentId().isEmpty() && !c.agentId().equals(identity.agentId()))
          || identity.handoffTopicId().map(c.topicIds()::contains).orElse(false);
      count(w, person ? "person_took_over" : "resolved");
    } catch (GladlyRefused e) {
      LOG.debugf("conversation cannot be read (%s): its answer is not counted", e.getMessage());
    } catch (RuntimeException e) {
      LOG.debugf("cannot check a conversation for its resolution yet (%s): checking again in a minute", e.getMessage());
      resolutions.watch(new Resolutions.Watch(w.conversation(), w.endpoint(), w.channel(), Instant.now().plus(RETRY)));
    }
  }

  private void count(Resolutions.Watch w, String result) {
    meters.counter("sidekick.resolutions", "endpoint", w.endpoint(), "channel", w.channel(), "result", result).increment();
  }
}
