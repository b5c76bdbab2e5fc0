package dev.sidekick.runtime.commerce.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidekick.runtime.commerce.Commerce;
import dev.sidekick.runtime.commerce.Contact;
import dev.sidekick.runtime.commerce.Lookup;
import dev.sidekick.runtime.commerce.Order;
import dev.sidekick.runtime.config.SecretFile;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The Shopify backend: one Admin GraphQL query per lookup at a pinned API version, within the caller's budget.
 * Shopify's cost-based limit is honoured before a call (the bucket its last answer described) and after one (a
 * THROTTLED answer, a 429 with Retry-After): the call waits when the wait fits the budget, else the lookup fails as
 * THROTTLED. 5xx, INTERNAL_SERVER_ERROR and connection failures are tried again while time remains. A refusal (401,
 * 402, 403, 404, 423, a missing scope, a query Shopify rejects, a search field it ignores) is not. Logs name the
 * failure and status only: never the shop's data, the customer's or the token.
 */
public final class ShopifyCommerce implements Commerce {
  private static final Logger LOG = Logger.getLogger(ShopifyCommerce.class);
  private static final Duration MIN_CALL = Duration.ofMillis(50);
  private static final int ATTEMPTS = 3;
  // what OrderQueries' queries request (2 + 5 × an order, plus the shop); the last answer's figure replaces it
  private static final int EXPECTED_COST = 300;

  private final ShopifyAdminApi api;
  private final String version;
  private final Duration callTimeout;
  private final Calls calls;
  private final ThrottleState throttle = new ThrottleState();
  private volatile int expectedCost = EXPECTED_COST;

  /** Told of every HTTP call to the shop: how it went (ok, throttled, unavailable, refused) and how long it took. */
  @FunctionalInterface
  public interface Calls {
    Calls NONE = (outcome, nanos) -> {};

    void record(String outcome, long nanos);
  }

  ShopifyCommerce(ShopifyAdminApi api, String version, Duration callTimeout, Calls calls) {
    this.api = api;
    this.version = version;
    this.callTimeout = callTimeout;
    this.calls = calls;
  }

  /** A client of the shop at {@code shopUrl} ({@code https://{shop}.myshopify.com}) speaking API {@code version}. */
  public static ShopifyCommerce connect(URI shopUrl, String version, SecretFile accessToken, Duration callTimeout) {
    return connect(shopUrl, version, accessToken, callTimeout, Calls.NONE);
  }

