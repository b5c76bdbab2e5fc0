package dev.sidekick.runtime.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * An OpenAI-compatible chat-completions endpoint on 127.0.0.1 for tests: a customer message containing
 * "slow" makes it take 5 s (longer than the responder's timeout); "human" makes it say HANDOFF; anything
 * else is answered "The model says: ..." so a test can tell the model's answer apart.
 */
public final class FakeModel implements AutoCloseable {
  private final HttpServer server;
  private final ObjectMapper json = new ObjectMapper();

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
      server.createContext("/v1/chat/completions", exchange -> {
        byte[] request = exchange.getRequestBody().readAllBytes();
        JsonNode messages = model.json.readTree(request).path("messages");
        String last = messages.path(messages.size() - 1).path("content").asText();
        boolean authorised = "Bearer model-key".equals(exchange.getRequestHeaders().getFirst("Authorization"));
        String answer;
        if (!authorised) {
          answer = null;
        } else if (last.contains("slow")) {
          try {
            Thread.sleep(5000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          answer = "Too late";
        } else if (last.contains("human")) {
          answer = "HANDOFF";
        } else {
          answer = "The model says: " + last;
        }
        byte[] body;
        int status = answer == null ? 401 : 200;
        if (answer == null) {
          body = "{\"error\":\"unauthorised\"}".getBytes(StandardCharsets.UTF_8);
        } else {
          var root = model.json.createObjectNode();
          root.putArray("choices").addObject().putObject("message").put("role", "assistant").put("content", answer);
          body = model.json.writeValueAsBytes(root);
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try {
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
        } catch (IOException e) {
          // the runtime gave up waiting: nothing to answer
        }
        exchange.close();
      });
      server.start();
      return model;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/chat/completions";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
