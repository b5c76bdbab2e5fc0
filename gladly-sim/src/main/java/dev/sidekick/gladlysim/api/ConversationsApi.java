package dev.sidekick.gladlysim.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sidekick.gladlysim.Simulation;
import dev.sidekick.gladlysim.state.Conversation;
import dev.sidekick.gladlysim.state.GladlyError;
import dev.sidekick.gladlysim.state.Item;
import dev.sidekick.gladlysim.state.Json;
import dev.sidekick.gladlysim.state.Org;
import dev.sidekick.gladlysim.state.SimState;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Conversations and their items: read, assign, close, reply, notes, topics. */
final class ConversationsApi {
  private static final int MAX_ITEMS = 1000;
  private static final int MAX_CONVERSATIONS = 100;
  private final Simulation sim;

  ConversationsApi(Simulation sim) {
    this.sim = sim;
  }

  void mount(Router api) {
    api.get("/conversations/:conversationId").handler(Http.guarded(ctx -> {
      String orgKey = Http.caller(ctx).orgKey();
      Http.ok(ctx, sim.state().read(s -> {
        Conversation c = s.org(orgKey).visibleConversation(ctx.pathParam("conversationId"));
        if (c == null) throw GladlyError.notFoundNoBody();
        return c.toJson();
      }));
    }));
    api.patch("/conversations/:conversationId").handler(Http.guarded(ctx -> {
      JsonNode body = Http.objectBody(ctx);
      change(ctx, (org, caller, w) -> {
        org.patchConversation(ctx.pathParam("conversationId"), body, caller.agentId(), w.events);
        return null;
      });
      Http.noContent(ctx);
    }));
    api.get("/conversations/:conversationId/items").handler(Http.guarded(ctx -> {
      String orgKey = Http.caller(ctx).orgKey();
      boolean[] limited = {false};
      JsonNode items = sim.state().read(s -> {
        Conversation c = s.org(orgKey).visibleConversation(ctx.pathParam("conversationId"));
        if (c == null) throw GladlyError.notExist("conversation does not exist");
        ArrayNode a = Json.array();
        c.items.stream().limit(MAX_ITEMS).forEach(i -> a.add(i.toJson()));
        limited[0] = c.items.size() > MAX_ITEMS;
        return a;
      });
      if (limited[0]) ctx.response().putHeader("Gladly-Limited-Data", "true");
      Http.ok(ctx, items);
    }));
    api.get("/conversation-items/:itemId").handler(Http.guarded(ctx -> {
      String orgKey = Http.caller(ctx).orgKey();
      Http.ok(ctx, sim.state().read(s -> {
        Item item = s.org(orgKey).visibleItem(ctx.pathParam("itemId"));
        if (item == null) throw GladlyError.notFoundNoBody();
        return item.toJson();
      }));
    }));
    api.post("/conversation-items/:itemId/reply").handler(Http.guarded(ctx -> {
      JsonNode body = Http.objectBody(ctx);
      Item item = change(ctx, (org, caller, w) -> org.reply(ctx.pathParam("itemId"), body, caller.agentId(), w.events));
      Http.created(ctx, Http.prefix(ctx) + "/api/v1/conversation-items/" + item.id());
    }));
    api.post("/conversations/:conversationId/notes").handler(Http.guarded(ctx -> {
      JsonNode body = Http.objectBody(ctx);
      Item note = change(ctx, (org, caller, w) -> org.addNote(ctx.pathParam("conversationId"), body, caller.agentId(), w.events));
      Http.created(ctx, Http.prefix(ctx) + "/api/v1/conversations/" + note.conversationId() + "/notes/" + note.id());
    }));
    api.get("/conversations/:conversationId/notes/:noteId").handler(Http.guarded(ctx -> {
      String orgKey = Http.caller(ctx).orgKey();
      Http.ok(ctx, sim.state().read(s -> {
        Org org = s.org(orgKey);
        Item note = org.visibleItem(ctx.pathParam("noteId"));
        if (note == null || !"CONVERSATION_NOTE".equals(note.contentType())
            || !note.conversationId().equals(ctx.pathParam("conversationId"))) {
          throw GladlyError.notExist("note does not exist");
        }
        return note.toJson();
      }));
    }));
    api.post("/conversations/:conversationId/topics").handler(Http.guarded(ctx -> {
      JsonNode body = Http.objectBody(ctx);
      change(ctx, (org, caller, w) -> {
        org.addTopics(ctx.pathParam("conversationId"), body, caller.agentId(), w.events);
        return null;
      });
      Http.noContent(ctx);
    }));
    api.delete("/conversations/:conversationId/topics/:topicId").handler(Http.guarded(ctx -> {
      change(ctx, (org, caller, w) -> {
        org.removeTopic(ctx.pathParam("conversationId"), ctx.pathParam("topicId"), caller.agentId(), w.events);
        return null;
      });
      Http.noContent(ctx);
    }));
    api.get("/customers/:customerId/conversations").handler(Http.guarded(ctx -> {
      String orgKey = Http.caller(ctx).orgKey();
      boolean[] limited = {false};
      JsonNode list = sim.state().read(s -> {
        Org org = s.org(orgKey);
        String customerId = ctx.pathParam("customerId");
        if (!org.customers.containsKey(customerId)) throw GladlyError.notExist("customer does not exist");
        ArrayNode a = Json.array();
        var visible = org.conversations.values().stream().filter(c -> c.customerId.equals(customerId) && !c.inAutomation).toList();
        visible.stream().limit(MAX_CONVERSATIONS).forEach(c -> a.add(c.toJson()));
        limited[0] = visible.size() > MAX_CONVERSATIONS;
        return a;
      });
      if (limited[0]) ctx.response().putHeader("Gladly-Limited-Data", "true");
      Http.ok(ctx, list);
    }));
  }

  private interface Change<T> {
    T apply(Org org, SimState.Caller caller, SimState.Work work);
  }

  /** Applies a change under the state lock, then delivers the events it raised. */
  private <T> T change(RoutingContext ctx, Change<T> change) {
    SimState.Caller caller = Http.caller(ctx);
    SimState.Result<T> r = sim.state().change(caller.orgKey(), w -> change.apply(w.org, caller, w));
    sim.deliveries().publish(r.events());
    return r.value();
  }
}
