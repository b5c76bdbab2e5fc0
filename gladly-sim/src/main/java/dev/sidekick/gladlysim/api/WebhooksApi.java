package dev.sidekick.gladlysim.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sidekick.gladlysim.Simulation;
import dev.sidekick.gladlysim.state.GladlyError;
import dev.sidekick.gladlysim.state.Json;
import dev.sidekick.gladlysim.state.Org;
import dev.sidekick.gladlysim.state.Webhook;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Webhooks with Gladly's rules: at most 20, HTTPS and unique URLs, disabled by default, write-only headers and
 * credentials, a PING (answered 200 in time) on create-enabled, enable and URL change, delete only when disabled.
 */
final class WebhooksApi {
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");
  private final Simulation sim;

  WebhooksApi(Simulation sim) {
    this.sim = sim;
  }

  void mount(Router api) {
    api.get("/webhooks").handler(Http.guarded(ctx -> {
      String orgKey = Http.caller(ctx).orgKey();
      Http.ok(ctx, sim.state().read(s -> {
        ArrayNode a = Json.array();
        s.org(orgKey).webhooks.values().forEach(w -> a.add(w.toJson()));
        return a;
      }));
    }));
    api.get("/webhooks/:webhookId").handler(Http.guarded(ctx -> {
      String orgKey = Http.caller(ctx).orgKey();
      Http.ok(ctx, sim.state().read(s -> {
        Webhook w = s.org(orgKey).webhooks.get(ctx.pathParam("webhookId"));
        if (w == null) throw GladlyError.notFoundNoBody();
        return w.toJson();
      }));
    }));
    api.post("/webhooks").handler(Http.guarded(this::create));
    api.patch("/webhooks/:webhookId").handler(Http.guarded(this::update));
    api.delete("/webhooks/:webhookId").handler(Http.guarded(this::delete));
  }

  /** The fields a request sets; absent fields are null (or, for headers and credentials, not {@code present}). */
  private static final class Change {
    String name;
    String url;
    List<String> events;
    Boolean enabled;
    boolean headersPresent;
    Map<String, String> headers;
    boolean credentialsPresent;
    Webhook.Credentials credentials;
  }

  private Change parse(JsonNode body, boolean create) {
    GladlyError.Collector errors = new GladlyError.Collector();
    Change c = new Change();
    JsonNode name = body.get("name");
    if (name != null && !name.isNull()) {
      if (!name.isTextual()) errors.add("name", "invalid", "name must be a string");
      else if (name.textValue().length() > 200) errors.add("name", "too_long", "name cannot be longer than 200 characters");
      else c.name = name.textValue();
    }
    JsonNode url = body.get("url");
    if (url == null || url.isNull() || (url.isTextual() && url.textValue().isBlank())) {
      if (create || url != null) errors.add("url", "blank", "url cannot be blank");
    } else if (!url.isTextual()) {
      errors.add("url", "invalid", "url must be a string");
    } else {
      String problem = urlProblem(url.textValue());
      if (problem != null) errors.add("url", "invalid", problem);
      else c.url = url.textValue();
    }
    JsonNode events = body.get("events");
    if (events == null || events.isNull() || (events.isArray() && events.isEmpty())) {
      if (create || events != null) errors.add("events", "blank", "events cannot be blank");
    } else if (!events.isArray()) {
      errors.add("events", "invalid", "events must be an array of event types");
    } else {
      Set<String> list = new LinkedHashSet<>();
      for (JsonNode e : events) {
        String type = e.isTextual() ? e.textValue() : e.toString();
        boolean known = WebhookEvents.DOCUMENTED.contains(type)
            || (type.equals(WebhookEvents.LEGACY_MESSAGE_RECEIVED) && sim.options().acceptLegacyMessageReceived());
        if (!known) errors.add("events", "invalid", "unknown event type [" + type + "]");
        list.add(type);
      }
      c.events = new ArrayList<>(list);
    }
    JsonNode enabled = body.get("enabled");
    if (enabled != null && !enabled.isNull()) {
      if (!enabled.isBoolean()) errors.add("enabled", "invalid", "enabled must be true or false");
      else c.enabled = enabled.booleanValue();
    }
    JsonNode headers = body.get("headers");
    if (headers != null) {
      c.headersPresent = true;
      c.headers = new LinkedHashMap<>();
      if (!headers.isNull()) {
        if (!headers.isObject()) {
          errors.add("headers", "invalid", "headers must be an object of header names and string values");
        } else {
          headers.fields().forEachRemaining(f -> {
            if (!f.getValue().isTextual()) errors.add("headers", "invalid", "header [" + f.getKey() + "] must have a string value");
            else if (!f.getKey().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) errors.add("headers", "invalid", "invalid header name [" + f.getKey() + "]");
            else c.headers.put(f.getKey(), f.getValue().textValue());
          });
        }
      }
    }
    JsonNode cred = body.get("credentials");
    if (cred != null) {
      c.credentialsPresent = true;
      if (!cred.isNull()) {
        if (!cred.isObject()) {
          errors.add("credentials", "invalid", "credentials must be an object");
        } else {
          String user = Json.text(cred, "username");
          String pass = Json.text(cred, "password");
          if (user == null || user.isBlank()) errors.add("credentials.username", "blank", "username cannot be blank");
          if (pass == null || pass.isEmpty()) errors.add("credentials.password", "blank", "password cannot be blank");
          c.credentials = new Webhook.Credentials(user, pass, Json.text(cred, "realm"));
        }
      }
    }
    errors.throwIfAny();
    return c;
  }

