package dev.sidekick.operator.fast;

import static dev.sidekick.contract.Channel.CHAT;
import static dev.sidekick.contract.Channel.MESSAGING;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.gladlysim.control.Receiver;
import dev.sidekick.gladlysim.delivery.Delivery;
import dev.sidekick.gladlysim.state.Webhook;
import dev.sidekick.operator.api.SidekickIntegrationStatus.WebhookStatus;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A platform engineer applies a SidekickIntegration and changes it; Gladly follows. */
@QuarkusTest
@QuarkusTestResource(MockApiServer.class)
@QuarkusTestResource(GladlySimResource.class)
@QuarkusTestResource(RuntimeReadinessResource.class)
class IntegrationLifecycleTest extends OperatorTestBase {

  @Test
  void a_new_integration_runs_the_runtime_then_registers_one_webhook_per_endpoint_and_channel() {
    deployments.pause();
    createWithCredentials(
        integration(endpoint("us-store", "Support", CHAT, MESSAGING), endpoint("emea-brand", "Returns", MESSAGING)));

    // the runtime's objects come first; no webhook while the runtime is not available (Gladly would PING it)
    awaitCondition("WebhooksRegistered", "False", "WaitingForRuntime");
    awaitCondition("RuntimeAvailable", "False", "DeploymentUnavailable");
    assertThat(webhooks()).isEmpty();
    Deployment deployment = client.apps().deployments().inNamespace(NS).withName(name + "-sidekick").get();
    var pod = deployment.getSpec().getTemplate().getSpec();
    var container = pod.getContainers().get(0);
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
    assertThat(pod.getVolumes()).anyMatch(v -> "tmp".equals(v.getName()) && v.getEmptyDir() != null);
    assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations()).containsKey("sidekick.dev/config-hash");
    assertThat(client.services().inNamespace(NS).withName(name + "-sidekick").get()).isNotNull();
    ConfigMap config = client.configMaps().inNamespace(NS).withName(name + "-sidekick-config").get();
    String runtimeYaml = config.getData().get("runtime.yaml");
    assertThat(runtimeYaml)
        .contains("baseUrl: " + sim().baseUrl())
        .contains("agentId: sidekick-agent-id")
        .contains("keysDir: /etc/sidekick/keys")
        .contains("handoffInboxId: " + sim().state().inboxId("Returns"));
    Map<String, String> keys = secret(name + "-sidekick-keys").getData();
    assertThat(keys).containsOnlyKeys("us-store", "emea-brand");
    assertThat(decode(keys.get("us-store"))).isNotEqualTo(decode(keys.get("emea-brand")));

    deployments.resume();
    awaitReady();

