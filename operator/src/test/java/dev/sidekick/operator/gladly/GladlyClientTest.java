package dev.sidekick.operator.gladly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sidekick.gladlysim.GladlySimulator;
import dev.sidekick.gladlysim.SimOptions;
import dev.sidekick.gladlysim.control.Fault;
import dev.sidekick.operator.SampleConfig;
import dev.sidekick.operator.config.OperatorConfig;
import dev.sidekick.operator.gladly.GladlyModel.WebhookWrite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

  /** The caller (a reconcile) retries by rescheduling itself, so no thread waits out a backoff in here. */
  @Test
  void a_rate_limited_or_failing_call_fails_at_once_as_transient_and_is_retried_by_the_caller() {
    sim.faults().rateLimitBurst(1);
    sim.faults().add(Fault.on("GET", "/api/v1/inboxes").status(503).times(1));
    assertThatThrownBy(() -> sidekick().organization())
        .isInstanceOfSatisfying(GladlyException.class, e -> assertThat(e.status()).isEqualTo(429))
        .satisfies(e -> assertThat(((GladlyException) e).isTransient()).isTrue());
    assertThat(sidekick().organization().id()).isNotBlank();
    assertThatThrownBy(() -> sidekick().inboxes())
        .isInstanceOfSatisfying(GladlyException.class, e -> assertThat(e.isTransient()).isTrue());
    assertThat(sidekick().inboxes()).isNotEmpty();
    assertThat(sim.apiCalls().count("GET", "/api/v1/organization")).isEqualTo(2);
    assertThat(sim.apiCalls().count("GET", "/api/v1/inboxes")).isEqualTo(2);
  }

  @Test
  void gladlys_retry_after_in_seconds_is_kept_and_a_date_is_ignored() {
    GladlyException seconds = new GladlyException("GET /inboxes", 429, List.of(), null);
    seconds.retryAfter = "3";
    GladlyException date = new GladlyException("GET /inboxes", 429, List.of(), null);
    date.retryAfter = "Wed, 21 Oct 2026 07:28:00 GMT";
    assertThat(seconds.retryAfter()).contains(Duration.ofSeconds(3));
    assertThat(date.retryAfter()).isEmpty();
    assertThat(new GladlyException("GET /inboxes", 400, List.of(), null).isTransient()).isFalse();
  }

  @Test
  void a_webhook_is_removed_by_disabling_then_deleting_it_and_one_already_gone_counts_as_removed() {
    GladlyClient gladly = sidekick();
    String id =
        gladly.createWebhook(
            new WebhookWrite("test", sim.receiverUrl("/client-test/gladly/us-store/chat"),
                List.of("AUTOMATION/MESSAGE_RECEIVED"), true, Map.of("x-api-key", "k")));
    GladlyModel.Webhook enabled = gladly.webhook(id).orElseThrow();

    assertThat(gladly.removeWebhook(enabled)).isTrue();
    assertThat(gladly.webhook(id)).isEmpty();
    assertThat(gladly.removeWebhook(enabled)).isFalse();
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
    Map<String, String> settings = new java.util.HashMap<>();
    // the simulator's first TLS PING warms up slowly on small machines
    settings.put("sidekick.gladly.call-timeout", "40s");
    if (pem != null) settings.put("sidekick.gladly.trusted-ca-file", pem);
    return SampleConfig.operatorConfig(settings);
  }
}