  private String urlProblem(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (Exception e) {
      return "url is not a valid URL";
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    if (uri.getHost() == null) return "url is not a valid URL";
    if (scheme.equals("https")) return null;
    if (scheme.equals("http") && sim.options().allowHttpLoopbackWebhooks() && LOOPBACK.contains(uri.getHost())) return null;
    return "HTTPS is required";
  }

  private static void checkUnique(Org org, String url, String exceptId) {
    for (Webhook w : org.webhooks.values()) {
      if (!w.id.equals(exceptId) && w.url.equalsIgnoreCase(url)) {
        throw GladlyError.badRequest("url", "taken", "url must be unique across all webhooks");
      }
    }
  }

  private void checkLimit(Org org) {
    int max = sim.options().maxWebhooks();
    if (org.webhooks.size() >= max) {
      throw GladlyError.badRequest(null, "invalid", "an organization can have at most " + max + " webhooks");
    }
  }

  private void create(RoutingContext ctx) {
    String orgKey = Http.caller(ctx).orgKey();
    Change c = parse(Http.objectBody(ctx), true);
    boolean enabled = Boolean.TRUE.equals(c.enabled);
    sim.state().read(s -> {
      Org org = s.org(orgKey);
      checkLimit(org);
      checkUnique(org, c.url, null);
      return null;
    });
    pingIfNeeded(ctx, orgKey, enabled, c.url, c.headers == null ? Map.of() : c.headers, c.credentials).onSuccess(v -> {
      try {
        String id = sim.state().read(s -> {
          Org org = s.org(orgKey);
          // checked again: another request may have taken the URL or the last slot during the PING
          checkLimit(org);
          checkUnique(org, c.url, null);
          Webhook w = new Webhook(org.nextId("webhook"), org.now());
          w.name = c.name;
          w.url = c.url;
          w.events = c.events;
          w.enabled = enabled;
          if (c.headers != null) w.headers = c.headers;
          w.credentials = c.credentials;
          org.webhooks.put(w.id, w);
          return w.id;
        });
        Http.created(ctx, Http.prefix(ctx) + "/api/v1/webhooks/" + id);
      } catch (GladlyError e) {
        Http.error(ctx, e);
      }
    });
  }

  private void update(RoutingContext ctx) {
    String orgKey = Http.caller(ctx).orgKey();
    String id = ctx.pathParam("webhookId");
    JsonNode body = Http.objectBody(ctx);
    Webhook current = current(orgKey, id);
    Change c = parse(body, false);
    String url = c.url != null ? c.url : current.url;
    boolean enabled = c.enabled != null ? c.enabled : current.enabled;
    boolean urlChanged = !url.equals(current.url);
    boolean needsPing = (enabled && !current.enabled) || urlChanged;
    Map<String, String> headers = c.headersPresent ? c.headers : current.headers;
    Webhook.Credentials credentials = c.credentialsPresent ? c.credentials : current.credentials;
    if (urlChanged) sim.state().read(s -> {
      checkUnique(s.org(orgKey), url, id);
      return null;
    });
    pingIfNeeded(ctx, orgKey, needsPing, url, headers, credentials).onSuccess(v -> {
      try {
        sim.state().read(s -> {
          Org org = s.org(orgKey);
          Webhook w = org.webhooks.get(id);
          if (w == null) throw GladlyError.notFoundNoBody();
          if (urlChanged) checkUnique(org, url, id);
          Instant now = org.now();
          if (c.name != null) w.name = c.name;
          w.url = url;
          if (c.events != null) w.events = c.events;
          if (enabled && !w.enabled) w.disabledAtDueToRetryLimit = null;
          w.enabled = enabled;
          w.headers = new LinkedHashMap<>(headers);
          w.credentials = credentials;
          w.updatedAt = now;
          return null;
        });
        Http.noContent(ctx);
      } catch (GladlyError e) {
        Http.error(ctx, e);
      }
    });
  }

  private Webhook current(String orgKey, String id) {
    return sim.state().read(s -> {
      Webhook w = s.org(orgKey).webhooks.get(id);
      if (w == null) throw GladlyError.notExist("webhook does not exist");
      Webhook copy = new Webhook(w.id, w.createdAt);
      copy.url = w.url;
      copy.enabled = w.enabled;
      copy.headers = new LinkedHashMap<>(w.headers);
      copy.credentials = w.credentials;
      return copy;
    });
  }

  /** Completes when no PING is needed or the PING got its 200; otherwise answers 400 and never completes. */
  private Future<Void> pingIfNeeded(RoutingContext ctx, String orgKey, boolean needed, String url, Map<String, String> headers,
      Webhook.Credentials credentials) {
    if (!needed) return Future.succeededFuture();
    return sim.deliveries().ping(orgKey, url, headers, credentials).compose(problem -> {
      if (problem == null) return Future.succeededFuture();
      Http.error(ctx, GladlyError.badRequest("url", "invalid", problem));
      return Future.failedFuture(problem);
    });
  }

  private void delete(RoutingContext ctx) {
    String orgKey = Http.caller(ctx).orgKey();
    String id = ctx.pathParam("webhookId");
    sim.state().read(s -> {
      Org org = s.org(orgKey);
      Webhook w = org.webhooks.get(id);
      if (w == null) throw GladlyError.notExist("webhook does not exist");
      if (w.enabled) throw GladlyError.badRequest(null, "invalid_state", "Webhook must be disabled to be deleted");
      org.webhooks.remove(id);
      return null;
    });
    Http.noContent(ctx);
  }
}