    List<Webhook.View> registered = webhooks();
    assertThat(registered)
        .extracting(Webhook.View::url, w -> w.events(), Webhook.View::enabled)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(url("us-store", "chat"), List.of("AUTOMATION/MESSAGE_RECEIVED"), true),
            org.assertj.core.groups.Tuple.tuple(url("us-store", "messaging"), List.of("MESSAGE/RECEIVED"), true),
            org.assertj.core.groups.Tuple.tuple(url("emea-brand", "messaging"), List.of("MESSAGE/RECEIVED"), true));
    assertThat(registered).allSatisfy(w -> assertThat(w.headerKeys()).containsExactly("x-api-key"));
    // Gladly PINGed each URL with the endpoint's key
    List<Receiver.Request> pings = sim().receiver().requests().stream().filter(r -> "PING".equals(r.type())).toList();
    assertThat(pings)
        .filteredOn(r -> r.path().contains("/" + name + "/gladly/us-store/"))
        .allSatisfy(r -> assertThat(r.header("x-api-key")).isEqualTo(decode(keys.get("us-store"))))
        .hasSize(2);

    var status = current().getStatus();
    assertThat(status.organization.name).isEqualTo("Acme");
    assertThat(status.agentId).isEqualTo("sidekick-agent-id");
    assertThat(status.inboxes).extracting(i -> i.name).containsExactly("Support", "Returns");
    assertThat(status.webhookCount).isEqualTo(3);
    assertThat(status.endpoints.stream().flatMap(e -> e.webhooks.stream()).map((WebhookStatus w) -> w.id))
        .containsExactlyInAnyOrderElementsOf(registered.stream().map(Webhook.View::id).toList());
    assertThat(status.endpoints.get(0).url).isEqualTo(publicUrl() + "/gladly/us-store");
    assertThat(status.endpoints.get(0).keySecret.name).isEqualTo(name + "-sidekick-keys");
    assertThat(events("WebhookCreated")).hasSize(3);
  }

  @Test
  void endpoints_added_changed_and_removed_are_followed_in_gladly() {
    createWithCredentials(integration(endpoint("us-store", "Support", CHAT)));
    awaitReady();
    assertThat(webhooks()).extracting(Webhook.View::url).containsExactly(url("us-store", "chat"));

    editSpec(s -> s.endpoints.add(endpoint("emea-brand", "Returns", MESSAGING)));
    awaitLong().until(() -> webhooks().size() == 2);
    awaitReady();

    editSpec(s -> s.endpoints.get(0).channels = new java.util.ArrayList<>(List.of(MESSAGING)));
    awaitLong()
        .until(
            () ->
                webhooks().stream().map(Webhook.View::url).collect(Collectors.toSet())
                    .equals(java.util.Set.of(url("us-store", "messaging"), url("emea-brand", "messaging"))));

    editSpec(s -> s.endpoints.remove(1));
    awaitLong().until(() -> webhooks().stream().map(Webhook.View::url).toList().equals(List.of(url("us-store", "messaging"))));
    awaitReady();
    assertThat(events("WebhookDeleted")).hasSize(2);
    assertThat(current().getStatus().endpoints).extracting(e -> e.name).containsExactly("us-store");
    assertThat(secret(name + "-sidekick-keys").getData()).containsOnlyKeys("us-store");
  }

  @Test
  void a_webhook_deleted_disabled_or_changed_in_gladly_is_restored() {
    createWithCredentials(integration(endpoint("us-store", "Support", CHAT, MESSAGING), endpoint("emea-brand", "Returns", CHAT)));
    awaitReady();
    Map<String, String> idByUrl = webhooks().stream().collect(Collectors.toMap(Webhook.View::url, Webhook.View::id));

    sim().admin().deleteWebhook(idByUrl.get(url("us-store", "chat")));
    sim().admin().disableWebhook(idByUrl.get(url("us-store", "messaging")));
    sim().admin().setWebhookEvents(idByUrl.get(url("emea-brand", "chat")), "CONVERSATION/CLOSED");

    awaitLong()
        .until(
            () ->
                webhooks().size() == 3
                    && webhooks().stream().allMatch(Webhook.View::enabled)
                    && sim().state().webhook(idByUrl.get(url("emea-brand", "chat"))).events()
                        .equals(List.of("AUTOMATION/MESSAGE_RECEIVED")));
    String recreated = webhooks().stream().filter(w -> w.url().equals(url("us-store", "chat"))).findFirst().orElseThrow().id();
    assertThat(recreated).isNotEqualTo(idByUrl.get(url("us-store", "chat")));
    awaitLong().until(() -> events("WebhookUpdated").size() >= 2);
    assertThat(events("WebhookUpdated")).extracting(e -> e.getMessage())
        .anyMatch(m -> m.contains("re-enabled"))
        .anyMatch(m -> m.contains("events"));
    awaitReady();
  }

  @Test
  void a_webhook_gladly_disabled_after_its_retry_limit_is_enabled_again() throws java.io.IOException {
    var sk = integration(endpoint("us-store", "Support", CHAT));
    // The recording receiver answers PINGs but fails every event under this path, as a broken runtime would.
    sk.getSpec().publicUrl = sim().receiverUrl("/" + name + "/fail/503");
    createWithCredentials(sk);
    awaitReady();
    Webhook.View webhook = webhooks().get(0);

    sim().customer().startChat("chat-us-store", "martha@example.com").say("Where is my order?");
    awaitLong().until(() -> sim().deliveries(webhook.id()).size() == 1);
    int attempts = 1;
    for (Duration retryAfter : List.of(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(1))) {
      sim().clock().advance(retryAfter.plusSeconds(1));
      int expected = ++attempts;
      awaitLong().until(() -> sim().deliveries(webhook.id()).size() >= expected);
    }

    // Gladly gave up (the last attempt is an Error) and disabled the webhook; the operator turns it back on.
    awaitLong().until(() -> sim().deliveries(webhook.id()).stream().anyMatch(d -> d.outcome() == Delivery.Outcome.Error));
    awaitLong().until(() -> events("WebhookUpdated").stream().anyMatch(e -> e.getMessage().contains("re-enabled")));
    awaitLong().until(() -> sim().state().webhook(webhook.id()).enabled());
    assertThat(webhooks()).hasSize(1);
    awaitReady();

    // what the chart's alerts read (docs/operations.md): the conditions, and the webhook Gladly had disabled
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    String resource = "name=\"" + name + "\",namespace=\"" + NS + "\"";
    assertThat(metrics)
        .contains("sidekick_integration_condition{" + resource + ",status=\"True\",type=\"Ready\"} 1.0")
        .contains("sidekick_integration_condition{" + resource + ",status=\"False\",type=\"Ready\"} 0.0")
        .contains("sidekick_webhooks_found_disabled_total{" + resource + "} 1.0");
    assertThat(operatorMetricsTheChartUses())
        .as("operator metrics the chart's alerts and dashboard use (src/test/resources/monitoring/operator-metrics.txt)")
        .isNotEmpty()
        .allSatisfy(m -> assertThat(metrics).contains("\n" + m + "{"));
  }

  private static List<String> operatorMetricsTheChartUses() throws java.io.IOException {
    try (var in = IntegrationLifecycleTest.class.getResourceAsStream("/monitoring/operator-metrics.txt")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .toList();
    }
  }

  @Test
  void an_ingress_is_created_only_while_the_spec_asks_for_one() {
    var sk = integration(endpoint("us-store", "Support", CHAT));
    sk.getSpec().ingress = new dev.sidekick.operator.api.IngressSpec();
    sk.getSpec().ingress.className = "nginx";
    sk.getSpec().ingress.tlsSecretName = "acme-hooks-tls";
    createWithCredentials(sk);
    awaitReady();

    var ingress = client.network().v1().ingresses().inNamespace(NS).withName(name + "-sidekick").get();
    assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
    var rule = ingress.getSpec().getRules().get(0);
    assertThat(rule.getHost()).isEqualTo("localhost");
    assertThat(rule.getHttp().getPaths().get(0).getPath()).isEqualTo("/sim/receiver/" + name + "/gladly");
    assertThat(rule.getHttp().getPaths().get(0).getBackend().getService().getName()).isEqualTo(name + "-sidekick");
    assertThat(ingress.getSpec().getTls().get(0).getSecretName()).isEqualTo("acme-hooks-tls");

    editSpec(s -> s.ingress = null);
    awaitLong().until(() -> client.network().v1().ingresses().inNamespace(NS).withName(name + "-sidekick").get() == null);
    awaitReady();
  }

  @Test
  void deleting_the_integration_removes_its_webhooks_from_gladly() {
    createWithCredentials(integration(endpoint("us-store", "Support", CHAT, MESSAGING)));
    awaitReady();
    assertThat(webhooks()).hasSize(2);

    client.resources(dev.sidekick.operator.api.SidekickIntegration.class).inNamespace(NS).withName(name).delete();

    awaitLong().until(() -> current() == null);
    assertThat(webhooks()).isEmpty();
    assertThat(events("WebhookDeleted")).hasSize(2);
    assertThat(given().get("/q/metrics").asString()).as("a deleted resource's series are gone")
        .doesNotContain("name=\"" + name + "\",namespace=\"" + NS + "\"");
  }

  @Test
  void deletion_policy_orphan_leaves_the_webhooks_in_gladly() {
    var sk = integration(endpoint("us-store", "Support", CHAT));
    sk.getSpec().webhooks = new dev.sidekick.operator.api.WebhooksSpec();
    sk.getSpec().webhooks.deletionPolicy = dev.sidekick.operator.api.DeletionPolicy.Orphan;
    createWithCredentials(sk);
    awaitReady();

    client.resources(dev.sidekick.operator.api.SidekickIntegration.class).inNamespace(NS).withName(name).delete();

    awaitLong().until(() -> current() == null);
    assertThat(webhooks()).hasSize(1).allMatch(Webhook.View::enabled);
    assertThat(events("WebhooksOrphaned")).hasSize(1);
  }

  @Test
  void a_lost_status_or_a_restarted_operator_never_creates_a_duplicate_webhook() {
    createWithCredentials(integration(endpoint("us-store", "Support", CHAT, MESSAGING)));
    awaitReady();
    List<String> ids = webhooks().stream().map(Webhook.View::id).sorted().toList();
    int creates = sim().apiCalls().count("POST", "/api/v1/webhooks");

    // status gone, as after a restore from a backup without status, then a spec change to reconcile
    var sk = current();
    sk.setStatus(new dev.sidekick.operator.api.SidekickIntegrationStatus());
    client.resources(dev.sidekick.operator.api.SidekickIntegration.class).inNamespace(NS).resource(sk).updateStatus();
    editSpec(s -> s.persona = persona("Melissa"));

    awaitLong().until(() -> current().getStatus().webhookCount != null && current().getStatus().webhookCount == 2
        && current().getStatus().observedGeneration.equals(current().getMetadata().getGeneration()));
    awaitReady();
    assertThat(webhooks().stream().map(Webhook.View::id).sorted().toList()).isEqualTo(ids);
    assertThat(sim().apiCalls().count("POST", "/api/v1/webhooks")).isEqualTo(creates);
  }

  static dev.sidekick.operator.api.PersonaSpec persona(String n) {
    var p = new dev.sidekick.operator.api.PersonaSpec();
    p.name = n;
    return p;
  }
}
