package dev.sidekick.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sidekick.runtime.support.Events;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Until Sidekick's identity is known in Gladly (looked up off the start-up thread), the packaged runtime is live
 * but not ready, and an event gets 503 so that Gladly redelivers it later.
 */
class NotReadyIT {
  @TempDir Path dir;

  @Test
  void without_gladly_the_runtime_is_live_not_ready_and_answers_events_503() throws Exception {
    int gladlyPort = freePort(); // nothing listens there: every lookup fails to connect
    int port = freePort();
    Path config = PackagedRuntime.writeConfig(dir, "http://127.0.0.1:" + gladlyPort, "t", """
        - name: us-store
          channels: [CHAT]
        """, "us-store");

    ProcessBuilder pb = PackagedRuntime.onLoopback(PackagedRuntime.command(), config, port, dir.resolve("runtime.log"));
    Process process = pb.start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + port;
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
          .until(() -> get(http, base + "/q/health/live").statusCode() == 200);

      HttpResponse<String> ready = get(http, base + "/q/health/ready");
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.body()).contains("DOWN").contains("agent id");

      HttpResponse<String> event = http.send(
          HttpRequest.newBuilder(URI.create(base + "/gladly/us-store/chat"))
              .header("Content-Type", "application/json")
              .header("x-api-key", "a-webhook-key-of-us-store")
              .POST(HttpRequest.BodyPublishers.ofString(Events.chatMessage("e1", "s1", "c1", "m1", "hi")))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(event.statusCode()).isEqualTo(503);
      assertThat(event.headers().firstValue("Retry-After")).hasValue("30");
      assertThat(event.body()).contains("not_ready");
    } finally {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