  public static ShopifyCommerce connect(
      URI shopUrl, String version, SecretFile accessToken, Duration callTimeout, Calls calls) {
    ShopifyAdminApi api = QuarkusRestClientBuilder.newBuilder()
        .baseUri(shopUrl)
        .connectTimeout(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .readTimeout(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .register(new AccessTokenFilter(accessToken))
        .register(new ShopifyHttpError.Mapper())
        .build(ShopifyAdminApi.class);
    return new ShopifyCommerce(api, version, callTimeout, calls);
  }

  @Override
  public Lookup ordersNumbered(String orderNumber, Duration budget) {
    String digits = orderNumber.replaceAll("\\D", "");
    if (digits.isEmpty()) return new Lookup.Found(List.of(), ZoneOffset.UTC);
    return found(run(OrderQueries.byNumber(digits), budget), List.of("orders"));
  }

  @Override
  public Lookup ordersOf(Contact contact, Duration budget) {
    if (contact.isEmpty()) return new Lookup.Found(List.of(), ZoneOffset.UTC);
    return found(run(OrderQueries.byContact(contact), budget), List.of("orders", "customerByIdentifier"));
  }

  /** The orders under the given root fields of a successful answer, newest first, without duplicates. */
  private static Lookup found(Outcome outcome, List<String> roots) {
    if (outcome.failure() != null) return new Lookup.Failed(outcome.failure());
    JsonNode data = outcome.data();
    List<Order> orders = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (String root : roots) {
      JsonNode connection = root.equals("orders") ? data.path("orders") : data.path(root).path("orders");
      for (JsonNode o : connection.path("nodes")) {
        if (!ids.contains(o.path("id").asText())) {
          ids.add(o.path("id").asText());
          orders.add(OrderJson.order(o));
        }
      }
    }
    orders.sort(Comparator.comparing(Order::placedAt).reversed());
    return new Lookup.Found(orders, zone(data.path("shop").path("ianaTimezone").asText("UTC")));
  }

  private static ZoneId zone(String id) {
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      return ZoneOffset.UTC;
    }
  }

  /** Either the answer's {@code data}, or why there is none. */
  private record Outcome(JsonNode data, Lookup.Failure failure) {
    static Outcome failed(Lookup.Failure failure) {
      return new Outcome(null, failure);
    }
  }

  private Outcome run(OrderQueries.Request request, Duration budget) {
    long end = System.nanoTime() + budget.toNanos();
    Lookup.Failure last = Lookup.Failure.SLOW;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Duration pace = throttle.waitFor(expectedCost);
      if (!pace.isZero()) {
        if (!pause(pace, end)) return failed(request, Lookup.Failure.THROTTLED, "the cost bucket is empty; waiting " + pace.toMillis() + " ms would pass the deadline");
      }
      Duration left = Duration.ofNanos(end - System.nanoTime());
      if (left.compareTo(MIN_CALL) < 0) return failed(request, last, "no time left for attempt " + attempt);
      Duration timeout = left.compareTo(callTimeout) < 0 ? left : callTimeout;
      JsonNode envelope;
      long sent = System.nanoTime();
      try {
        envelope = api.graphql(version, request.body()).await().atMost(timeout);
      } catch (RuntimeException e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        int code = cause instanceof ShopifyHttpError http ? http.status() : 0;
        calls.record(code == 429 ? "throttled" : code == 0 || code >= 500 ? "unavailable" : "refused", System.nanoTime() - sent);
        if (cause instanceof io.smallrye.mutiny.TimeoutException) return failed(request, Lookup.Failure.SLOW, "no answer within " + timeout.toMillis() + " ms");
        if (cause instanceof ShopifyHttpError http) {
          int status = http.status();
          if (status == 429 || status == 503) {
            last = status == 429 ? Lookup.Failure.THROTTLED : Lookup.Failure.DOWN;
            Duration wait = Duration.ofMillis((long) (http.retryAfterSeconds().orElse(1.0) * 1000));
            if (pause(wait, end)) continue;
            return failed(request, last, "HTTP " + status + ", Retry-After " + wait.toMillis() + " ms does not fit the deadline");
          }
          if (status >= 500) {
            last = Lookup.Failure.DOWN;
            if (pause(Duration.ofMillis(100L * attempt), end)) continue;
            return failed(request, last, "HTTP " + status);
          }
          return failed(request, Lookup.Failure.REFUSED, "HTTP " + status);
        }
        // connection refused or reset, TLS, an unreadable body: the shop is not answering properly
        last = Lookup.Failure.DOWN;
        LOG.debugf("Shopify %s attempt %d failed: %s", request.operation(), attempt, cause.getClass().getSimpleName());
        if (pause(Duration.ofMillis(100L * attempt), end)) continue;
        return failed(request, last, cause.getClass().getSimpleName());
      }
      JsonNode cost = envelope.path("extensions").path("cost");
      throttle.update(cost.path("throttleStatus"));
      if (cost.path("requestedQueryCost").isNumber()) expectedCost = cost.path("requestedQueryCost").asInt();
      String code = envelope.path("errors").path(0).path("extensions").path("code").asText(null);
      if (code == null && envelope.path("errors").size() > 0) code = "unknown error";
      calls.record(code == null ? "ok" : code.equals("THROTTLED") ? "throttled"
          : code.equals("INTERNAL_SERVER_ERROR") ? "unavailable" : "refused", System.nanoTime() - sent);
      if ("THROTTLED".equals(code)) {
        last = Lookup.Failure.THROTTLED;
        if (pause(throttle.waitFor(expectedCost), end)) continue;
        return failed(request, last, "THROTTLED; the bucket does not refill before the deadline");
      }
      if ("INTERNAL_SERVER_ERROR".equals(code)) {
        last = Lookup.Failure.DOWN;
        if (pause(Duration.ofMillis(100L * attempt), end)) continue;
        return failed(request, last, code);
      }
      if (code != null) return failed(request, Lookup.Failure.REFUSED, "GraphQL error " + code);
      for (JsonNode search : envelope.path("extensions").path("search")) {
        // an ignored search field would return every order of the shop (API.md §8.2)
        if (search.path("warnings").size() > 0) return failed(request, Lookup.Failure.REFUSED, "search warning "
            + search.path("warnings").path(0).path("code").asText());
      }
      if (!envelope.path("data").isObject()) return failed(request, Lookup.Failure.DOWN, "no data in the answer");
      return new Outcome(envelope.path("data"), null);
    }
    return failed(request, last, ATTEMPTS + " attempts");
  }

  private static Outcome failed(OrderQueries.Request request, Lookup.Failure failure, String why) {
    LOG.warnf("Shopify %s: could not look up (%s): %s", request.operation(), failure, why);
    return Outcome.failed(failure);
  }

  /** Sleeps {@code d} when it leaves time for a call before {@code end}; false (no sleep) otherwise. */
  private static boolean pause(Duration d, long end) {
    if (System.nanoTime() + d.toNanos() + MIN_CALL.toNanos() > end) return false;
    try {
      Thread.sleep(d.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
