package dev.sidekick.gladlysim.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidekick.gladlysim.SimOptions;
import dev.sidekick.gladlysim.Simulation;
import dev.sidekick.gladlysim.api.Http;
import dev.sidekick.gladlysim.delivery.Delivery;
import dev.sidekick.gladlysim.state.Conversation;
import dev.sidekick.gladlysim.state.GladlyError;
import dev.sidekick.gladlysim.state.Item;
import dev.sidekick.gladlysim.state.Json;
import dev.sidekick.gladlysim.state.Org;
import dev.sidekick.gladlysim.state.Session;
import dev.sidekick.gladlysim.state.SessionMessage;
import dev.sidekick.gladlysim.state.Webhook;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.List;

/**
 * The simulator's own API under {@code /sim}: act as a customer, read what Gladly holds, inject faults, move the clock,
 * reset. No authentication (it listens on loopback); secrets never appear in its output.
 */
public final class ControlApi {
  private final Simulation sim;
  private final Runnable reset;

  public ControlApi(Simulation sim, Runnable reset) {
    this.sim = sim;
    this.reset = reset;
  }

  public void mount(Router root) {
    sim.receiver().mount(root, sim.vertx());
    Router r = Router.router(sim.vertx());
    r.route().handler(BodyHandler.create(false).setBodyLimit(1024 * 1024));
    r.post("/customer/chats").handler(Http.guarded(this::startChat));
    r.post("/customer/chats/:conversationId/messages").handler(Http.guarded(this::chatMessage));
    r.get("/customer/chats/:conversationId/messages").handler(Http.guarded(this::chatView));
    r.post("/customer/emails").handler(Http.guarded(ctx -> {
      JsonNode b = Http.objectBody(ctx);
      String id = customer(ctx).sendEmail(req(b, "from"), req(b, "to"), Json.text(b, "subject"), Json.text(b, "body"));
      Http.ok(ctx, Json.object().put("conversationId", id));
    }));
    r.post("/customer/sms").handler(Http.guarded(ctx -> {
      JsonNode b = Http.objectBody(ctx);
      String id = customer(ctx).sendSms(req(b, "from"), req(b, "to"), Json.text(b, "body"));
      Http.ok(ctx, Json.object().put("conversationId", id));
    }));
    // a human agent in Gladly's UI (AgentActions): scripts that play a brand's agents, such as scripts/bench-shadow-week
    r.post("/agent/conversations/:conversationId/reply").handler(Http.guarded(ctx -> {
      JsonNode b = Http.objectBody(ctx);
      String id = agent(ctx, b, a -> a.reply(ctx.pathParam("conversationId"), req(b, "text")));
      Http.ok(ctx, Json.object().put("id", id));
    }));
    r.post("/agent/conversations/:conversationId/transfer").handler(Http.guarded(ctx -> {
      JsonNode b = Http.objectBody(ctx);
      agent(ctx, b, a -> {
        a.transfer(ctx.pathParam("conversationId"), req(b, "inbox"));
        return null;
      });
      Http.noContent(ctx);
    }));
    r.post("/agent/conversations/:conversationId/close").handler(Http.guarded(ctx -> {
      JsonNode b = Http.objectBody(ctx);
      agent(ctx, b, a -> {
        a.close(ctx.pathParam("conversationId"));
        return null;
      });
      Http.noContent(ctx);
    }));
    r.get("/organizations").handler(Http.guarded(ctx -> {
      ArrayNode a = Json.array();
      for (Org o : sim.state().orgs()) {
        ObjectNode org = a.addObject().put("key", o.key).put("id", o.id).put("name", o.name);
        ArrayNode eps = org.putArray("entryPoints");
        sim.state().read(s -> {
          o.entryPoints.values().forEach(ep -> eps.addObject().put("name", ep.name()).put("type", ep.type().name())
              .put("address", ep.address()).put("automation", ep.automation()).put("defaultInboxId", ep.defaultInboxId()));
          ArrayNode inboxes = org.putArray("inboxes");
          o.inboxes.values().forEach(i -> inboxes.add(i.toJson()));
          ArrayNode agents = org.putArray("agents");
          o.agents.values().forEach(agent -> agents.add(agent.toJson()));
          ArrayNode topics = org.putArray("topics");
          o.topics.values().forEach(t -> topics.add(t.toJson()));
          ArrayNode customers = org.putArray("customers");
          o.customers.values().forEach(c -> customers.addObject().put("id", c.id).put("name", c.name).put("email", c.email)
              .put("phone", c.phone));
          return null;
        });
      }
      Http.ok(ctx, a);
    }));
    r.get("/conversations").handler(Http.guarded(ctx -> Http.ok(ctx, sim.state().read(s -> {
      ArrayNode a = Json.array();
      s.org(orgKey(ctx)).conversations.values().forEach(c -> a.add(conversationJson(c, false)));
      return a;
    }))));
    r.get("/conversations/:id").handler(Http.guarded(ctx -> Http.ok(ctx, sim.state().read(s -> {
      Conversation c = s.org(orgKey(ctx)).conversations.get(ctx.pathParam("id"));
      if (c == null) throw GladlyError.notExist("conversation does not exist");
      return conversationJson(c, true);
    }))));
    r.get("/sessions/:id").handler(Http.guarded(ctx -> Http.ok(ctx, sim.state().read(s -> sessionJson(s.org(orgKey(ctx))
        .session(ctx.pathParam("id")))))));
    r.get("/webhooks").handler(Http.guarded(ctx -> Http.ok(ctx, sim.state().read(s -> {
      ArrayNode a = Json.array();
      for (Webhook w : s.org(orgKey(ctx)).webhooks.values()) {
        ObjectNode o = w.toJson();
        ObjectNode headers = o.putObject("headers");
        w.headers.keySet().forEach(k -> headers.put(k, "***"));
        a.add(o);
      }
      return a;
    }))));
    r.get("/deliveries").handler(Http.guarded(ctx -> {
      String webhookId = ctx.queryParams().get("webhookId");
      List<Delivery> list = webhookId == null ? sim.deliveries().all() : sim.deliveries().of(webhookId);
      ArrayNode a = Json.array();
      for (Delivery d : list) {
        ObjectNode o = a.addObject();
        o.put("seq", d.seq()).put("webhookId", d.webhookId()).put("eventId", d.eventId()).put("eventType", d.eventType()).put("attempt", d.attempt())
            .put("occurredAt", Json.ts(d.occurredAt())).put("timedOut", d.timedOut()).put("outcome", d.outcome().name());
        if (d.statusCode() != null) o.put("statusCode", d.statusCode());
        if (d.error() != null) o.put("error", d.error());
        o.set("request", Json.parse(d.requestBody()));
      }
      Http.ok(ctx, Json.object().put("inFlight", sim.deliveries().inFlight()).set("deliveries", a));
    }));
    r.get("/api-calls").handler(Http.guarded(ctx -> {
      ArrayNode a = Json.array();
      for (ApiCall c : sim.apiCalls().all()) {
        ObjectNode o = a.addObject().put("method", c.method()).put("path", c.path()).put("status", c.status())
            .put("at", Json.ts(c.at()));
        if (c.orgKey() != null) o.put("organization", c.orgKey());
        if (c.agentId() != null) o.put("agentId", c.agentId());
      }
      Http.ok(ctx, a);
    }));
    r.get("/faults").handler(Http.guarded(ctx -> Http.ok(ctx, faultsJson())));
    r.post("/faults").handler(Http.guarded(ctx -> {
      JsonNode b = Http.objectBody(ctx);
      if (b.has("rateLimitBurst")) sim.faults().rateLimitBurst(b.get("rateLimitBurst").asInt());
      if (b.has("path")) {
        Fault f = Fault.on(b.path("method").asText("*"), b.get("path").asText());
        if (b.hasNonNull("status")) f.status(b.get("status").asInt());
        if (b.hasNonNull("latencyMs")) f.latency(Duration.ofMillis(b.get("latencyMs").asLong()));
        if (b.path("timeout").asBoolean(false)) f.timeout();
        if (b.path("reset").asBoolean(false)) f.reset();
        if (b.path("afterApplying").asBoolean(false)) {
          if (!f.endsTheCall()) {
            throw GladlyError.badRequest("afterApplying", "invalid", "afterApplying needs a status, reset or timeout to replace the answer");
          }
          f.afterApplying();
        }
        if (b.hasNonNull("times")) f.times(b.get("times").asInt());
        if (b.hasNonNull("skip")) f.skip(b.get("skip").asInt());
        if (b.hasNonNull("rate")) f.rate(b.get("rate").asDouble());
        sim.faults().add(f);
      } else if (!b.has("rateLimitBurst")) {
        throw GladlyError.badRequest("path", "blank", "a fault needs a path (or rateLimitBurst)");
      }
      Http.ok(ctx, faultsJson());
    }));
    r.delete("/faults").handler(Http.guarded(ctx -> {
      sim.faults().clear();
      Http.noContent(ctx);
    }));
    r.get("/rate-limit").handler(Http.guarded(ctx -> Http.ok(ctx, rateLimitJson())));
    r.post("/rate-limit").handler(Http.guarded(ctx -> {
      JsonNode b = Http.objectBody(ctx);
      SimOptions o = sim.options();
      if (b.has("enabled")) o.rateLimitEnabled(b.get("enabled").asBoolean());
      if (b.has("perSecond")) o.rateLimitPerSecond(b.get("perSecond").asInt());
      if (b.has("scope")) o.rateLimitScope(SimOptions.RateLimitScope.valueOf(b.get("scope").asText()));
      Http.ok(ctx, rateLimitJson());
    }));
    r.get("/clock").handler(Http.guarded(ctx -> Http.ok(ctx, clockJson())));
    r.post("/clock/advance").handler(Http.guarded(ctx -> {
      JsonNode b = Http.objectBody(ctx);
      if (!b.has("seconds")) throw GladlyError.badRequest("seconds", "blank", "seconds cannot be blank");
      // advancing runs due retries synchronously: keep that off the event loop
      sim.vertx().executeBlocking(() -> {
        sim.clock().advance(Duration.ofMillis((long) (b.get("seconds").asDouble() * 1000)));
        return null;
      }, false).onComplete(ar -> Http.ok(ctx, clockJson()));
    }));
    r.post("/reset").handler(Http.guarded(ctx -> {
      reset.run();
      Http.noContent(ctx);
    }));
    root.route("/sim/*").subRouter(r);
  }

