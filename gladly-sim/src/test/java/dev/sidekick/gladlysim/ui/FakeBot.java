package dev.sidekick.gladlysim.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A tiny chat bot standing in for Sidekick: a JDK HTTP server on 127.0.0.1 that receives the simulator's webhook
 * deliveries and answers {@code AUTOMATION/MESSAGE_RECEIVED} through the simulator's Gladly API, the way the
 * runtime will (typing indicator, TEXT, MENU, hand-off).
 *
 * <p>Script: any message → typing, TEXT "Hi! You wrote: …" and the main MENU; the "Order Status" item → TEXT with
 * an HTML follow-up and the "anything else" MENU; "Talk to a human" (or a text asking for a human/agent) →
 * hand-off; "No, thanks" or "bye" → TEXT "Goodbye!" and close; a text with "think" → typing until
 * {@link #stopThinking()}, then TEXT "Done thinking.". It answers each delivery 200 at once and talks to the API
 * from its own thread.
 */
final class FakeBot implements AutoCloseable {
  static final String SECRET_HEADER = "x-bot-secret";
  static final String SECRET = "not-a-real-secret";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "fake-bot");
    t.setDaemon(true);
    return t;
  });
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String apiBase;
  private final String authorization;
  /** Every delivery body received, in order (PINGs included). */
  final List<JsonNode> received = new CopyOnWriteArrayList<>();
  /** Every API call the bot made that did not answer 2xx: a test asserts this stays empty. */
  final List<String> apiFailures = new CopyOnWriteArrayList<>();
  private final CountDownLatch thinking = new CountDownLatch(1);

  FakeBot(String gladlyBaseUrl, String agentEmail, String apiToken) throws IOException {
    this.apiBase = gladlyBaseUrl + "/api/v1";
    this.authorization = "Basic " + Base64.getEncoder()
        .encodeToString((agentEmail + ":" + apiToken).getBytes(StandardCharsets.UTF_8));
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/hook", this::handle);
    server.start();
  }

  /** Lets the bot answer a message containing "think" (it shows the typing indicator until then). */
  void stopThinking() {
    thinking.countDown();
  }

  String webhookUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())
          || !SECRET.equals(exchange.getRequestHeaders().getFirst(SECRET_HEADER))) {
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      JsonNode event;
      try (InputStream in = exchange.getRequestBody()) {
        event = JSON.readTree(in);
      }
      received.add(event);
      exchange.sendResponseHeaders(200, -1);
      if ("AUTOMATION/MESSAGE_RECEIVED".equals(event.path("type").asText())) {
        worker.submit(() -> answer(event));
      }
    }
  }

  private void answer(JsonNode event) {
    JsonNode content = event.path("content");
    String sessionId = content.path("sessionId").asText();
    String body = content.path("message").path("content").path("body").asText("");
    String session = "/message-automation/sessions/" + sessionId;
    String lower = body.toLowerCase();
    if (lower.contains("human") || lower.contains("agent")) {
      post(session + "/handoff", JSON.createObjectNode().put("description", "Customer asked for a human"));
      return;
    }
    if (lower.contains("bye") || body.equals("No, thanks")) {
      post(session + "/messages", text("Goodbye!"));
      post(session + "/close", JSON.createObjectNode().put("description", "Customer said goodbye"));
      return;
    }
    post(session + "/typing-indicators", JSON.createObjectNode().put("state", "STARTED"));
    if (lower.contains("think")) {
      // stays "typing" until the test has seen the indicator and calls stopThinking()
      try {
        thinking.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      post(session + "/messages", text("Done thinking."));
      return;
    }
    if (body.equals("Order Status")) {
      post(session + "/messages", text("Your order #1234 is on the way."));
      ObjectNode html = JSON.createObjectNode().put("type", "HTML");
      html.putObject("content").put("value",
          "<p>Track it <a href=\"https://track.example/1234\">here</a> <b>any time</b>.</p><script>alert(1)</script>");
      post(session + "/messages", html);
      post(session + "/messages", menu("Anything else?", "human", "Talk to a human", "done", "No, thanks"));
    } else {
      post(session + "/messages", text("Hi! You wrote: " + body));
      post(session + "/messages", menu("What can we help you with?", "order-status", "Order Status", "human",
          "Talk to a human"));
    }
    post(session + "/typing-indicators", JSON.createObjectNode().put("state", "STOPPED"));
  }

  private static ObjectNode text(String value) {
    ObjectNode m = JSON.createObjectNode().put("type", "TEXT");
    m.putObject("content").put("value", value);
    return m;
  }

  private static ObjectNode menu(String prompt, String id1, String label1, String id2, String label2) {
    ObjectNode m = JSON.createObjectNode().put("type", "MENU");
    ObjectNode c = m.putObject("content").put("prompt", prompt);
    c.putArray("menuItems").add(JSON.createObjectNode().put("id", id1).put("label", label1))
        .add(JSON.createObjectNode().put("id", id2).put("label", label2));
    return m;
  }

  private void post(String path, JsonNode body) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(apiBase + path))
          .timeout(Duration.ofSeconds(10))
          .header("Authorization", authorization)
          .header("Content-Type", "application/json")
          .header("Accept", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
          .build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      // Gladly's rate limit (10 requests/s per method, on by default in the simulator): back off and retry
      for (int retry = 0; response.statusCode() == 429 && retry < 5; retry++) {
        Thread.sleep(300L << retry);
        response = http.send(request, HttpResponse.BodyHandlers.ofString());
      }
      if (response.statusCode() / 100 != 2) {
        apiFailures.add("POST " + path + " → " + response.statusCode() + " " + response.body());
      }
    } catch (IOException e) {
      apiFailures.add("POST " + path + " → " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    server.stop(0);
    worker.shutdownNow();
    worker.awaitTermination(5, TimeUnit.SECONDS);
  }
}
