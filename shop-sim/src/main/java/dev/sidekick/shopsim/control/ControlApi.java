package dev.sidekick.shopsim.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidekick.shopsim.api.AdminApi;
import dev.sidekick.shopsim.state.Customer;
import dev.sidekick.shopsim.state.Order;
import dev.sidekick.shopsim.state.ShopState;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The simulator's own API under {@code /sim} (no authentication: it listens on loopback): the call log, faults, the cost
 * bucket, the seeded orders, reset. Access tokens never appear in its output.
 */
public final class ControlApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Supplier<ShopState> shop;
  private final ShopFaults faults;
  private final ShopCalls calls;
  private final AdminApi admin;
  private final Runnable reset;

  public ControlApi(Supplier<ShopState> shop, ShopFaults faults, ShopCalls calls, AdminApi admin, Runnable reset) {
    this.shop = shop;
    this.faults = faults;
    this.calls = calls;
    this.admin = admin;
    this.reset = reset;
  }

  public void mount(Router router) {
    router.route("/sim/*").handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
    router.get("/sim/calls").handler(ctx -> ok(ctx, Map.of("calls", calls.all().stream().map(ShopCall::toJson).toList())));
    router.get("/sim/faults").handler(ctx -> ok(ctx, Map.of("faults", faults.list().stream().map(ShopFault::toString).toList())));
    router.delete("/sim/faults").handler(ctx -> {
      faults.clear();
      ctx.response().setStatusCode(204).end();
    });
    router.post("/sim/faults").handler(this::addFault);
    router.post("/sim/bucket").handler(ctx -> {
      JsonNode b = body(ctx);
      if (b == null || !b.path("token").isTextual() || shop.get().scopes(b.get("token").asText()).isEmpty()) {
        error(ctx, "token: an access token of the shop is required");
        return;
      }
      admin.bucket(b.get("token").asText()).set(num(b, "maximumAvailable"), num(b, "currentlyAvailable"), num(b, "restoreRate"));
      ok(ctx, admin.bucket(b.get("token").asText()).status());
    });
    router.post("/sim/reset").handler(ctx -> {
      reset.run();
      ctx.response().setStatusCode(204).end();
    });
    router.get("/sim/orders").handler(ctx -> ok(ctx, Map.of("orders", shop.get().orders().stream().map(o -> summary(o, shop.get())).toList())));
  }

  private void addFault(RoutingContext ctx) {
    JsonNode b = body(ctx);
    if (b == null || !b.path("kind").isTextual()) {
      error(ctx, "kind: one of status, internalError, throttled, latency, timeout");
      return;
    }
    long delayMs = b.path("delayMs").asLong(0);
    ShopFault fault;
    switch (b.get("kind").asText()) {
      case "status" -> fault = ShopFault.status(b.path("status").asInt(503));
      case "internalError" -> fault = ShopFault.internalError();
      case "throttled" -> fault = ShopFault.throttled();
      case "latency" -> fault = ShopFault.latency(Duration.ofMillis(delayMs));
      case "timeout" -> fault = ShopFault.timeout();
      default -> {
        error(ctx, "kind: one of status, internalError, throttled, latency, timeout");
        return;
      }
    }
    if (delayMs > 0) fault.after(Duration.ofMillis(delayMs));
    if (b.path("times").isInt()) fault.times(b.get("times").asInt());
    faults.add(fault);
    ok(ctx, Map.of("fault", fault.toString()));
  }

  /** What a person running the demo needs to know about an order to ask about it. */
  private static Map<String, Object> summary(Order o, ShopState shop) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", o.name());
    m.put("email", o.email());
    m.put("customer", o.customerId() == null ? null : shop.customer(o.customerId()).map(Customer::displayName).orElse(null));
    m.put("zip", o.shippingAddress() == null ? null : o.shippingAddress().zip());
    m.put("processedAt", o.processedAt().toString());
    m.put("financialStatus", o.displayFinancialStatus());
    m.put("fulfillmentStatus", o.displayFulfillmentStatus());
    m.put("fulfillments", o.fulfillments().stream().map(Order.Fulfillment::displayStatus).toList());
    m.put("returnStatus", o.returnStatus());
    m.put("cancelled", o.cancelledAt() != null);
    return m;
  }

  private static Double num(JsonNode b, String field) {
    return b.path(field).isNumber() ? b.get(field).asDouble() : null;
  }

  private static JsonNode body(RoutingContext ctx) {
    try {
      return ctx.body() == null || ctx.body().length() == 0 ? null : JSON.readTree(ctx.body().buffer().getBytes());
    } catch (Exception e) {
      return null;
    }
  }

  private static void error(RoutingContext ctx, String message) {
    write(ctx, 400, Map.of("errors", List.of(message)));
  }

  private static void ok(RoutingContext ctx, Object body) {
    write(ctx, 200, body);
  }

  private static void write(RoutingContext ctx, int status, Object body) {
    try {
      ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(Buffer.buffer(JSON.writeValueAsBytes(body)));
    } catch (Exception e) {
      ctx.response().setStatusCode(500).end();
    }
  }
}
