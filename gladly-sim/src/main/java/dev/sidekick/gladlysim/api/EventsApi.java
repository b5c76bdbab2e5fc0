package dev.sidekick.gladlysim.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidekick.gladlysim.Simulation;
import dev.sidekick.gladlysim.state.Event;
import dev.sidekick.gladlysim.state.GladlyError;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /api/v1/events?startAt=&endAt=&entities=}: the organization's events of the last 24 hours as JSONL, the same
 * envelopes as webhook deliveries, up to 15 seconds behind real time (both on the simulated clock, both options).
 */
final class EventsApi {
  static final Set<String> ENTITIES =
      Set.of("AGENT_AVAILABILITY", "AGENT_STATUS", "CONTACT", "CONVERSATION", "CUSTOMER", "PAYMENT_REQUEST", "TASK");
  private final Simulation sim;

  EventsApi(Simulation sim) {
    this.sim = sim;
  }

  void mount(Router api) {
    api.get("/events").handler(Http.guarded(this::events));
  }

  private void events(RoutingContext ctx) {
    Instant now = sim.clock().now();
    Instant startAt = time(ctx, "startAt", true);
    Instant endAt = ctx.queryParams().contains("endAt") ? time(ctx, "endAt", true) : now;
    if (startAt.isBefore(now.minus(sim.options().eventsApiWindow()))) {
      throw GladlyError.badRequest("startAt", "invalid", "startAt must be within the last 24 hours");
    }
    if (endAt.isBefore(startAt)) throw GladlyError.badRequest("endAt", "invalid", "endAt must not be before startAt");
    Set<String> entities = new HashSet<>();
    for (String value : ctx.queryParam("entities")) {
      for (String entity : value.split(",")) {
        if (entity.isBlank()) continue;
        if (!ENTITIES.contains(entity.trim())) {
          throw GladlyError.badRequest("entities", "invalid", "unknown entity type " + entity.trim());
        }
        entities.add(entity.trim());
      }
    }
    if (entities.isEmpty()) throw GladlyError.badRequest("entities", "blank", "at least one entity type is required");
    // not served yet: what was recorded within the lag
    Instant visible = now.minus(sim.options().eventsApiLag());
    Instant to = endAt.isAfter(visible) ? visible : endAt;
    String orgKey = Http.caller(ctx).orgKey();
    List<ObjectNode> lines = sim.state().read(s -> s.org(orgKey).history
        .between(startAt, to, e -> entities.contains(entityOf(e.type())))
        .stream().map(Event::toJson).toList());
    Http.jsonLines(ctx, lines);
  }

  /** The Events API entity an event type belongs to; null when the Events API does not serve it. */
  String entityOf(String type) {
    int slash = type.indexOf('/');
    String prefix = slash < 0 ? type : type.substring(0, slash);
    return switch (prefix) {
      case "CONTACT" -> "CONTACT";
      case "CONVERSATION", "CONVERSATION_ASSIGNEE", "CONVERSATION_STATUS" -> "CONVERSATION";
      case "CUSTOMER", "CUSTOMER_PROFILE" -> "CUSTOMER";
      case "AGENT_STATUS", "AGENT_AVAILABILITY", "PAYMENT_REQUEST", "TASK" -> prefix;
      case "AUTOMATION" -> sim.options().automationEventsEntity();
      default -> null; // MESSAGE/RECEIVED (legacy, not in the Events API's answers), EXPORT_JOB
    };
  }

  private static Instant time(RoutingContext ctx, String name, boolean required) {
    String value = ctx.queryParams().get(name);
    if (value == null || value.isBlank()) {
      if (required) throw GladlyError.badRequest(name, "blank", name + " is required");
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw GladlyError.badRequest(name, "invalid", name + " must be an ISO 8601 time with an offset");
    }
  }
}