  private static String req(JsonNode b, String field) {
    String v = Json.text(b, field);
    if (v == null || v.isBlank()) throw GladlyError.badRequest(field, "blank", field + " cannot be blank");
    return v;
  }

  private String orgKey(RoutingContext ctx) {
    String key = ctx.queryParams().get("org");
    if (key != null && sim.state().orgOrNull(key) == null) throw GladlyError.notExist("organization does not exist");
    return key != null ? key : sim.state().defaultOrgKey();
  }

  private CustomerActions customer(RoutingContext ctx) {
    return new CustomerActions(sim, orgKey(ctx));
  }

  /** Runs an agent's action; an unknown agent, conversation or inbox is the caller's mistake (400), not the simulator's. */
  private <T> T agent(RoutingContext ctx, JsonNode body, java.util.function.Function<AgentActions, T> action) {
    AgentActions agent = new AgentActions(sim, orgKey(ctx), req(body, "agent"));
    try {
      return action.apply(agent);
    } catch (IllegalArgumentException e) {
      throw GladlyError.badRequest("conversationId", "invalid", e.getMessage());
    }
  }

  private void startChat(RoutingContext ctx) {
    JsonNode b = Http.objectBody(ctx);
    JsonNode customer = b.path("customer");
    String email = Json.text(customer, "email");
    if (email == null || email.isBlank()) throw GladlyError.badRequest("customer.email", "blank", "customer.email cannot be blank");
    JsonNode context = b.get("context");
    CustomerActions.Chat chat = customer(ctx).startChat(req(b, "entryPoint"), email, Json.text(customer, "name"),
        context != null && context.isObject() ? (ObjectNode) context : null);
    ObjectNode out = Json.object();
    if (chat.sessionId() != null) out.put("sessionId", chat.sessionId());
    out.put("conversationId", chat.conversationId());
    out.put("customerId", chat.customerId());
    Http.ok(ctx, out);
  }

