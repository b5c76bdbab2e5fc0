package dev.sidekick.gladlysim.delivery;

import dev.sidekick.gladlysim.SimOptions;
import dev.sidekick.gladlysim.state.Event;
import dev.sidekick.gladlysim.state.Json;
import dev.sidekick.gladlysim.state.Org;
import dev.sidekick.gladlysim.state.SimState;
import dev.sidekick.gladlysim.state.Webhook;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Sends events to webhooks the way Gladly does: a POST of the envelope with the webhook's headers and Basic credentials;
 * a non-2xx or a timeout fails; retries with the same event id 30 s, 5 min, 30 min and 1 h after the previous attempt
 * (on the simulated clock); after the fourth failed retry the webhook is disabled. Never blocks: Vert.x WebClient.
 */
public final class Deliveries {
  /** Wait before retry n (index 0 = before the first retry). */
  public static final List<Duration> RETRY_SCHEDULE =
      List.of(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(1));
  public static final int LOG_PER_WEBHOOK = 100;
  private static final Logger LOG = Logger.getLogger(Deliveries.class.getName());

  private final SimState state;
  private final SimClock clock;
  private final SimOptions options;
  private final WebClient client;
  private final Map<String, Deque<Delivery>> log = new LinkedHashMap<>();
  private final AtomicLong seq = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile long generation;

  public Deliveries(Vertx vertx, SimState state, SimClock clock, SimOptions options) {
    this.state = state;
    this.clock = clock;
    this.options = options;
    this.client = WebClient.create(vertx, new WebClientOptions()
        .setUserAgent("Gladly-Webhooks (gladly-sim)")
        .setTrustAll(true) // the simulator delivers to test receivers with throwaway certificates
        .setVerifyHost(false)
        .setKeepAlive(true)
        .setMaxPoolSize(50));
  }

  /** Delivers each event to every enabled webhook of its organization that subscribes to its type. */
  public void publish(List<Event> events) {
    if (events.isEmpty()) return;
    long gen = generation;
    for (Event event : events) {
      List<String> targets = state.read(s -> {
        Org org = s.orgOrNullLocked(event.orgKey());
        if (org == null) return List.<String>of();
        return org.webhooks.values().stream().filter(w -> w.enabled && w.subscribes(event.type())).map(w -> w.id).toList();
      });
      for (String webhookId : targets) {
        attempt(event, webhookId, 1, gen);
      }
    }
  }

  private record Target(String url, Map<String, String> headers, Webhook.Credentials credentials) {}

  private void attempt(Event event, String webhookId, int attempt, long gen) {
    if (gen != generation) return;
    Target target = state.read(s -> {
      Org org = s.orgOrNullLocked(event.orgKey());
      Webhook w = org == null ? null : org.webhooks.get(webhookId);
      // a webhook disabled or deleted meanwhile gets no more attempts (Gladly drops them; inferred)
      return w == null || !w.enabled ? null : new Target(w.url, new LinkedHashMap<>(w.headers), w.credentials);
    });
    if (target == null) return;
    String body = Json.MAPPER.valueToTree(event.toJson()).toString();
    inFlight.incrementAndGet();
    send(target.url, target.headers, target.credentials, body, options.deliveryTimeout())
        .onComplete(ar -> {
          try {
            if (gen != generation) return;
            Answer result = ar.result();
            boolean ok = result.status != null && result.status >= 200 && result.status < 300;
            Delivery.Outcome outcome;
            if (ok) {
              outcome = Delivery.Outcome.Success;
            } else if (attempt > RETRY_SCHEDULE.size()) {
              outcome = Delivery.Outcome.Error;
              disableForRetryLimit(event.orgKey(), webhookId);
            } else {
              outcome = Delivery.Outcome.Debug;
              Instant due = clock.now().plus(RETRY_SCHEDULE.get(attempt - 1));
              clock.schedule(due, () -> attempt(event, webhookId, attempt + 1, gen));
            }
            record(new Delivery(seq.incrementAndGet(), webhookId, event.id(), event.type(), attempt, clock.now(),
                result.status, result.timedOut, result.error, outcome, body));
            if (!ok) {
              LOG.fine(() -> "delivery of " + event.type() + " " + event.id() + " to webhook " + webhookId + " failed (attempt "
                  + attempt + "): " + (result.timedOut ? "timeout" : result.status != null ? result.status : result.error));
            }
          } finally {
            inFlight.decrementAndGet();
          }
        });
  }

