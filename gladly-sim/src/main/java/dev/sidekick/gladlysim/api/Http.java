package dev.sidekick.gladlysim.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidekick.gladlysim.state.GladlyError;
import dev.sidekick.gladlysim.state.Json;
import dev.sidekick.gladlysim.state.SimState;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Writing Gladly-shaped responses, and reading JSON bodies. */
public final class Http {
  public static final String CALLER = "gladly.caller";
  public static final String ORG_PREFIX = "gladly.orgPrefix";
  /** A {@code Runnable} that ends the call instead of its real answer (an injected fault after applying). */
  public static final String ANSWER_LOST = "gladly.answerLost";
  private static final Logger LOG = Logger.getLogger(Http.class.getName());

  private Http() {}

  /** A route handler that may refuse with a {@link GladlyError}. */
  @FunctionalInterface
  public interface Handler {
    void handle(RoutingContext ctx) throws Exception;
  }

  public static io.vertx.core.Handler<RoutingContext> guarded(Handler h) {
    return ctx -> {
      try {
        h.handle(ctx);
      } catch (GladlyError e) {
        error(ctx, e);
      } catch (Exception e) {
        LOG.log(Level.WARNING, "unexpected failure on " + ctx.request().method() + " " + ctx.normalizedPath(), e);
        error(ctx, GladlyError.of(500, null, "internal_error", "the simulator failed: " + e.getClass().getSimpleName()));
      }
    };
  }

  public static SimState.Caller caller(RoutingContext ctx) {
    return ctx.get(CALLER);
  }

  /** "/org/{key}" when the request came through an organization prefix, else "". */
  public static String prefix(RoutingContext ctx) {
    String p = ctx.get(ORG_PREFIX);
    return p == null ? "" : p;
  }

  /** An injected fault takes the place of the answer: the request was applied, its answer is lost. */
  private static boolean answerLost(RoutingContext ctx) {
    Runnable lose = ctx.get(ANSWER_LOST);
    if (lose == null) return false;
    ctx.remove(ANSWER_LOST);
    lose.run();
    return true;
  }

  /** A client that gave up (timeout fault, latency) has closed the connection: the change stands, the answer is dropped. */
  private static boolean gone(RoutingContext ctx) {
    return ctx.response().ended() || ctx.response().closed();
  }

  public static void json(RoutingContext ctx, int status, JsonNode body) {
    if (answerLost(ctx) || gone(ctx)) return;
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(Buffer.buffer(Json.bytes(body)));
  }

  /** A JSONL stream (Gladly's Events API): one JSON value per line. */
  public static void jsonLines(RoutingContext ctx, java.util.List<? extends JsonNode> lines) {
    if (answerLost(ctx) || gone(ctx)) return;
    Buffer out = Buffer.buffer();
    for (JsonNode line : lines) out.appendBytes(Json.bytes(line)).appendByte((byte) '\n');
    ctx.response().setStatusCode(200).putHeader("Content-Type", "application/x-jsonlines").end(out);
  }

  public static void ok(RoutingContext ctx, JsonNode body) {
    json(ctx, 200, body);
  }

  public static void noContent(RoutingContext ctx) {
    if (answerLost(ctx) || gone(ctx)) return;
    ctx.response().setStatusCode(204).end();
  }

  public static void created(RoutingContext ctx, String location) {
    if (answerLost(ctx) || gone(ctx)) return;
    ctx.response().setStatusCode(201).putHeader("Location", location).end();
  }

  public static void error(RoutingContext ctx, GladlyError e) {
    HttpServerResponse r = ctx.response();
    if (answerLost(ctx) || gone(ctx)) return;
    if (e.emptyBody()) {
      r.setStatusCode(e.status()).end();
    } else {
      json(ctx, e.status(), e.body());
    }
  }

  /** The request's JSON body; a malformed one is Gladly's 400. */
  public static JsonNode body(RoutingContext ctx) {
    Buffer buffer = ctx.body() == null ? null : ctx.body().buffer();
    if (buffer == null || buffer.length() == 0) return Json.object();
    try {
      return Json.MAPPER.readTree(buffer.getBytes());
    } catch (Exception e) {
      throw GladlyError.badRequest(null, "invalid", "request body is not valid JSON");
    }
  }

  /** The request's JSON body, which must be an object. */
  public static JsonNode objectBody(RoutingContext ctx) {
    JsonNode body = body(ctx);
    if (!body.isObject()) throw GladlyError.badRequest(null, "invalid", "request body must be a JSON object");
    return body;
  }
}
