package dev.sidekick.gladlysim.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidekick.gladlysim.state.Json;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A webhook target inside the simulator, for tests that need a valid URL without a runtime: it records each request and
 * answers 200. Path segment pairs change that: {@code status/503} answers 503 to everything, {@code delay/2000} waits
 * 2 s first; {@code fail/503} and {@code slow/2000} do the same to events only, so that the PING still passes.
 */
public final class Receiver {
  private static final int KEEP = 1000;
  private static final Set<String> SHOWN_HEADERS = Set.of("content-type", "user-agent", "content-length", "host");

  /** One request received. Header names are lower case; values are kept for Java assertions, redacted in the control API. */
  public record Request(String method, String path, Map<String, String> headers, String body, Instant at) {
    public JsonNode json() {
      return Json.parse(body);
    }

    public String header(String name) {
      return headers.get(name.toLowerCase());
    }

    public String type() {
      JsonNode j = json();
      return j == null ? null : Json.text(j, "type");
    }
  }

  private final Deque<Request> requests = new ArrayDeque<>();
  private final Supplier<Instant> clock;

  public Receiver(Supplier<Instant> clock) {
    this.clock = clock;
  }

  public void mount(Router root, Vertx vertx) {
    root.route("/sim/receiver/*").handler(BodyHandler.create(false).setBodyLimit(1024 * 1024));
    root.get("/sim/receiver/requests").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
        .end(Json.MAPPER.createObjectNode().set("requests", toJson()).toString()));
    root.route("/sim/receiver/*").handler(ctx -> receive(ctx, vertx));
  }

  private void receive(RoutingContext ctx, Vertx vertx) {
    String path = ctx.request().path().substring("/sim/receiver".length());
    Map<String, String> headers = new LinkedHashMap<>();
    ctx.request().headers().forEach(e -> headers.merge(e.getKey().toLowerCase(), e.getValue(), (a, b) -> a + ", " + b));
    String body = ctx.body() == null || ctx.body().buffer() == null ? "" : ctx.body().asString();
    synchronized (requests) {
      requests.addLast(new Request(ctx.request().method().name(), path, headers, body, clock.get()));
      while (requests.size() > KEEP) requests.removeFirst();
    }
    int status = 200;
    long delay = 0;
    boolean ping = body.contains("\"type\":\"PING\"");
    String[] segments = path.split("/");
    for (int i = 0; i + 1 < segments.length; i++) {
      try {
        if (segments[i].equals("status") || (segments[i].equals("fail") && !ping)) status = Integer.parseInt(segments[i + 1]);
        if (segments[i].equals("delay") || (segments[i].equals("slow") && !ping)) delay = Long.parseLong(segments[i + 1]);
      } catch (NumberFormatException ignored) {
        // not a control segment, just part of the path
      }
    }
    int answer = status;
    Runnable respond = () -> {
      if (!ctx.response().ended() && !ctx.response().closed()) ctx.response().setStatusCode(answer).end();
    };
    if (delay > 0) vertx.setTimer(delay, t -> respond.run());
    else respond.run();
  }

  public List<Request> requests() {
    synchronized (requests) {
      return new ArrayList<>(requests);
    }
  }

  /** Requests whose path starts with this prefix (for example "/acme/chat"). */
  public List<Request> requests(String pathPrefix) {
    return requests().stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
  }

  public void clear() {
    synchronized (requests) {
      requests.clear();
    }
  }

  /** For the control API: every header value except harmless ones is redacted. */
  public ArrayNode toJson() {
    ArrayNode a = Json.array();
    for (Request r : requests()) {
      ObjectNode o = a.addObject();
      o.put("method", r.method());
      o.put("path", r.path());
      o.put("at", Json.ts(r.at()));
      ObjectNode h = o.putObject("headers");
      r.headers().forEach((k, v) -> h.put(k, SHOWN_HEADERS.contains(k) ? v : "***"));
      JsonNode body = r.json();
      if (body != null) o.set("body", body);
      else o.put("body", r.body());
    }
    return a;
  }
}
