package dev.sidekick.operator.fast;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The runtimes' readiness as the operator reads it (the mock API server runs no pod): one HTTP server on loopback
 * that answers {@code GET /NAMESPACE/SERVICE/q/health/ready} as a runtime behind that Service would, with what a
 * test sets ({@link #answer}); 404 for a runtime no test set. Counts the reads per Service.
 */
public class RuntimeReadinessResource implements QuarkusTestResourceLifecycleManager {
  static volatile RuntimeReadinessResource runtimes;

  private record Answer(int status, String body) {}

  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
  private HttpServer server;

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      String service = path.endsWith("/q/health/ready") ? path.substring(0, path.length() - "/q/health/ready".length()) : path;
      reads.computeIfAbsent(service, s -> new AtomicInteger()).incrementAndGet();
      Answer a = answers.getOrDefault(service, new Answer(404, "not found"));
      byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(a.status(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    runtimes = this;
    return Map.of("sidekick.runtime.readiness-url",
        "http://127.0.0.1:" + server.getAddress().getPort() + "/{namespace}/{service}/q/health/ready");
  }

  @Override
  public void stop() {
    if (server != null) server.stop(0);
  }

  /** The runtime behind {@code service} in {@code namespace} answers its readiness with this status and JSON. */
  void answer(String namespace, String service, int status, String json) {
    answers.put("/" + namespace + "/" + service, new Answer(status, json));
  }

  int reads(String namespace, String service) {
    AtomicInteger n = reads.get("/" + namespace + "/" + service);
    return n == null ? 0 : n.get();
  }

  /** A ready runtime's answer: the knowledge-base check's data, as the runtime writes it. */
  static String ready(String knowledgeBaseData) {
    return "{\"status\":\"UP\",\"checks\":[{\"name\":\"gladly\",\"status\":\"UP\"},"
        + "{\"name\":\"knowledge-base\",\"status\":\"UP\",\"data\":{" + knowledgeBaseData + "}}]}";
  }

  /** A runtime whose knowledge base is still loading (503, as MicroProfile Health answers DOWN). */
  static String loading(String endpoint) {
    return "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"knowledge-base\",\"status\":\"DOWN\",\"data\":{\""
        + endpoint + "\":\"loading\"}}]}";
  }
}
