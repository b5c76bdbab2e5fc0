package dev.sidekick.runtime.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible model on 127.0.0.1 for tests, scripted by what the customer writes, with the key
 * "model-key" ("Bearer model-key", else 401):
 *
 * <ul>
 *   <li>{@code /v1/chat/completions}: a last message containing "slow" takes 5 s (longer than the responder's
 *       timeout); "human" or "unsure" answers HANDOFF; "invent a link" answers with a link the knowledge base does
 *       not have, "invent a price" with a price it does not have, "auf deutsch" in German; anything else is answered
 *       "The model says: ..." with the last message. Every request body is kept ({@link #chatRequests()}).
 *   <li>{@code /v1/embeddings}: a bag-of-words embedding (each word hashed into 256 dimensions, unit length), so
 *       that texts sharing words are close; {@link #failEmbeddings(int)} makes the next calls answer an error.
 * </ul>
 */
public final class FakeModel implements AutoCloseable {
  public static final String KEY = "model-key";
  private static final int DIMENSIONS = 256;

  private final HttpServer server;
  private final ObjectMapper json = new ObjectMapper();
  private final List<JsonNode> chatRequests = new CopyOnWriteArrayList<>();
  private final AtomicInteger embeddingCalls = new AtomicInteger();
  private final AtomicInteger embeddingFailures = new AtomicInteger();
  private volatile int failureStatus = 500;

  private FakeModel(HttpServer server) {
    this.server = server;
  }

  public static FakeModel start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setExecutor(Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "fake-model");
        t.setDaemon(true);
        return t;
      }));
      FakeModel model = new FakeModel(server);
      server.createContext("/v1/chat/completions", model::chat);
      server.createContext("/v1/embeddings", model::embeddings);
      server.start();
      return model;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return base() + "/v1/chat/completions";
  }

  public String embeddingsUrl() {
    return base() + "/v1/embeddings";
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The chat-completions requests received so far. */
  public List<JsonNode> chatRequests() {
    return List.copyOf(chatRequests);
  }

  public int embeddingCalls() {
    return embeddingCalls.get();
  }

  /** The next {@code calls} embeddings calls answer {@code status}. */
  public void failEmbeddings(int calls, int status) {
    failureStatus = status;
    embeddingFailures.set(calls);
  }

  public void failEmbeddings(int calls) {
    failEmbeddings(calls, 500);
  }

  private void chat(HttpExchange exchange) throws IOException {
    JsonNode request = json.readTree(exchange.getRequestBody().readAllBytes());
    chatRequests.add(request);
    if (!authorised(exchange)) {
      send(exchange, 401, "{\"error\":\"unauthorised\"}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    JsonNode messages = request.path("messages");
    String last = messages.path(messages.size() - 1).path("content").asText();
    String lower = last.toLowerCase(Locale.ROOT);
    String answer;
    if (lower.contains("slow")) {
      try {
        Thread.sleep(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      answer = "Too late";
    } else if (lower.contains("human") || lower.contains("unsure")) {
      answer = "HANDOFF: the customer wants something the entries do not cover";
    } else if (lower.contains("invent a link")) {
      answer = "Sure! Track it at https://tracking.example.net/yours.";
    } else if (lower.contains("invent a price")) {
      answer = "Express shipping costs $7 today only.";
    } else if (lower.contains("auf deutsch")) {
      answer = "Der Versand dauert drei bis fünf Werktage und ist ab 50 Dollar kostenlos, wir danken Ihnen.";
    } else {
      answer = "The model says: " + last;
    }
    ObjectNode root = json.createObjectNode();
    root.putArray("choices").addObject().putObject("message").put("role", "assistant").put("content", answer);
    send(exchange, 200, json.writeValueAsBytes(root));
  }

  private void embeddings(HttpExchange exchange) throws IOException {
    JsonNode request = json.readTree(exchange.getRequestBody().readAllBytes());
    embeddingCalls.incrementAndGet();
    if (!authorised(exchange)) {
      send(exchange, 401, "{\"error\":\"unauthorised\"}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (embeddingFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      send(exchange, failureStatus, "{\"error\":\"scripted failure\"}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (!request.path("model").isTextual() || !request.path("input").isArray()) {
      send(exchange, 400, "{\"error\":\"model and input are required\"}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    ObjectNode root = json.createObjectNode().put("object", "list").put("model", request.path("model").asText());
    ArrayNode data = root.putArray("data");
    JsonNode input = request.path("input");
    // Answered in reverse order: the client must put them back by index.
    for (int i = input.size() - 1; i >= 0; i--) {
      ArrayNode vector = data.addObject().put("object", "embedding").put("index", i).putArray("embedding");
      for (double x : bagOfWords(input.get(i).asText())) {
        vector.add(x);
      }
    }
    send(exchange, 200, json.writeValueAsBytes(root));
  }

  /** Each word (lower case, a plural s dropped) hashed into one of 256 dimensions; unit length. */
  static double[] bagOfWords(String text) {
    double[] v = new double[DIMENSIONS];
    for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
      if (w.length() < 3) {
        continue;
      }
      String stem = w.endsWith("s") ? w.substring(0, w.length() - 1) : w;
      v[Math.floorMod(stem.hashCode(), DIMENSIONS)] += 1;
    }
    double norm = 0;
    for (double x : v) {
      norm += x * x;
    }
    if (norm == 0) {
      v[0] = 1;
      return v;
    }
    for (int i = 0; i < v.length; i++) {
      v[i] /= Math.sqrt(norm);
    }
    return v;
  }

  private static boolean authorised(HttpExchange exchange) {
    return ("Bearer " + KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"));
  }

  private static void send(HttpExchange exchange, int status, byte[] body) {
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    try {
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
    } catch (IOException e) {
      // the runtime gave up waiting: nothing to answer
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
