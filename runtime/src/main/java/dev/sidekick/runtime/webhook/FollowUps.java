package dev.sidekick.runtime.webhook;

import dev.sidekick.runtime.RuntimeState;
import dev.sidekick.runtime.config.EndpointSettings;
import dev.sidekick.runtime.gladly.Deadline;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The runtime's own redelivery of an event it had to refuse with 503 because Gladly or the shared store was unavailable:
 * a few seconds later, then a little later again, instead of waiting for Gladly's schedule (30 s, then 5 min: long for a chat
 * customer, and a chat session closes after 5 quiet minutes). It goes through the ledger like any delivery, so
 * Gladly's own redelivery of an event finished meanwhile is a duplicate; if this process dies, Gladly's remains.
 */
@ApplicationScoped
public class FollowUps {
  private static final Logger LOG = Logger.getLogger(FollowUps.class);
  // Long enough for a write Gladly was still working on when the call timed out to show before it is checked.
  static final List<Duration> DELAYS = List.of(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20));
  private static final int MAX_PENDING = 1000;

  @Inject RuntimeState state;
  @Inject MeterRegistry meters;

  private final AtomicInteger pending = new AtomicInteger();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor( r -> {
    Thread t = new Thread(r, "sidekick-follow-up");
    t.setDaemon(true);
    return t;
  });

  /**
   * Handles the event again after the delay for its {@code attempt} (1-3: the event's attempt in the ledger, or the
   * number of this process's own tries when the store refused even the claim), unless too many are waiting already.
   */
  void schedule(EndpointSettings endpoint, Envelope event, String serialKey, int attempt, EventIntake intake) {
    if (attempt > DELAYS.size() || pending.get() >= MAX_PENDING) {
      return;
    }
    pending.incrementAndGet();
    // the timer only hands the event to a worker thread: handling blocks on Gladly
    timer.schedule(() -> Infrastructure.getDefaultWorkerPool().execute(() -> {
      pending.decrementAndGet();
      try {
        Duration deadline = state.config().orElseThrow().eventDeadline();
        EventIntake.Result r = intake.followUp(endpoint, event, serialKey, Deadline.in(deadline), attempt);
        meters.counter("sidekick.follow.ups", "outcome", r.outcome().tag()).increment();
      } catch (RuntimeException e) {
        LOG.warnf("follow-up of event %s failed: %s", event.id(), e.toString());
      }
    }), DELAYS.get(attempt - 1).toMillis(), TimeUnit.MILLISECONDS);
  }

  void onStop(@Observes ShutdownEvent e) {
    timer.shutdownNow();
  }
}