  private void chatMessage(RoutingContext ctx) {
    JsonNode b = Http.objectBody(ctx);
    CustomerActions.Chat chat = customer(ctx).chat(ctx.pathParam("conversationId"));
    String text = Json.text(b, "text");
    String menuItemId = Json.text(b, "menuItemId");
    if (text == null && menuItemId == null) throw GladlyError.badRequest("text", "blank", "text or menuItemId is required");
    String id = menuItemId != null ? chat.pick(menuItemId) : chat.say(text);
    Http.ok(ctx, Json.object().put("id", id));
  }

  private void chatView(RoutingContext ctx) {
    String orgKey = orgKey(ctx);
    Http.ok(ctx, sim.state().read(s -> {
      Org org = s.org(orgKey);
      Conversation c = org.chatConversation(ctx.pathParam("conversationId"));
      Session session = c.sessionId == null ? null : org.sessions.get(c.sessionId);
      ObjectNode o = Json.object();
      o.put("conversationId", c.id);
      if (session != null) {
        o.put("sessionId", session.id);
        o.put("sessionState", session.state.name());
        o.put("typing", session.typing.equals("STARTED"));
      } else {
        o.put("typing", false);
      }
      o.put("status", c.status);
      o.put("handedOff", !c.inAutomation && session != null);
      ArrayNode lines = o.putArray("messages");
      for (Conversation.ChatLine l : c.chat) {
        ObjectNode line = lines.addObject().put("id", l.id()).put("from", l.from()).put("type", l.type()).put("text", l.text())
            .put("at", Json.ts(l.at()));
        if (!l.menuItems().isEmpty()) {
          ArrayNode items = line.putArray("menuItems");
          l.menuItems().forEach(mi -> items.addObject().put("id", mi.id()).put("label", mi.label()));
        }
      }
      return o;
    }));
  }

