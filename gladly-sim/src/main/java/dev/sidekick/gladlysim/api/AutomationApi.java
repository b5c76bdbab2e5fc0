package dev.sidekick.gladlysim.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sidekick.gladlysim.Simulation;
import dev.sidekick.gladlysim.state.GladlyError;
import dev.sidekick.gladlysim.state.Json;
import dev.sidekick.gladlysim.state.Session;
import dev.sidekick.gladlysim.state.SessionMessage;
import dev.sidekick.gladlysim.state.SimState;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Message automation: the bot's side of a chat session (messages, typing, hand-off, close). */
final class AutomationApi {
  private static final String SESSION = "/message-automation/sessions/:sessionId";
  private final Simulation sim;

  AutomationApi(Simulation sim) {
    this.sim = sim;
  }

  void mount(Router api) {
    api.get(SESSION).handler(Http.guarded(ctx -> {
      String orgKey = Http.caller(ctx).orgKey();
      Http.ok(ctx, sim.state().read(s -> s.org(orgKey).session(ctx.pathParam("sessionId")).toJson()));
    }));
    api.get(SESSION + "/messages").handler(Http.guarded(ctx -> {
      String orgKey = Http.caller(ctx).orgKey();
      Http.ok(ctx, sim.state().read(s -> {
        Session session = s.org(orgKey).session(ctx.pathParam("sessionId"));
        ArrayNode a = Json.array();
        session.messages.forEach(m -> a.add(m.toJson(m.fromCustomer() ? session.context : null)));
        return a;
      }));
    }));
    api.get(SESSION + "/messages/:messageId").handler(Http.guarded(ctx -> {
      String orgKey = Http.caller(ctx).orgKey();
      Http.ok(ctx, sim.state().read(s -> {
        Session session = s.org(orgKey).session(ctx.pathParam("sessionId"));
        String id = ctx.pathParam("messageId");
        for (SessionMessage m : session.messages) {
          if (m.id().equals(id)) return m.toJson(m.fromCustomer() ? session.context : null);
        }
        throw GladlyError.notExist("entity does not exist");
      }));
    }));
    api.post(SESSION + "/messages").handler(Http.guarded(ctx -> {
      SimState.Caller caller = Http.caller(ctx);
      JsonNode body = Http.objectBody(ctx);
      SimState.Result<JsonNode> r = sim.state().change(caller.orgKey(),
          w -> w.org.botSends(ctx.pathParam("sessionId"), body, caller.agentId(), w.events).toJson(null));
      Http.ok(ctx, r.value());
      sim.deliveries().publish(r.events());
    }));
    api.post(SESSION + "/typing-indicators").handler(Http.guarded(ctx -> {
      SimState.Caller caller = Http.caller(ctx);
      JsonNode body = Http.objectBody(ctx);
      sim.state().change(caller.orgKey(), w -> {
        w.org.typing(ctx.pathParam("sessionId"), Json.text(body, "state"));
        return null;
      });
      Http.noContent(ctx);
    }));
    api.post(SESSION + "/handoff").handler(Http.guarded(ctx -> end(ctx, true)));
    api.post(SESSION + "/close").handler(Http.guarded(ctx -> end(ctx, false)));
  }

  private void end(RoutingContext ctx, boolean handoff) {
    SimState.Caller caller = Http.caller(ctx);
    JsonNode body = Http.objectBody(ctx);
    SimState.Result<Void> r = sim.state().change(caller.orgKey(), w -> {
      if (handoff) w.org.handoff(ctx.pathParam("sessionId"), body, w.events);
      else w.org.closeSession(ctx.pathParam("sessionId"), body);
      return null;
    });
    Http.noContent(ctx);
    sim.deliveries().publish(r.events());
  }
}