  private void disableForRetryLimit(String orgKey, String webhookId) {
    state.read(s -> {
      Org org = s.orgOrNullLocked(orgKey);
      Webhook w = org == null ? null : org.webhooks.get(webhookId);
      if (w != null) {
        Instant now = clock.now();
        w.enabled = false;
        w.disabledAtDueToRetryLimit = now;
        w.updatedAt = now;
      }
      return null;
    });
    LOG.info(() -> "webhook " + webhookId + " disabled after the fourth failed retry");
  }

  private void record(Delivery d) {
    synchronized (log) {
      Deque<Delivery> q = log.computeIfAbsent(d.webhookId(), k -> new ArrayDeque<>());
      q.addLast(d);
      while (q.size() > LOG_PER_WEBHOOK) q.removeFirst();
    }
  }

  /** How a webhook URL answered one request: a status, or a timeout, or a connection error. */
  public record Answer(Integer status, boolean timedOut, String error) {}

  /** One POST to a webhook URL; never fails, the outcome says what happened. */
  public Future<Answer> send(String url, Map<String, String> headers, Webhook.Credentials credentials, String body,
      Duration timeout) {
    Promise<Answer> promise = Promise.promise();
    HttpRequest<Buffer> request;
    try {
      request = client.postAbs(options.routed(url)).timeout(Math.max(1, timeout.toMillis()));
    } catch (RuntimeException e) {
      return Future.succeededFuture(new Answer(null, false, "invalid URL"));
    }
    request.putHeader("Content-Type", "application/json");
    headers.forEach(request::putHeader);
    if (credentials != null) request.basicAuthentication(credentials.username(), credentials.password());
    request.sendBuffer(Buffer.buffer(body)).onComplete(ar -> {
      if (ar.succeeded()) {
        HttpResponse<Buffer> response = ar.result();
        promise.complete(new Answer(response.statusCode(), false, null));
      } else {
        Throwable t = ar.cause();
        boolean timedOut = t instanceof TimeoutException || String.valueOf(t.getMessage()).contains("timeout");
        promise.complete(new Answer(null, timedOut, timedOut ? "timeout" : t.getClass().getSimpleName()));
      }
    });
    return promise.future();
  }

  /** The PING Gladly sends on create-enabled, enable and URL change; null when answered 200 in time, else why not. */
  public Future<String> ping(String orgKey, String url, Map<String, String> headers, Webhook.Credentials credentials) {
    String id = state.read(s -> s.org(orgKey).nextId("event"));
    String body = "{\"id\":\"" + id + "\",\"type\":\"PING\",\"timestamp\":\"" + Json.ts(clock.now()) + "\",\"content\":{}}";
    boolean auth = options.pingCarriesAuth();
    return send(url, auth ? headers : Map.of(), auth ? credentials : null, body, options.pingTimeout()).map(o -> {
      if (o.status != null && o.status == 200) return null;
      if (o.timedOut) return "PING to the webhook URL timed out after " + options.pingTimeout().toMillis() + " ms";
      if (o.status != null) return "PING to the webhook URL was answered " + o.status + " instead of 200";
      return "PING to the webhook URL failed: " + o.error;
    });
  }

  public List<Delivery> all() {
    List<Delivery> all = new ArrayList<>();
    synchronized (log) {
      log.values().forEach(all::addAll);
    }
    all.sort(Comparator.comparingLong(Delivery::seq));
    return all;
  }

  public List<Delivery> of(String webhookId) {
    synchronized (log) {
      Deque<Delivery> q = log.get(webhookId);
      return q == null ? List.of() : List.copyOf(q);
    }
  }

  /** Deliveries sent and not answered yet. */
  public int inFlight() {
    return inFlight.get();
  }

  public void reset() {
    generation++;
    synchronized (log) {
      log.clear();
    }
  }

  public void close() {
    client.close();
  }
}