  private static ObjectNode conversationJson(Conversation c, boolean withItems) {
    ObjectNode o = c.toJson();
    o.put("channel", c.entryPoint.type().name());
    o.put("entryPoint", c.entryPoint.address());
    o.put("inAutomation", c.inAutomation);
    if (c.sessionId != null) o.put("sessionId", c.sessionId);
    java.time.Instant updated = c.closedAt != null && c.closed() ? c.closedAt : c.createdAt;
    for (Item i : c.items) if (i.timestamp().isAfter(updated)) updated = i.timestamp();
    o.put("updatedAt", Json.ts(updated));
    o.put("noteCount", c.items.stream().filter(i -> "CONVERSATION_NOTE".equals(i.contentType())).count());
    if (withItems) {
      ArrayNode items = o.putArray("items");
      for (Item i : c.items) items.add(i.toJson());
    } else {
      o.put("itemCount", c.items.size());
    }
    return o;
  }

  private static ObjectNode sessionJson(Session s) {
    ObjectNode o = s.toJson();
    o.put("state", s.state.name());
    o.put("typing", s.typing);
    if (s.description != null) o.put("description", s.description);
    ArrayNode messages = o.putArray("messages");
    for (SessionMessage m : s.messages) messages.add(m.toJson(null));
    return o;
  }

  private ObjectNode faultsJson() {
    ObjectNode o = Json.object();
    o.put("rateLimitBurst", sim.faults().burstRemaining());
    ArrayNode a = o.putArray("faults");
    for (Fault f : sim.faults().list()) {
      ObjectNode fo = a.addObject().put("method", f.method()).put("path", f.path()).put("latencyMs", f.latency().toMillis())
          .put("timeout", f.isTimeout()).put("reset", f.isReset()).put("afterApplying", f.isAfterApplying());
      if (f.status() != null) fo.put("status", f.status());
      if (f.remaining() != Integer.MAX_VALUE) fo.put("times", f.remaining());
      if (f.rate() < 1.0) fo.put("rate", f.rate());
    }
    return o;
  }

  private ObjectNode rateLimitJson() {
    SimOptions o = sim.options();
    return Json.object().put("enabled", o.rateLimitEnabled()).put("perSecond", o.rateLimitPerSecond())
        .put("scope", o.rateLimitScope().name());
  }

  private ObjectNode clockJson() {
    return Json.object().put("now", Json.ts(sim.clock().now())).put("pendingTasks", sim.clock().pending());
  }
}
