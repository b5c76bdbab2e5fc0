package dev.sidekick.operator.gladly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sidekick.gladlysim.GladlySimulator;
import dev.sidekick.gladlysim.SimOptions;
import dev.sidekick.gladlysim.control.Fault;
import dev.sidekick.operator.config.OperatorConfig;
import dev.sidekick.operator.gladly.GladlyModel.WebhookWrite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator's Gladly client against the simulator over HTTPS with a private (self-signed) CA. */
class GladlyClientTest {
  static GladlySimulator sim;
  static GladlyClients clients;

  @BeforeAll
  static void start() throws Exception {
    sim = GladlySimulator.start(SimOptions.defaults().seed("acme").tls(true));
    Path pem = Files.createTempFile("gladly-sim-", ".pem");
    Files.writeString(pem, sim.trustPem());
    pem.toFile().deleteOnExit();
    clients = new GladlyClients(config(pem.toString()));
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @BeforeEach
  void reset() {
    sim.reset();
  }

  GladlyClient sidekick() {
    return clients.forOrganization(sim.baseUrl(), "sidekick@acme.example", "sidekick-token");
  }

  @Test
  void reads_the_organization_its_agents_and_inboxes_over_tls_trusting_the_extra_certificate() {
    assertThat(sidekick().organization().name()).isEqualTo("Acme");
    assertThat(sidekick().agents()).extracting(GladlyModel.Agent::emailAddress).contains("sidekick@acme.example");
    assertThat(sidekick().inboxes())
        .extracting(GladlyModel.Inbox::name, GladlyModel.Inbox::isDisabled)
        .contains(org.assertj.core.groups.Tuple.tuple("Old Queue", true));
  }

  @Test
  void without_the_extra_certificate_gladly_behind_a_private_ca_is_not_trusted() {
    GladlyClient untrusting =
        new GladlyClients(config(null)).forOrganization(sim.baseUrl(), "sidekick@acme.example", "sidekick-token");
    assertThatThrownBy(untrusting::organization)
        .isInstanceOfSatisfying(GladlyException.class, e -> assertThat(e.status()).isZero());
  }

  @Test
  void a_wrong_token_is_a_401_whose_message_never_shows_the_token() {
    GladlyClient wrong = clients.forOrganization(sim.baseUrl(), "sidekick@acme.example", "wrong-token-value");
    assertThatThrownBy(wrong::organization)
        .isInstanceOfSatisfying(
            GladlyException.class,
            e -> {
              assertThat(e.isUnauthorized()).isTrue();
              assertThat(e.getMessage()).doesNotContain("wrong-token-value").doesNotContain("sidekick@acme.example");
            });
  }

  @Test
  void rate_limited_and_failing_reads_are_retried() {
    sim.faults().rateLimitBurst(1);
    sim.faults().add(Fault.on("GET", "/api/v1/inboxes").status(503).times(1));
    assertThat(sidekick().organization().id()).isNotBlank();
    assertThat(sidekick().inboxes()).isNotEmpty();
    assertThat(sim.apiCalls().count("GET", "/api/v1/organization")).isEqualTo(2);
    assertThat(sim.apiCalls().count("GET", "/api/v1/inboxes")).isEqualTo(2);
  }

  @Test
  void a_webhook_is_created_found_changed_disabled_and_deleted_and_then_gone() {
    GladlyClient gladly = sidekick();
    String url = sim.receiverUrl("/client-test/gladly/us-store/chat");
    String id =
        gladly.createWebhook(
            new WebhookWrite("test", url, List.of("AUTOMATION/MESSAGE_RECEIVED"), true, Map.of("x-api-key", "k")));
    assertThat(gladly.webhooks()).extracting(GladlyModel.Webhook::id).contains(id);
    var w = gladly.webhook(id).orElseThrow();
    assertThat(w.url()).isEqualTo(url);
    assertThat(w.headerKeys()).containsExactly("x-api-key");
    assertThat(w.isEnabled()).isTrue();

    gladly.updateWebhook(id, new WebhookWrite(null, null, List.of("CONVERSATION/CLOSED"), null, null));
    assertThat(gladly.webhook(id).orElseThrow().events()).containsExactly("CONVERSATION/CLOSED");

    assertThatThrownBy(() -> gladly.deleteWebhook(id))
        .isInstanceOfSatisfying(GladlyException.class, e -> assertThat(e.status()).isEqualTo(400));
    gladly.updateWebhook(id, WebhookWrite.enabledOnly(false));
    assertThat(gladly.deleteWebhook(id)).isTrue();
    assertThat(gladly.deleteWebhook(id)).isFalse();
    assertThat(gladly.webhook(id)).isEmpty();
  }

  static OperatorConfig config(String pem) {
    return new OperatorConfig() {
      public Runtime runtime() {
        throw new UnsupportedOperationException();
      }

      public Reconcile reconcile() {
        throw new UnsupportedOperationException();
      }

      public Gladly gladly() {
        return new Gladly() {
          public Optional<String> trustedCaFile() {
            return Optional.ofNullable(pem);
          }

          public Duration callTimeout() {
            return Duration.ofSeconds(40); // the simulator's first TLS PING warms up slowly on small machines
          }

          public int requestsPerSecond() {
            return 10;
          }

          public int maxAttempts() {
            return 3;
          }

          public Duration backoff() {
            return Duration.ofMillis(20);
          }
        };
      }
    };
  }
}
