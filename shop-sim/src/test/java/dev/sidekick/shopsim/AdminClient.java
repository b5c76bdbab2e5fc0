package dev.sidekick.shopsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The tests' Shopify client: POSTs GraphQL to the simulator as an app would, and reads the answer. */
final class AdminClient {
  static final String TOKEN = "shpat_acme_sidekick";
  static final String ORDERS_ONLY = "shpat_acme_orders_only";
  static final String VERSION = "2026-10";
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    JsonNode data() {
      return body.path("data");
    }

    JsonNode error(int i) {
      return body.path("errors").path(i);
    }

    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  private final ShopSimExtension shop;

  AdminClient(ShopSimExtension shop) {
    this.shop = shop;
  }

  Answer query(String query, Map<String, Object> variables) {
    ObjectNode body = JSON.createObjectNode().put("query", query);
    body.set("variables", JSON.valueToTree(variables));
    return post(VERSION, TOKEN, "application/json", body.toString(), Duration.ofSeconds(10));
  }

  Answer query(String query) {
    return query(query, Map.of());
  }

  Answer post(String version, String token, String contentType, String body, Duration timeout) {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(shop.graphqlUrl(version))).timeout(timeout)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) r.header("Content-Type", contentType);
    if (token != null) r.header("X-Shopify-Access-Token", token);
    return send(r.build());
  }

  Answer send(HttpRequest request) {
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode json = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
      return new Answer(response.statusCode(), json, response);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
