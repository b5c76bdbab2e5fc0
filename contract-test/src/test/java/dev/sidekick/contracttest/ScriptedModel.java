package dev.sidekick.contracttest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible model on loopback that accepts one API key per path: {@code /v1/embeddings} (a vector from
 * the text's letters) and {@code /v1/chat/completions} ("The model says: " and the customer's last message). It
 * counts the calls that carried the right key and those that did not: the runtime read the key files where the
 * operator mounts them.
 */
final class ScriptedModel implements AutoCloseable {
  private final HttpServer server;
  private final ObjectMapper json = new ObjectMapper();
  private final String chatKey;
  private final String embeddingsKey;
  final AtomicInteger authorised = new AtomicInteger();
  final AtomicInteger refused = new AtomicInteger();
  final AtomicInteger chats = new AtomicInteger();

  ScriptedModel(String chatKey, String embeddingsKey) {
    this.chatKey = chatKey;
    this.embeddingsKey = embeddingsKey;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/v1/embeddings", e -> answer(e, embeddingsKey, this::embeddings));
    server.createContext("/v1/chat/completions", e -> answer(e, chatKey, this::chat));
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private interface Body {
    ObjectNode of(JsonNode request);
  }

  private void answer(HttpExchange exchange, String key, Body body) throws IOException {
    JsonNode request = json.readTree(exchange.getRequestBody().readAllBytes());
    boolean ok = ("Bearer " + key).equals(exchange.getRequestHeaders().getFirst("Authorization"));
    (ok ? authorised : refused).incrementAndGet();
    byte[] out = ok ? json.writeValueAsBytes(body.of(request)) : "{\"error\":\"unauthorised\"}".getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(ok ? 200 : 401, out.length);
    try (OutputStream o = exchange.getResponseBody()) {
      o.write(out);
    }
  }

  private ObjectNode embeddings(JsonNode request) {
    ObjectNode root = json.createObjectNode();
    ArrayNode data = root.putArray("data");
    for (int i = 0; i < request.path("input").size(); i++) {
      ArrayNode v = data.addObject().put("index", i).putArray("embedding");
      double[] letters = new double[26];
      for (char c : request.path("input").get(i).asText().toLowerCase().toCharArray()) {
        if (c >= 'a' && c <= 'z') letters[c - 'a']++;
      }
      letters[0] += 0.01;
      for (double x : letters) v.add(x);
    }
    return root;
  }

  private ObjectNode chat(JsonNode request) {
    chats.incrementAndGet();
    JsonNode messages = request.path("messages");
    String last = messages.path(messages.size() - 1).path("content").asText();
    ObjectNode root = json.createObjectNode();
    root.putArray("choices").addObject().putObject("message").put("role", "assistant").put("content", "The model says: " + last);
    return root;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
