package dev.sidekick.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sidekick.gladlysim.GladlySimulator;
import dev.sidekick.gladlysim.SimOptions;
import dev.sidekick.runtime.support.Events;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas without a shared store would each keep their own record of what they answered: the packaged runtime
 * says so in readiness and answers every event 503 rather than risk a second answer.
 */
class NoSharedStoreIT {
  @TempDir Path dir;

  @Test
  void replicas_without_a_shared_store_are_never_ready_and_answer_events_503() throws Exception {
    try (GladlySimulator gladly = GladlySimulator.start(SimOptions.defaults().seed("acme"))) {
      Path config = PackagedRuntime.writeConfig(dir, gladly.baseUrl(), "sidekick-token", """
          - name: us-store
            channels: [CHAT]
          """, "us-store");
      Files.writeString(config, Files.readString(config) + "replicas: 2\n");
      try (RuntimeProcess runtime = RuntimeProcess.start("no-store", config, dir)) {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
            http.send(HttpRequest.newBuilder(URI.create(runtime.url() + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString()).body().contains("shared store"));
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(runtime.url() + "/q/health/ready")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("2 replicas need store.redis");

        HttpResponse<String> event = http.send(
            HttpRequest.newBuilder(URI.create(runtime.url() + "/gladly/us-store/chat"))
                .header("Content-Type", "application/json").header("x-api-key", "a-webhook-key-of-us-store")
                .POST(HttpRequest.BodyPublishers.ofString(Events.chatMessage("e1", "s1", "c1", "m1", "hi"))).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(event.statusCode()).isEqualTo(503);
        assertThat(event.body()).contains("not_ready");
      }
    }
  }
}
