package dev.sidekick.gladlysim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A person starts the simulator from the command line with a seed file or a seed name. */
class MainTest {
  @Test
  void the_command_line_sets_the_options() {
    SimOptions o = Main.parse(new String[] {"--seed", "acme", "--port", "0", "--tls", "--no-rate-limit", "--http-loopback-webhooks"});
    assertThat(o.seed()).isEqualTo("acme");
    assertThat(o.port()).isZero();
    assertThat(o.tls()).isTrue();
    assertThat(o.rateLimitEnabled()).isFalse();
    assertThat(o.allowHttpLoopbackWebhooks()).isTrue();
    assertThat(Main.parse(new String[] {}).port()).isEqualTo(8090);
    assertThat(Main.parse(new String[] {"--help"})).isNull();
    assertThatThrownBy(() -> Main.parse(new String[] {"--bogus"})).hasMessageContaining("--bogus");
    assertThatThrownBy(() -> Main.parse(new String[] {"--port"})).hasMessageContaining("needs a value");
  }

  @Test
  void a_seed_file_on_disk_starts_its_organization(@TempDir Path dir) throws Exception {
    Path seed = dir.resolve("shop.yaml");
    Files.writeString(seed, """
        organizations:
          - key: shop
            name: Shop
            agents:
              - { name: Bot, email: bot@shop.example, token: t, roles: [API_USER], inboxes: [Main] }
            inboxes:
              - { name: Main }
        """);
    try (GladlySimulator sim = GladlySimulator.start(Main.parse(new String[] {"--seed", seed.toString(), "--port", "0"}))) {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/api/v1/organization"))
          .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("bot@shop.example:t".getBytes())).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.body()).contains("\"name\":\"Shop\"");
    }
  }

  @Test
  void a_missing_or_broken_seed_says_what_is_wrong(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> GladlySimulator.start(SimOptions.defaults().seed("no-such-seed"))).hasMessageContaining("no-such-seed");
    Path typo = dir.resolve("typo.yaml");
    Files.writeString(typo, "organizations:\n  - key: x\n    inboxs: []\n");
    assertThatThrownBy(() -> GladlySimulator.start(SimOptions.defaults().seed(typo.toString()))).hasMessageContaining("inboxs");
  }
}
