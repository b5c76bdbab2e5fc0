package dev.sidekick.gladlysim.api;

import dev.sidekick.gladlysim.Simulation;
import dev.sidekick.gladlysim.control.ApiCall;
import dev.sidekick.gladlysim.control.Fault;
import dev.sidekick.gladlysim.state.GladlyError;
import dev.sidekick.gladlysim.state.SimState;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gladly's REST API under {@code /api/v1} (the default organization, or whichever the credentials belong to) and
 * {@code /org/{key}/api/v1} (one organization of a multi-organization seed). Every call passes the gate: the call log,
 * Basic auth, the rate limit, injected faults.
 */
public final class GladlyApi {
  private static final String ORG_PATH = "/org/";
  private final Simulation sim;
  private final RateLimiter limiter;

  public GladlyApi(Simulation sim) {
    this.sim = sim;
    this.limiter = new RateLimiter(sim.options());
  }

  public void mount(Router root) {
    Router api = Router.router(sim.vertx());
    api.route().handler(this::gate);
    // the body is read before an injected latency: a slow Gladly still applies a request its client gave up on
    api.route().handler(BodyHandler.create(false).setBodyLimit(1024 * 1024));
    api.route().handler(this::faults);
    new DirectoryApi(sim).mount(api);
    new WebhooksApi(sim).mount(api);
    new AutomationApi(sim).mount(api);
    new ConversationsApi(sim).mount(api);
    new EventsApi(sim).mount(api);
    api.route().handler(ctx -> Http.error(ctx, GladlyError.of(404, null, "not_exist", "no such endpoint: "
        + ctx.request().method() + " " + ctx.request().path())));
    root.route("/api/v1*").subRouter(api);
    root.route("/org/:orgKey/api/v1*").subRouter(api);
  }

  public void reset() {
    limiter.reset();
  }

  /** The path as Gladly knows it: without the organization prefix. */
  static String gladlyPath(String path) {
    if (path.startsWith(ORG_PATH)) {
      int slash = path.indexOf('/', ORG_PATH.length());
      return slash < 0 ? path : path.substring(slash);
    }
    return path;
  }

  private void gate(RoutingContext ctx) {
    String method = ctx.request().method().name();
    String path = gladlyPath(ctx.request().path());
    String orgKey = ctx.pathParam("orgKey");
    if (orgKey != null) ctx.put(Http.ORG_PREFIX, ORG_PATH + orgKey);
    // logged before the response leaves (a client that has its answer finds its call in the log), or at the end
    // of an exchange that never sent one (the client gave up on a slow answer)
    AtomicBoolean logged = new AtomicBoolean();
    long generation = sim.apiCalls().generation();
    Runnable log = () -> {
      if (!logged.compareAndSet(false, true)) return;
      SimState.Caller c = Http.caller(ctx);
      sim.apiCalls().add(new ApiCall(method, path, ctx.response().getStatusCode(), c != null ? c.orgKey() : orgKey,
          c != null ? c.agentId() : null, sim.clock().now()), generation);
    };
    ctx.addHeadersEndHandler(v -> log.run());
    ctx.addEndHandler(v -> log.run());
    if (orgKey != null && sim.state().orgOrNull(orgKey) == null) {
      Http.error(ctx, GladlyError.notExist("organization does not exist"));
      return;
    }
    SimState.Caller caller = authenticate(ctx.request().getHeader("Authorization"), orgKey);
    if (caller == null) {
      ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"Gladly\"");
      Http.error(ctx, GladlyError.of(401, null, "unauthorized", "valid Basic credentials (agent email and API token) are required"));
      return;
    }
    ctx.put(Http.CALLER, caller);
    HttpServerResponse response = ctx.response();
    // as any HTTP server with a clock: Gladly's time, which the simulated clock is
    response.putHeader("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(sim.clock().now().atZone(ZoneOffset.UTC)));
    if (sim.faults().takeBurst()) {
      rateLimited(ctx, 0);
      return;
    }
    if (sim.options().rateLimitEnabled()) {
      int remaining = limiter.take(caller.orgKey(), method);
      if (remaining < 0) {
        rateLimited(ctx, 0);
        return;
      }
      response.putHeader("Ratelimit-Limit-Second", Integer.toString(sim.options().rateLimitPerSecond()));
      response.putHeader("Ratelimit-Remaining-Second", Integer.toString(remaining));
    }
    ctx.next();
  }

  private void faults(RoutingContext ctx) {
    Fault fault = sim.faults().match(ctx.request().method().name(), gladlyPath(ctx.request().path()));
    if (fault == null) {
      ctx.next();
      return;
    }
    if (fault.isAfterApplying() && fault.endsTheCall()) {
      // the request is applied; its answer is replaced when the handler writes it
      ctx.put(Http.ANSWER_LOST, (Runnable) () -> later(fault, () -> end(ctx, fault)));
      ctx.next();
      return;
    }
    later(fault, () -> {
      if (fault.endsTheCall()) end(ctx, fault);
      else ctx.next();
    });
  }

  private void later(Fault fault, Runnable action) {
    if (fault.latency().isZero()) action.run();
    else sim.vertx().setTimer(fault.latency().toMillis(), t -> action.run());
  }

  /** Ends the call as the fault says: no answer (timeout), a dropped connection (reset), or the injected status. */
  private void end(RoutingContext ctx, Fault fault) {
    HttpServerResponse response = ctx.response();
    if (fault.isTimeout()) {
      long hold = Math.max(1, sim.options().faultTimeoutHold().toMillis());
      sim.vertx().setTimer(hold, t -> {
        if (!response.ended() && !response.closed()) ctx.request().connection().close();
      });
    } else if (fault.isReset()) {
      ctx.request().connection().close();
    } else {
      Http.error(ctx, GladlyError.of(fault.status(), null, fault.status() == 429 ? "rate_limited" : "temporary_failure",
          "injected fault"));
    }
  }

  private void rateLimited(RoutingContext ctx, int remaining) {
    ctx.response().putHeader("Ratelimit-Limit-Second", Integer.toString(sim.options().rateLimitPerSecond()));
    ctx.response().putHeader("Ratelimit-Remaining-Second", Integer.toString(remaining));
    Http.error(ctx, GladlyError.of(429, null, "rate_limited", "too many requests: the organization's budget of "
        + sim.options().rateLimitPerSecond() + " requests per second is spent"));
  }

  private SimState.Caller authenticate(String header, String orgKey) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) return null;
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) return null;
    return sim.state().authenticate(orgKey, decoded.substring(0, colon), decoded.substring(colon + 1));
  }
}
