package dev.sidekick.operator.knowledgebase;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidekick.contract.KnowledgeBaseReport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a runtime says of its knowledge bases in {@code GET /q/health/ready}: its check {@code knowledge-base} holds,
 * per endpoint, {@code <endpoint>.wronglyAnswered} (how many of the knowledge base's own examples the runtime would
 * answer with a wrong entry, or answer although they must be handed off) and a summary under {@code <endpoint>};
 * while the knowledge base loads, the summary says so and there is no count. The answer is read as it is, 200 (UP)
 * or 503 (DOWN): the data is there either way.
 */
public final class RuntimeReadiness {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One endpoint's line: the examples answered wrongly (empty: not counted, and why in the summary). */
  public record Endpoint(Optional<Integer> wronglyAnswered, String summary) {}

  /** What the runtime answered. */
  public sealed interface Answer {}

  /** The runtime's knowledge-base check, per endpoint (an endpoint it does not name is missing). */
  public record Reported(Map<String, Endpoint> endpoints) implements Answer {}

  /** No answer to read (unreachable, refused, not the runtime's health JSON): {@code why} in words. */
  public record Unreadable(String why) implements Answer {}

  private final HttpClient http;
  private final Duration timeout;

  public RuntimeReadiness(Duration timeout) {
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** Asks the runtime at {@code url} (its readiness URL). */
  public Answer ask(URI url) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200 && r.statusCode() != 503) {
        return new Unreadable("the runtime answered " + r.statusCode());
      }
      return parse(r.body());
    } catch (IOException e) {
      return new Unreadable("no answer (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Unreadable("interrupted");
    }
  }

  /** The knowledge-base check in a readiness answer (MicroProfile Health's JSON). */
  public static Answer parse(String body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return new Unreadable("the readiness answer is not JSON");
    }
    for (JsonNode check : root.path("checks")) {
      if (!KnowledgeBaseReport.CHECK.equals(check.path("name").asText())) continue;
      Map<String, Endpoint> endpoints = new LinkedHashMap<>();
      JsonNode data = check.path("data");
      for (String name : fieldNames(data)) {
        if (name.contains(".")) continue;
        JsonNode count = data.path(KnowledgeBaseReport.wronglyAnsweredKey(name));
        endpoints.put(name, new Endpoint(
            count.canConvertToInt() ? Optional.of(count.asInt()) : Optional.empty(), data.path(name).asText()));
      }
      return new Reported(endpoints);
    }
    return new Unreadable("the runtime's readiness has no \"" + KnowledgeBaseReport.CHECK + "\" check (an older runtime image?)");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
