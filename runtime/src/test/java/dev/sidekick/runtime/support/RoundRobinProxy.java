package dev.sidekick.runtime.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What stands between Gladly and the runtime's replicas in a cluster (a Service behind an ingress), on 127.0.0.1: each
 * request goes to the next replica in turn; a replica that refuses the connection is skipped; a replica that dies
 * during a request makes it a 502, as an ingress answers.
 */
public final class RoundRobinProxy implements AutoCloseable {
  private static final List<String> FORWARDED = List.of("x-api-key", "Authorization", "Content-Type");
  private final HttpServer server;
  private final ExecutorService pool;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(1)).build();
  private final List<String> backends = new CopyOnWriteArrayList<>();
  private final AtomicInteger next = new AtomicInteger();

  private RoundRobinProxy(HttpServer server, ExecutorService pool) {
    this.server = server;
    this.pool = pool;
  }

  /** @param backends base URLs such as {@code http://127.0.0.1:8081} */
  public static RoundRobinProxy start(List<String> backends) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
      ExecutorService pool = Executors.newFixedThreadPool(48, r -> {
        Thread t = new Thread(r, "round-robin-proxy");
        t.setDaemon(true);
        return t;
      });
      RoundRobinProxy proxy = new RoundRobinProxy(server, pool);
      proxy.backends.addAll(backends);
      server.createContext("/", proxy::forward);
      server.setExecutor(pool);
      server.start();
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void forward(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    int status = 502;
    byte[] answer = "{\"outcome\":\"bad_gateway\"}".getBytes();
    String retryAfter = null;
    int start = Math.floorMod(next.getAndIncrement(), backends.size());
    for (int i = 0; i < backends.size(); i++) {
      String backend = backends.get((start + i) % backends.size());
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(backend + exchange.getRequestURI()))
          .timeout(Duration.ofSeconds(15))
          .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
      for (String h : FORWARDED) {
        String v = exchange.getRequestHeaders().getFirst(h);
        if (v != null) {
          request.header(h, v);
        }
      }
      try {
        HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        status = r.statusCode();
        answer = r.body();
        retryAfter = r.headers().firstValue("Retry-After").orElse(null);
        break;
      } catch (ConnectException | HttpConnectTimeoutException e) {
        // this replica is down: the next one
      } catch (IOException e) {
        break; // the replica died with the request: 502
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    if (retryAfter != null) {
      exchange.getResponseHeaders().add("Retry-After", retryAfter);
    }
    exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
    if (answer.length > 0) {
      exchange.getResponseBody().write(answer);
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
