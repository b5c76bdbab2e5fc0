package dev.sidekick.gladlysim.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidekick.gladlysim.Simulation;
import dev.sidekick.gladlysim.state.Agent;
import dev.sidekick.gladlysim.state.Customer;
import dev.sidekick.gladlysim.state.GladlyError;
import dev.sidekick.gladlysim.state.Inbox;
import dev.sidekick.gladlysim.state.Json;
import dev.sidekick.gladlysim.state.Org;
import dev.sidekick.gladlysim.state.Topic;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/** Organization, agents, inboxes, topics and customer profiles: what a client reads to find its way. */
final class DirectoryApi {
  private final Simulation sim;

  DirectoryApi(Simulation sim) {
    this.sim = sim;
  }

  void mount(Router api) {
    api.get("/organization").handler(Http.guarded(ctx -> read(ctx, org -> {
      ObjectNode o = Json.object();
      o.put("id", org.id);
      o.put("loginDomain", org.loginDomain);
      o.put("name", org.name);
      o.put("timezone", org.timezone);
      o.put("gladlyUrl", org.gladlyUrl);
      return o;
    })));
    api.get("/agents").handler(Http.guarded(ctx -> read(ctx, org -> {
      ArrayNode a = Json.array();
      org.agents.values().forEach(agent -> a.add(agent.toJson()));
      return a;
    })));
    api.get("/agents/:agentId").handler(Http.guarded(ctx -> read(ctx, org -> {
      Agent agent = org.agents.get(ctx.pathParam("agentId"));
      if (agent == null) throw GladlyError.notExist("agent does not exist");
      return agent.toJson();
    })));
    api.get("/inboxes").handler(Http.guarded(ctx -> read(ctx, org -> {
      ArrayNode a = Json.array();
      org.inboxes.values().forEach(i -> a.add(i.toJson()));
      return a;
    })));
    api.get("/inboxes/:inboxId").handler(Http.guarded(ctx -> read(ctx, org -> {
      Inbox inbox = org.inboxes.get(ctx.pathParam("inboxId"));
      if (inbox == null) throw GladlyError.notExist("inbox does not exist");
      return inbox.toJson();
    })));
    api.get("/topics").handler(Http.guarded(ctx -> read(ctx, org -> {
      ArrayNode a = Json.array();
      org.topics.values().forEach(t -> a.add(t.toJson()));
      return a;
    })));
    api.get("/topics/:topicId").handler(Http.guarded(ctx -> read(ctx, org -> {
      Topic topic = org.topics.get(ctx.pathParam("topicId"));
      if (topic == null) throw GladlyError.notExist("topic does not exist");
      return topic.toJson();
    })));
    api.get("/customer-profiles/:customerId").handler(Http.guarded(ctx -> read(ctx, org -> {
      Customer c = org.customers.get(ctx.pathParam("customerId"));
      if (c == null) throw GladlyError.notExist("customer does not exist");
      return c.toJson();
    })));
    api.get("/customer-profiles").handler(Http.guarded(ctx -> read(ctx, org -> findCustomers(ctx, org))));
  }

  private static ArrayNode findCustomers(RoutingContext ctx, Org org) {
    String email = ctx.queryParams().get("email");
    String phone = ctx.queryParams().get("phoneNumber");
    String external = ctx.queryParams().get("externalCustomerId");
    int given = (email != null ? 1 : 0) + (phone != null ? 1 : 0) + (external != null ? 1 : 0);
    if (given != 1) {
      throw GladlyError.badRequest(null, "invalid", "exactly one of email, phoneNumber, externalCustomerId is required");
    }
    ArrayNode a = Json.array();
    for (Customer c : org.customers.values()) {
      if ((email != null && email.equalsIgnoreCase(c.email)) || (phone != null && phone.equals(c.phone))) a.add(c.toJson());
    }
    return a;
  }

  private void read(RoutingContext ctx, Function<Org, com.fasterxml.jackson.databind.JsonNode> reader) {
    String orgKey = Http.caller(ctx).orgKey();
    Http.ok(ctx, sim.state().read(s -> reader.apply(s.org(orgKey))));
  }
}
