package dev.sidekick.runtime.gladly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.sidekick.runtime.config.RuntimeConfig;
import dev.sidekick.runtime.config.SecretFile;
import dev.sidekick.runtime.config.SecretFiles;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The transport under {@link Gladly}: HTTP to Gladly on the JDK's {@link HttpClient} in blocking mode. Every call runs
 * on a worker thread that already owns the event (never on the Vert.x I/O thread), the deadline is a plain value, and
 * per-request timeouts are built in.
 *
 * <p>Every call passes the {@link RequestLimiter} (Gladly's per-organization, per-method budget), has a timeout inside
 * the event's deadline, and is retried with exponential backoff and jitter while the deadline allows when it surely did
 * not take effect (429, a connection that could not be made). A call whose outcome is unknown (any 5xx, a timeout or a
 * dropped connection after the request was sent) is retried only when it is idempotent; otherwise the caller learns it
 * from {@link GladlyUnavailable#uncertain()} and must check in Gladly before sending it again.
 */
@ApplicationScoped
public class GladlyClient {
  private static final Logger LOG = Logger.getLogger(GladlyClient.class);
  private static final int MAX_ATTEMPTS = 4;
  private static final long BACKOFF_BASE_MILLIS = 100;
  private static final long BACKOFF_CAP_MILLIS = 2000;
  // Below this much time left a call is not worth starting.
  private static final Duration MIN_CALL = Duration.ofMillis(50);
  // After the budget is spent, this much past Gladly's next second, for clock skew.
  private static final long NEXT_SECOND_MARGIN_MILLIS = 20;

  @Inject ObjectMapper json;
  @Inject MeterRegistry meters;
  @Inject SecretFiles secrets;

  private volatile HttpClient http;
  private volatile RequestLimiter limiter;
  private volatile java.util.Optional<SharedBudget> shared = java.util.Optional.empty();
  private volatile URI baseUrl;
  private volatile Duration callTimeout;
  private volatile SecretFile email;
  private volatile SecretFile token;
  // Gladly's clock minus ours, from the Date header of its answers (event timestamps are on Gladly's clock).
  private volatile long clockOffsetMillis;
  private volatile long clockReadAtMillis;
  // One timer per (method, path template, status): a closed set, so built once instead of per call.
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  /**
   * Takes the configuration and builds the HTTP client. Called on the bootstrap thread, not on Quarkus' start-up
   * thread: the JDK client sets up the default TLS context (parsing the trust store, even for an http URL) and
   * this bean's ObjectMapper is built as it is instantiated, about 0.5 s together on a cold JVM here; no call is
   * made before the runtime is ready.
   */
  public void start(RuntimeConfig.Gladly config, java.util.Optional<SharedBudget> shared) {
    this.shared = shared;
    this.baseUrl = config.baseUrl();
    this.callTimeout = config.callTimeout();
    this.email = secrets.file(config.emailFile());
    this.token = secrets.file(config.tokenFile());
    this.limiter = new RequestLimiter(config.requestsPerSecond());
    HttpClient.Builder http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.callTimeout())
            .followRedirects(HttpClient.Redirect.NEVER);
    config.trustedCaFile().ifPresent(pem -> http.sslContext(TrustedCertificates.withExtra(pem)));
    this.http = http.build();
  }

  /** A client outside CDI (see {@link Gladly#standalone}): no refresher re-reads the credential files, no shared budget. */
  static GladlyClient standalone(RuntimeConfig.Gladly config, ObjectMapper json, MeterRegistry meters) {
    GladlyClient client = new GladlyClient();
    client.json = json;
    client.meters = meters;
    client.secrets = new SecretFiles();
    client.start(config, java.util.Optional.empty());
    return client;
  }

  /** The API user's email, to find its agent id. */
  String userEmail() {
    return email.require();
  }

  /**
   * A best-effort call (typing indicators) sent without waiting for Gladly's answer: dropped when the limiter
   * has no spare slot now, never retried. The future completes once the request has been handed to its
   * connection (or dropped, or failed), so that a caller can let it go out before a later call of the same
   * session without waiting for Gladly's round trip.
   */
  CompletableFuture<Void> bestEffortAsync(
      String method, String template, Object body, Deadline deadline, String... ids) {
    String name = method + " " + template;
    Duration timeout = deadline.budget(callTimeout, Duration.ZERO);
    if (timeout.compareTo(MIN_CALL) < 0 || !limiter.tryAcquire(method)
        || !shared.map(b -> b.tryAcquire(method, limiter.bestEffortReserve())).orElse(true)) {
      LOG.debugf("best-effort call dropped: %s", name);
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> written = new CompletableFuture<>();
    HttpRequest request;
    try {
      byte[] payload = body == null ? new byte[0] : toJson(body);
      request = request(
          method, expand(template, ids), timeout,
          new WrittenSignal(HttpRequest.BodyPublishers.ofByteArray(payload), written), true);
    } catch (RuntimeException e) {
      LOG.debugf("best-effort call dropped: %s: %s", name, e.getMessage());
      return CompletableFuture.completedFuture(null);
    }
    Timer.Sample sample = Timer.start(meters);
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, failure) -> {
              written.complete(null);
              String statusTag;
              if (response != null) {
                statusTag = Integer.toString(response.statusCode());
                respectRemaining(method, response);
              } else {
                Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
                statusTag = cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException
                    ? "connect_error" : cause instanceof HttpTimeoutException ? "timeout" : "io_error";
                LOG.debugf("best-effort call dropped: %s: %s", name, String.valueOf(cause));
              }
              sample.stop(timer(method, template, statusTag));
            });
    return written;
  }

  /**
   * One Gladly call that waits for a rate-limit slot and retries transient failures within the deadline.
   * {@code template} is the path with {@code {}} for each id, e.g. {@code /api/v1/conversations/{}}; it is
   * also the metric's path tag, so ids never reach metrics. {@code idempotent}: sending it twice does no harm, so
   * an unknown outcome is retried too.
   */
  GladlyResponse call(
      String method, String template, Object body, boolean idempotent, Deadline deadline, String... ids) {
    return call(method, template, "", body, idempotent, deadline, ids);
  }

  /** {@link #call} with a query string ({@code ?a=b&c=d}, already encoded). */
  GladlyResponse call(
      String method, String template, String query, Object body, boolean idempotent, Deadline deadline,
      String... ids) {
    if (io.vertx.core.Context.isOnEventLoopThread()) {
      // A blocking Gladly call would stall every connection served by this event loop.
      throw new IllegalStateException("a Gladly call on the Vert.x I/O thread: " + method + " " + template);
    }
    String path = expand(template, ids) + query;
    String name = method + " " + template;
    byte[] payload = body == null ? null : toJson(body);
    for (int attempt = 1; ; attempt++) {
      if (!acquire(method, deadline)) {
        throw new GladlyUnavailable(name + ": no rate-limit slot before the deadline", false);
      }
      Duration timeout = deadline.budget(callTimeout, Duration.ZERO);
      if (timeout.compareTo(MIN_CALL) < 0) {
        throw new GladlyUnavailable(name + ": deadline reached", false);
      }
      Outcome outcome = send(method, path, template, payload, timeout);
      if (outcome.response != null) {
        return outcome.response;
      }
      boolean retryable = outcome.notApplied || idempotent;
      if (outcome.refused != null) {
        throw outcome.refused;
      }
      if (!retryable || attempt >= MAX_ATTEMPTS) {
        throw new GladlyUnavailable(name + ": " + outcome.failure, !outcome.notApplied);
      }
      long pause = backoffNanos(attempt);
      if (outcome.status == 429) {
        limiter.rateLimited(method, pause);
        long p = pause;
        shared.ifPresent(b -> b.pause(method, p));
      }
      if (deadline.remainingNanos() - pause < MIN_CALL.toNanos()) {
        throw new GladlyUnavailable(name + ": " + outcome.failure + " (no time left to retry)", !outcome.notApplied);
      }
      LOG.debugf("%s: %s, retry %d in %d ms", name, outcome.failure, attempt, TimeUnit.NANOSECONDS.toMillis(pause));
      sleep(pause);
    }
  }

  /**
   * A GET whose answer is a stream of lines (the Events API's JSONL), each handed to {@code line} as it arrives:
   * after a rate-limit slot, with {@code timeout} for the whole stream (it can be long). A 429 is retried as any
   * call's (no line was read); refused (4xx) or unavailable as any call.
   */
  void streamLines(String template, String query, Duration timeout, Deadline deadline, Consumer<String> line) {
    String name = "GET " + template;
    for (int attempt = 1; !streamOnce(template, query, timeout, deadline, line); attempt++) {
      long pause = backoffNanos(attempt);
      limiter.rateLimited("GET", pause);
      shared.ifPresent(b -> b.pause("GET", pause));
      if (attempt >= MAX_ATTEMPTS || deadline.remainingNanos() - pause < MIN_CALL.toNanos()) {
        throw new GladlyUnavailable(name + ": 429 from Gladly", false);
      }
      LOG.debugf("%s: 429 rate limited, retry %d in %d ms", name, attempt, TimeUnit.NANOSECONDS.toMillis(pause));
      sleep(pause);
    }
  }

  /** One attempt of {@link #streamLines}: false when Gladly answered 429. */
  private boolean streamOnce(String template, String query, Duration timeout, Deadline deadline, Consumer<String> line) {
    String name = "GET " + template;
    if (!acquire("GET", deadline)) {
      throw new GladlyUnavailable(name + ": no rate-limit slot before the deadline", false);
    }
    HttpRequest request = request("GET", template + query, timeout, HttpRequest.BodyPublishers.noBody(), false);
    Timer.Sample sample = Timer.start(meters);
    String statusTag = "io_error";
    try {
      HttpResponse<java.util.stream.Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
      statusTag = Integer.toString(response.statusCode());
      respectRemaining("GET", response);
      try (java.util.stream.Stream<String> lines = response.body()) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          lines.filter(l -> !l.isBlank()).forEach(line);
        } else if (status == 429) {
          return false;
        } else if (status >= 500) {
          throw new GladlyUnavailable(name + ": " + status + " from Gladly", false);
        } else {
          String body = String.join("\n", lines.toList());
          throw new GladlyRefused(name, status, errorDetail(body.getBytes(StandardCharsets.UTF_8)));
        }
      }
    } catch (java.io.UncheckedIOException e) {
      throw new GladlyUnavailable(name + ": the stream broke off (" + e.getCause().getClass().getSimpleName() + ")", false);
    } catch (HttpConnectTimeoutException | ConnectException e) {
      statusTag = "connect_error";
      throw new GladlyUnavailable(name + ": cannot connect", false);
    } catch (IOException e) {
      statusTag = e instanceof HttpTimeoutException ? "timeout" : "io_error";
      throw new GladlyUnavailable(name + ": " + e.getClass().getSimpleName(), false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GladlyUnavailable(name + ": interrupted", false);
    } finally {
      sample.stop(timer("GET", template, statusTag));
    }
    return true;
  }

  /** A slot of this process's limiter, then (with several replicas) one of the budget they share. */
  private boolean acquire(String method, Deadline deadline) {
    return limiter.acquire(method, deadline) && shared.map(b -> b.acquire(method, deadline)).orElse(true);
  }

  private Outcome send(String method, String path, String template, byte[] payload, Duration timeout) {
    HttpRequest request = request(
        method, path, timeout,
        payload == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(payload),
        payload != null);
    Timer.Sample sample = Timer.start(meters);
    String statusTag;
    Outcome outcome;
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      int status = response.statusCode();
      statusTag = Integer.toString(status);
      respectRemaining(method, response);
      observeClock(response);
      outcome = classify(method + " " + template, response);
    } catch (HttpConnectTimeoutException | ConnectException e) {
      statusTag = "connect_error";
      outcome = Outcome.failed(0, "cannot connect", true);
    } catch (HttpTimeoutException e) {
      // sent, and no answer in time: Gladly may be doing it still
      statusTag = "timeout";
      outcome = Outcome.failed(0, "timed out after " + timeout.toMillis() + " ms", false);
    } catch (IOException e) {
      // the connection dropped after the request went out (a reset, a proxy closing it): the outcome is unknown
      statusTag = "io_error";
      outcome = Outcome.failed(0, "connection lost (" + e.getClass().getSimpleName() + ")", false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GladlyUnavailable(method + " " + template + ": interrupted", true);
    }
    sample.stop(timer(method, template, statusTag));
    return outcome;
  }

  /** A request to Gladly as the API user: the one place that sets its URL, timeout and headers. */
  private HttpRequest request(
      String method, String path, Duration timeout, HttpRequest.BodyPublisher body, boolean json) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(timeout)
            .header("Authorization", basic())
            .header("Accept", "application/json");
    if (json) {
      b.header("Content-Type", "application/json");
    }
    return b.method(method, body).build();
  }

  private Timer timer(String method, String template, String statusTag) {
    return timers.computeIfAbsent(
        method + ' ' + template + ' ' + statusTag,
        k ->
            Timer.builder("sidekick.gladly.calls")
                .description("Gladly API calls by method, path template and status")
                // percentiles of Gladly's own latency: most of an event's handling time is spent waiting for it
                .publishPercentileHistogram()
                .tag("method", method)
                .tag("path", template)
                .tag("status", statusTag)
                .register(meters));
  }

  /** Gladly's time now, as its last answers told it (its {@code Date} header); our own clock until it answered. */
  Instant gladlyNow() {
    return Instant.ofEpochMilli(System.currentTimeMillis() + clockOffsetMillis);
  }

  /** The next answer's Date is read whatever the time since the last one. */
  void forgetClock() {
    clockReadAtMillis = 0;
  }

  private void observeClock(HttpResponse<?> response) {
    long now = System.currentTimeMillis();
    if (now - clockReadAtMillis < 1000) {
      return;
    }
    response.headers().firstValue("Date").ifPresent(date -> {
      try {
        long gladly = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
        // the header has whole seconds: Gladly's time is half a second past it on average
        clockOffsetMillis = gladly + 500 - now;
        clockReadAtMillis = now;
      } catch (DateTimeParseException e) {
        // a Date we cannot read tells nothing
      }
    });
  }

  /**
   * Gladly counts its budget in one-second windows of wall time for all clients of the organization; when it
   * says none is left ({@code Ratelimit-Remaining-Second: 0}, a 429 says so too), no call of this method
   * goes out before the next second instead of being spent on a 429.
   */
  private void respectRemaining(String method, HttpResponse<?> response) {
    long pause =
        spentBudgetPauseNanos(
            response.headers().firstValue("Ratelimit-Remaining-Second").orElse(null), System.currentTimeMillis());
    if (pause > 0) {
      limiter.pause(method, pause);
      shared.ifPresent(b -> b.pause(method, pause));
    }
  }

  /** How long to hold a method back after Gladly said {@code remaining} at {@code nowMillis}: 0 for no pause. */
  static long spentBudgetPauseNanos(String remaining, long nowMillis) {
    if (remaining == null || !remaining.trim().equals("0")) {
      return 0;
    }
    long millisToNextSecond = 1000 - Math.floorMod(nowMillis, 1000L) + NEXT_SECOND_MARGIN_MILLIS;
    return TimeUnit.MILLISECONDS.toNanos(millisToNextSecond);
  }

  private Outcome classify(String name, HttpResponse<byte[]> response) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      JsonNode body = MissingNode.getInstance();
      if (response.body().length > 0) {
        try {
          body = json.readTree(response.body());
        } catch (IOException e) {
          body = MissingNode.getInstance();
        }
      }
      return Outcome.ok(new GladlyResponse(status, body, response.headers().firstValue("Location")));
    }
    if (status == 429) {
      return Outcome.failed(429, "429 rate limited", true);
    }
    if (status >= 500) {
      // Gladly documents no 5xx semantics, and a gateway's 502 or 504 can follow a request that was applied.
      return Outcome.failed(status, status + " from Gladly", false);
    }
    Outcome refused = new Outcome();
    refused.refused = new GladlyRefused(name, status, errorDetail(response.body()));
    return refused;
  }

  private String errorDetail(byte[] body) {
    try {
      JsonNode first = json.readTree(body).path("errors").path(0);
      String code = first.path("code").asText("");
      String detail = first.path("detail").asText("");
      return (code + " " + detail).trim();
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private String basic() {
    String pair = email.require() + ":" + token.require();
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  private byte[] toJson(Object body) {
    try {
      return json.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot serialise a Gladly request body", e);
    }
  }

  static String expand(String template, String... ids) {
    StringBuilder out = new StringBuilder();
    int from = 0;
    int i = 0;
    int at;
    while ((at = template.indexOf("{}", from)) >= 0) {
      out.append(template, from, at);
      out.append(URLEncoder.encode(ids[i++], StandardCharsets.UTF_8).replace("+", "%20"));
      from = at + 2;
    }
    return out.append(template.substring(from)).toString();
  }

  /** Exponential backoff with "equal jitter": half the step fixed, half random, capped. */
  static long backoffNanos(int attempt) {
    long step = Math.min(BACKOFF_CAP_MILLIS, BACKOFF_BASE_MILLIS << Math.min(attempt - 1, 10));
    long millis = step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1);
    return TimeUnit.MILLISECONDS.toNanos(millis);
  }

  private static void sleep(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GladlyUnavailable("interrupted", false);
    }
  }

  /** The request body, completing {@code written} once the client has taken all of it for its connection. */
  private static final class WrittenSignal implements HttpRequest.BodyPublisher {
    private final HttpRequest.BodyPublisher body;
    private final CompletableFuture<Void> written;

    WrittenSignal(HttpRequest.BodyPublisher body, CompletableFuture<Void> written) {
      this.body = body;
      this.written = written;
    }

    @Override
    public long contentLength() {
      return body.contentLength();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
      body.subscribe(
          new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
              subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(ByteBuffer item) {
              subscriber.onNext(item);
            }

            @Override
            public void onError(Throwable throwable) {
              subscriber.onError(throwable);
              written.complete(null);
            }

            @Override
            public void onComplete() {
              subscriber.onComplete();
              written.complete(null);
            }
          });
    }
  }

  private static final class Outcome {
    GladlyResponse response;
    GladlyRefused refused;
    int status;
    String failure;
    boolean notApplied;

    static Outcome ok(GladlyResponse r) {
      Outcome o = new Outcome();
      o.response = r;
      return o;
    }

    static Outcome failed(int status, String failure, boolean notApplied) {
      Outcome o = new Outcome();
      o.status = status;
      o.failure = failure;
      o.notApplied = notApplied;
      return o;
    }
  }
}
