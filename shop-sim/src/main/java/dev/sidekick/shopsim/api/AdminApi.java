package dev.sidekick.shopsim.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidekick.shopsim.ShopOptions;
import dev.sidekick.shopsim.control.ShopCall;
import dev.sidekick.shopsim.control.ShopCalls;
import dev.sidekick.shopsim.control.ShopFault;
import dev.sidekick.shopsim.control.ShopFaults;
import dev.sidekick.shopsim.graphql.AdminSchema;
import dev.sidekick.shopsim.graphql.CostBucket;
import dev.sidekick.shopsim.graphql.ShopifyErrors;
import dev.sidekick.shopsim.state.ShopState;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code POST /admin/api/{version}/graphql.json}, as Shopify answers it (API.md §1, §2, §4): the version (served as
 * itself, as the oldest supported one, or 404), {@code X-Shopify-Access-Token} (401 with Shopify's string body),
 * the JSON body (400), injected faults, then the GraphQL request with its cost and throttling. Every call is logged.
 */
public final class AdminApi {
  private static final Pattern VERSION = Pattern.compile("\\d{4}-(01|04|07|10)|unstable");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Vertx vertx;
  private final ShopOptions options;
  private final Supplier<ShopState> shop;
  private final AdminSchema schema;
  private final ShopFaults faults;
  private final ShopCalls calls;
  private final Map<String, CostBucket> buckets = new ConcurrentHashMap<>();

  public AdminApi(Vertx vertx, ShopOptions options, Supplier<ShopState> shop, AdminSchema schema, ShopFaults faults, ShopCalls calls) {
    this.vertx = vertx;
    this.options = options;
    this.shop = shop;
    this.schema = schema;
    this.faults = faults;
    this.calls = calls;
  }

  public void mount(Router router) {
    router.route("/admin/api/:version/graphql.json").handler(BodyHandler.create(false).setBodyLimit(1024 * 1024));
    router.route("/admin/api/:version/graphql.json").handler(this::handle);
  }

  /** The cost bucket of an access token (created full on first use). */
  public CostBucket bucket(String token) {
    return buckets.computeIfAbsent(token, t -> new CostBucket(options.bucketSize(), options.restoreRate()));
  }

  public void reset() {
    buckets.clear();
  }

  private void handle(RoutingContext ctx) {
    String asked = ctx.pathParam("version");
    Call call = new Call(asked);
    // logged before the response leaves (a client that has its answer finds its call in the log), or at the end
    // of an exchange that never sent one (the client gave up on a slow answer)
    AtomicBoolean logged = new AtomicBoolean();
    long generation = calls.generation();
    Runnable log = () -> {
      if (logged.compareAndSet(false, true)) calls.add(call.done(ctx.response().getStatusCode()), generation);
    };
    ctx.addHeadersEndHandler(v -> log.run());
    ctx.addEndHandler(v -> log.run());
    Optional<String> served = servedVersion(asked);
    if (ctx.request().method() != io.vertx.core.http.HttpMethod.POST || served.isEmpty()) {
      plain(ctx, 404, "Not Found");
      return;
    }
    ctx.response().putHeader("X-Shopify-API-Version", served.get());
    ctx.response().putHeader("X-Request-Id", UUID.randomUUID().toString());
    ShopState state = shop.get();
    String token = ctx.request().getHeader("X-Shopify-Access-Token");
    Set<String> scopes = token == null ? null : scopesOf(state, token);
    if (scopes == null) {
      plain(ctx, 401, "[API] Invalid API key or access token (unrecognized login or wrong password)");
      return;
    }
    String contentType = ctx.request().getHeader("Content-Type");
    JsonNode body = parse(ctx);
    if (contentType == null || !contentType.toLowerCase().startsWith("application/json") || body == null
        || !body.path("query").isTextual() || !(body.path("variables").isMissingNode() || body.path("variables").isNull()
            || body.path("variables").isObject())) {
      json(ctx, 400, Map.of("errors", Map.of("query", "Required parameter missing or invalid")));
      return;
    }
    String query = body.get("query").asText();
    @SuppressWarnings("unchecked")
    Map<String, Object> variables = body.path("variables").isObject() ? JSON.convertValue(body.get("variables"), Map.class) : Map.of();
    String operationName = body.path("operationName").isTextual() ? body.get("operationName").asText() : null;
    call.variables = variables;
    call.operationName = operationName;
    ShopFault fault = faults.next();
    long delay = options.latency().toMillis() + (fault == null ? 0 : fault.delay().toMillis());
    Runnable answer = () -> {
      if (fault != null) call.fault = fault.toString();
      if (fault != null && fault.kind() != ShopFault.Kind.LATENCY) {
        inject(ctx, fault, token);
        return;
      }
      AdminSchema.Answer a = schema.run(query, variables, operationName, scopes, state, bucket(token));
      call.answered(a);
      json(ctx, a.throttled() ? options.throttledStatus() : 200, a.body());
    };
    if (delay <= 0) answer.run();
    else vertx.setTimer(delay, t -> answer.run());
  }

  private void inject(RoutingContext ctx, ShopFault fault, String token) {
    switch (fault.kind()) {
      case TIMEOUT -> vertx.setTimer(Math.max(1, options.faultTimeoutHold().toMillis()), t -> {
        if (!ctx.response().ended() && !ctx.response().closed()) ctx.request().connection().close();
      });
      case INTERNAL_ERROR -> json(ctx, 200, Map.of("errors", List.of(ShopifyErrors.internalError(UUID.randomUUID().toString()))));
      case THROTTLED -> {
        CostBucket.Status s = bucket(token).status();
        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("requestedQueryCost", 1);
        cost.put("actualQueryCost", null);
        cost.put("throttleStatus", Map.of("maximumAvailable", s.maximumAvailable(), "currentlyAvailable", 0, "restoreRate",
            s.restoreRate()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", List.of(Map.of("message", "Throttled", "extensions", Map.of("code", "THROTTLED", "documentation",
            "https://shopify.dev/api/usage/rate-limits"))));
        body.put("extensions", Map.of("cost", cost));
        json(ctx, options.throttledStatus(), body);
      }
      default -> {
        int status = fault.statusCode();
        if (status == 429) ctx.response().putHeader("Retry-After", "1.0");
        plain(ctx, status, switch (status) {
          case 402 -> "Unavailable Shop";
          case 403 -> "Forbidden";
          case 404 -> "Not Found";
          case 423 -> "Locked";
          case 429 -> "Exceeded the rate limit for api client. Reduce request rates to resume uninterrupted service.";
          case 503 -> "Service Unavailable";
          default -> status >= 500 ? "Internal Server Error" : "Error";
        });
      }
    }
  }

  /** The version Shopify would serve: itself, the oldest supported for a retired one, none for a version never released. */
  private Optional<String> servedVersion(String asked) {
    List<String> supported = options.supportedVersions();
    if (supported.contains(asked)) return Optional.of(asked);
    if (!VERSION.matcher(asked).matches()) return Optional.empty();
    Optional<String> oldest = supported.stream().filter(v -> !v.equals("unstable")).sorted().findFirst();
    return oldest.filter(o -> asked.compareTo(o) < 0);
  }

  /** The token's scopes, compared in constant time against every token the shop knows; null when unknown. */
  private static Set<String> scopesOf(ShopState state, String token) {
    byte[] given = token.getBytes(StandardCharsets.UTF_8);
    Set<String> found = null;
    for (String known : state.tokens()) {
      if (MessageDigest.isEqual(given, known.getBytes(StandardCharsets.UTF_8))) found = state.scopes(known).orElse(null);
    }
    return found;
  }

  private static JsonNode parse(RoutingContext ctx) {
    Buffer b = ctx.body() == null ? null : ctx.body().buffer();
    if (b == null || b.length() == 0) return null;
    try {
      return JSON.readTree(b.getBytes());
    } catch (Exception e) {
      return null;
    }
  }

  /** The REST-style error body of HTTP refusals: {@code {"errors":"…"}}, a string (API.md §4). */
  private static void plain(RoutingContext ctx, int status, String message) {
    json(ctx, status, Map.of("errors", message));
  }

  private static void json(RoutingContext ctx, int status, Object body) {
    HttpServerResponse r = ctx.response();
    if (r.ended() || r.closed()) return;
    try {
      r.setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(Buffer.buffer(JSON.writeValueAsBytes(body)));
    } catch (Exception e) {
      r.setStatusCode(500).end();
    }
  }

  /** What the call log records, filled in as the call goes. */
  private static final class Call {
    final Instant at = Instant.now();
    final String version;
    String operationName;
    Map<String, Object> variables = Map.of();
    List<String> roots = List.of();
    Integer requested;
    Integer actual;
    boolean throttled;
    String fault;

    Call(String version) {
      this.version = version;
    }

    void answered(AdminSchema.Answer a) {
      operationName = a.operationName();
      roots = a.rootFields();
      requested = a.requestedCost();
      actual = a.actualCost();
      throttled = a.throttled();
    }

    ShopCall done(int status) {
      return new ShopCall(at, version, operationName, roots, variables, status, requested, actual,
          throttled || (fault != null && fault.contains("THROTTLED")), fault);
    }
  }
}
