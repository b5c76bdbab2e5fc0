package dev.sidekick.operator.gladly;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidekick.operator.gladly.GladlyModel.Agent;
import dev.sidekick.operator.gladly.GladlyModel.ErrorBody;
import dev.sidekick.operator.gladly.GladlyModel.Inbox;
import dev.sidekick.operator.gladly.GladlyModel.Organization;
import dev.sidekick.operator.gladly.GladlyModel.Webhook;
import dev.sidekick.operator.gladly.GladlyModel.WebhookWrite;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The operator's narrow Gladly client for one organization and API user: organization, agents, inboxes,
 * webhooks. Every call waits for the organization's limiter and has its own timeout, and is made once: a 429,
 * a 5xx or an unreachable Gladly fails at once as a {@link GladlyException#isTransient() transient} failure
 * carrying Gladly's Retry-After, and the reconcile is rescheduled. No reconcile thread sleeps through a backoff,
 * so one slow organization cannot hold the operator's executor.
 */
public final class GladlyClient {
  private static final Logger LOG = Logger.getLogger(GladlyClient.class);
  static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final HttpClient http;
  private final String apiBase;
  private final String authorization;
  private final OrganizationLimiter limiter;
  private final Duration callTimeout;
  private final CallCounter counter;

  /** Counts every HTTP exchange with Gladly (status 0: no answer). */
  @FunctionalInterface
  public interface CallCounter {
    void count(String method, int status);
  }

  GladlyClient(
      HttpClient http,
      String organizationUrl,
      String email,
      String token,
      OrganizationLimiter limiter,
      Duration callTimeout,
      CallCounter counter) {
    this.counter = counter;
    this.http = http;
    this.apiBase = stripSlash(organizationUrl) + "/api/v1";
    this.authorization =
        "Basic "
            + Base64.getEncoder().encodeToString((email + ":" + token).getBytes(StandardCharsets.UTF_8));
    this.limiter = limiter;
    this.callTimeout = callTimeout;
  }

  static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  public Organization organization() {
    return read("GET", "/organization", new TypeReference<Organization>() {});
  }

  public List<Agent> agents() {
    return read("GET", "/agents", new TypeReference<List<Agent>>() {});
  }

  public List<Inbox> inboxes() {
    return read("GET", "/inboxes", new TypeReference<List<Inbox>>() {});
  }

  public List<Webhook> webhooks() {
    return read("GET", "/webhooks", new TypeReference<List<Webhook>>() {});
  }

  public Optional<Webhook> webhook(String id) {
    try {
      return Optional.of(read("GET", "/webhooks/" + id, new TypeReference<Webhook>() {}));
    } catch (GladlyException e) {
      if (e.isNotFound()) return Optional.empty();
      throw e;
    }
  }

  /**
   * Creates a webhook and returns its id (from the Location header, or the body when Gladly sends one). A
   * create that failed with a 5xx or no answer may have been made: the next reconcile finds it by URL before
   * it creates anything.
   */
  public String createWebhook(WebhookWrite webhook) {
    HttpResponse<String> response = send("POST", "/webhooks", body(webhook));
    String location = response.headers().firstValue("Location").orElse(null);
    if (location != null && location.contains("/webhooks/")) {
      return location.substring(location.lastIndexOf('/') + 1);
    }
    if (response.body() != null && !response.body().isBlank()) {
      try {
        return JSON.readValue(response.body(), Webhook.class).id();
      } catch (JsonProcessingException e) {
        // fall through: no id anywhere
      }
    }
    throw new GladlyException("POST /webhooks", response.statusCode(), List.of(), null);
  }

  public void updateWebhook(String id, WebhookWrite patch) {
    send("PATCH", "/webhooks/" + id, body(patch));
  }

  /** Deletes a webhook; false when Gladly no longer has it (404 counts as gone). */
  public boolean deleteWebhook(String id) {
    try {
      send("DELETE", "/webhooks/" + id, null);
      return true;
    } catch (GladlyException e) {
      if (e.isNotFound()) return false;
      throw e;
    }
  }

  /**
   * Removes a webhook: Gladly refuses to delete an enabled one, so it is disabled first. False when Gladly no
   * longer has it (404 counts as gone).
   */
  public boolean removeWebhook(Webhook webhook) {
    try {
      if (webhook.isEnabled()) updateWebhook(webhook.id(), WebhookWrite.enabledOnly(false));
      return deleteWebhook(webhook.id());
    } catch (GladlyException e) {
      if (e.isNotFound()) return false;
      throw e;
    }
  }

  private String body(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + o.getClass().getSimpleName(), e);
    }
  }

  private <T> T read(String method, String path, TypeReference<T> type) {
    HttpResponse<String> response = send(method, path, null);
    try {
      return JSON.readValue(response.body(), type);
    } catch (JsonProcessingException e) {
      throw new GladlyException(
          method + " " + path + " (unreadable body)", response.statusCode(), List.of(), e);
    }
  }

  /** One exchange; any answer but a 2xx is a {@link GladlyException}. */
  private HttpResponse<String> send(String method, String path, String body) {
    String call = method + " " + path;
    HttpResponse<String> response;
    try {
      limiter.acquire(method);
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(apiBase + path))
              .timeout(callTimeout)
              .header("Authorization", authorization)
              .header("Accept", "application/json");
      if (body != null) {
        request.header("Content-Type", "application/json");
        request.method(method, HttpRequest.BodyPublishers.ofString(body));
      } else {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      }
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GladlyException(call, 0, List.of(), e);
    } catch (IOException e) {
      counter.count(method, 0);
      LOG.debugf("%s failed: %s", call, e.toString());
      throw new GladlyException(call, 0, List.of(), e);
    }
    int status = response.statusCode();
    counter.count(method, status);
    if (status >= 200 && status < 300) return response;
    GladlyException failure = new GladlyException(call, status, errors(response), null);
    failure.retryAfter = response.headers().firstValue("Retry-After").orElse(null);
    throw failure;
  }

  private static List<GladlyModel.Error> errors(HttpResponse<String> response) {
    String b = response.body();
    if (b == null || b.isBlank()) return List.of();
    try {
      ErrorBody parsed = JSON.readValue(b, ErrorBody.class);
      return parsed.errors() == null ? List.of() : parsed.errors();
    } catch (JsonProcessingException e) {
      return List.of();
    }
  }
}
