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
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The runtime's one Gladly REST client. It is built on the JDK's {@link HttpClient} in blocking mode: every
 * call runs on a worker thread that already owns the event (never on the Vert.x I/O thread), the code reads
 * top to bottom with the deadline as a plain value, per-request timeouts are built in, and it needs no
 * extra dependency or reflection for native images.
 *
 * <p>Every call passes the {@link RequestLimiter} (Gladly's per-organization, per-method budget), has a
 * timeout inside the event's deadline, and is retried with exponential backoff and jitter on 429 and 5xx
 * as long as the deadline allows. Calls that are not idempotent are not retried when they may have taken
 * effect (a 500 or a read timeout): the caller learns it from {@link GladlyUnavailable#uncertain()}.
 */
@ApplicationScoped
public class GladlyClient {
  private static final Logger LOG = Logger.getLogger(GladlyClient.class);
  private static final int MAX_ATTEMPTS = 4;
  private static final long BACKOFF_BASE_MILLIS = 100;
  private static final long BACKOFF_CAP_MILLIS = 2000;
  // Below this much time left a call is not worth starting.
  private static final Duration MIN_CALL = Duration.ofMillis(50);

  @Inject ObjectMapper json;
  @Inject MeterRegistry meters;
  @Inject SecretFiles secrets;

  private volatile HttpClient http;
  private volatile RequestLimiter limiter;
  private volatile URI baseUrl;
  private volatile Duration callTimeout;
  private volatile SecretFile email;
  private volatile SecretFile token;

  public void start(RuntimeConfig.Gladly config) {
    this.baseUrl = config.baseUrl();
    this.callTimeout = config.callTimeout();
    this.email = secrets.file(config.emailFile());
    this.token = secrets.file(config.tokenFile());
    this.limiter = new RequestLimiter(config.requestsPerSecond());
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.callTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** The API user's email, to find its agent id. */
  public String userEmail() {
    return email.require();
  }

  public JsonNode get(String template, Deadline deadline, String... ids) {
    return call("GET", template, null, deadline, Priority.ANSWER, ids).body();
  }

  public GladlyResponse post(String template, Object body, Deadline deadline, String... ids) {
    return call("POST", template, body, deadline, Priority.ANSWER, ids);
  }

  public GladlyResponse patch(String template, Object body, Deadline deadline, String... ids) {
    return call("PATCH", template, body, deadline, Priority.ANSWER, ids);
  }

  /** A call that is dropped (false) rather than wait for the limiter or retry: typing indicators. */
  public boolean bestEffort(String method, String template, Object body, Deadline deadline, String... ids) {
    try {
      call(method, template, body, deadline, Priority.BEST_EFFORT, ids);
      return true;
    } catch (GladlyUnavailable | GladlyRefused e) {
      LOG.debugf("best-effort call dropped: %s", e.getMessage());
      return false;
    }
  }

  /**
   * One Gladly call. {@code template} is the path with {@code {}} for each id, e.g.
   * {@code /api/v1/conversations/{}}; it is also the metric's path tag, so ids never reach metrics.
   */
  public GladlyResponse call(
      String method, String template, Object body, Deadline deadline, Priority priority, String... ids) {
    if (io.vertx.core.Context.isOnEventLoopThread()) {
      // A blocking Gladly call would stall every connection served by this event loop.
      throw new IllegalStateException("a Gladly call on the Vert.x I/O thread: " + method + " " + template);
    }
    String path = expand(template, ids);
    boolean idempotent = !method.equals("POST") || priority == Priority.BEST_EFFORT;
    String name = method + " " + template;
    byte[] payload = body == null ? null : toJson(body);
    for (int attempt = 1; ; attempt++) {
      if (priority == Priority.BEST_EFFORT) {
        if (!limiter.tryAcquire(method)) {
          throw new GladlyUnavailable(name + ": dropped under the rate limit", false);
        }
      } else if (!limiter.acquire(method, deadline)) {
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
      if (!retryable || priority == Priority.BEST_EFFORT || attempt >= MAX_ATTEMPTS) {
        throw new GladlyUnavailable(name + ": " + outcome.failure, !outcome.notApplied);
      }
      long pause = backoffNanos(attempt);
      if (outcome.status == 429) {
        limiter.pause(method, pause);
      }
      if (deadline.remainingNanos() - pause < MIN_CALL.toNanos()) {
        throw new GladlyUnavailable(name + ": " + outcome.failure + " (no time left to retry)", !outcome.notApplied);
      }
      LOG.debugf("%s: %s, retry %d in %d ms", name, outcome.failure, attempt, TimeUnit.NANOSECONDS.toMillis(pause));
      sleep(pause);
    }
  }

  private Outcome send(String method, String path, String template, byte[] payload, Duration timeout) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(timeout)
            .header("Authorization", basic())
            .header("Accept", "application/json");
    if (payload != null) {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofByteArray(payload));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    Timer.Sample sample = Timer.start(meters);
    String statusTag;
    Outcome outcome;
    try {
      HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      int status = response.statusCode();
      statusTag = Integer.toString(status);
      outcome = classify(method + " " + template, response);
    } catch (HttpConnectTimeoutException | ConnectException e) {
      statusTag = "connect_error";
      outcome = Outcome.failed(0, "cannot connect", true);
    } catch (HttpTimeoutException e) {
      statusTag = "timeout";
      outcome = Outcome.failed(0, "timed out after " + timeout.toMillis() + " ms", false);
    } catch (IOException e) {
      statusTag = "io_error";
      outcome = Outcome.failed(0, "I/O error " + e.getClass().getSimpleName(), false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GladlyUnavailable(method + " " + template + ": interrupted", true);
    }
    sample.stop(
        Timer.builder("sidekick.gladly.calls")
            .description("Gladly API calls by method, path template and status")
            .tag("method", method)
            .tag("path", template)
            .tag("status", statusTag)
            .register(meters));
    return outcome;
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
    if (status == 502 || status == 503 || status == 504) {
      // Gateways and overload answer these before the request is processed.
      return Outcome.failed(status, status + " from Gladly", true);
    }
    if (status >= 500) {
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
