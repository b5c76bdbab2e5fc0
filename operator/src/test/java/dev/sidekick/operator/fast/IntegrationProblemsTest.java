package dev.sidekick.operator.fast;

import static dev.sidekick.contract.Channel.CHAT;
import static dev.sidekick.contract.Channel.MESSAGING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.gladlysim.control.Fault;
import dev.sidekick.gladlysim.state.Webhook;
import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.gladly.GladlyClients;
import dev.sidekick.operator.gladly.GladlyModel.WebhookWrite;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a platform engineer sees when something is wrong, and how it recovers. */
@QuarkusTest
@QuarkusTestResource(MockApiServer.class)
@QuarkusTestResource(GladlySimResource.class)
@QuarkusTestResource(RuntimeReadinessResource.class)
class IntegrationProblemsTest extends OperatorTestBase {
  @Inject GladlyClients gladlyClients;

  @Test
  void a_bad_token_is_reported_without_leaking_it_and_recovers_when_fixed() {
    SidekickIntegration sk = integration(endpoint("us-store", "Support", CHAT));
    credentials(sk.getSpec().gladly.credentialsSecretRef.name, EMAIL, "not-the-token");
    create(sk);

    var credentials = awaitCondition("CredentialsValid", "False", "Unauthorized");
    assertThat(credentials.getMessage()).contains(name + "-gladly-api");
    assertThat(condition("Ready").orElseThrow().getStatus()).isEqualTo("False");
    awaitLong().until(() -> !events("CredentialsInvalid").isEmpty());
    assertThat(client.apps().deployments().inNamespace(NS).withName(name + "-sidekick").get()).isNull();
    assertThat(Serialization.asJson(current().getStatus())).doesNotContain("not-the-token");
    assertThat(events()).extracting(Event::getMessage).noneMatch(m -> m.contains("not-the-token"));

    credentials(sk.getSpec().gladly.credentialsSecretRef.name, EMAIL, TOKEN);
    awaitReady();
    assertThat(condition("CredentialsValid").orElseThrow().getReason()).isEqualTo("Verified");
  }

  @Test
  void new_credentials_are_validated_again_and_roll_the_runtime_pods() {
    SidekickIntegration sk = integration(endpoint("us-store", "Support", CHAT));
    createWithCredentials(sk);
    awaitReady();
    String before = podTemplateHash();
    String newAgent =
        sim().admin()
            .addAgent("Sidekick Two", "sidekick2@acme.example", "token-two", List.of("AGENT", "AGENT_PLUS", "API_USER"), "Support", "Returns");

    credentials(sk.getSpec().gladly.credentialsSecretRef.name, "sidekick2@acme.example", "token-two");

    awaitLong().until(() -> newAgent.equals(current().getStatus().agentId));
    awaitLong().until(() -> !podTemplateHash().equals(before));
    awaitReady();
    assertThat(client.configMaps().inNamespace(NS).withName(name + "-sidekick-config").get().getData().get("runtime.yaml"))
        .contains("agentId: " + newAgent);
  }

  @Test
  void an_unknown_or_disabled_inbox_is_named_in_the_condition() {
    SidekickIntegration sk = integration(endpoint("us-store", "Support", CHAT));
    sk.getSpec().inboxes = new ArrayList<>(List.of("Support", "Nowhere", "Old Queue"));
    createWithCredentials(sk);

    var inboxes = awaitCondition("InboxesResolved", "False", "InboxNotFound");
    assertThat(inboxes.getMessage()).contains("\"Nowhere\" not found").contains("\"Old Queue\" is disabled");
    assertThat(condition("Ready").orElseThrow().getMessage()).contains("Nowhere");
    assertThat(webhooks()).isEmpty();

    editSpec(s -> s.inboxes = new ArrayList<>(List.of("Support")));
    awaitReady();
  }

  @Test
  void a_spec_the_schema_cannot_reject_gets_a_condition_and_an_event_not_a_crash() {
    SidekickIntegration sk =
        integration(endpoint("us-store", "Support", CHAT), endpoint("us-store", "Elsewhere", MESSAGING));
    createWithCredentials(sk);

    var ready = awaitCondition("Ready", "False", "InvalidSpec");
    assertThat(ready.getMessage())
        .contains("endpoint name \"us-store\" is used more than once")
        .contains("handoffInbox \"Elsewhere\" is not one of spec.inboxes");
    awaitLong().until(() -> !events("InvalidSpec").isEmpty());
    assertThat(events("InvalidSpec").get(0).getType()).isEqualTo("Warning");
    assertThat(client.apps().deployments().inNamespace(NS).withName(name + "-sidekick").get()).isNull();

    editSpec(s -> s.endpoints.get(1).name = "emea-brand");
    editSpec(s -> s.endpoints.get(1).handoffInbox = "Returns");
    awaitReady();
    assertThat(webhooks()).hasSize(2);
  }

  @Test
  void more_than_twenty_webhooks_in_one_resource_is_an_invalid_spec() {
    List<EndpointSpec> endpoints = new ArrayList<>();
    for (int i = 0; i < 11; i++) endpoints.add(endpoint("brand-" + i, "Support", CHAT, MESSAGING));
    createWithCredentials(integration(endpoints.toArray(EndpointSpec[]::new)));

    var ready = awaitCondition("Ready", "False", "InvalidSpec");
    assertThat(ready.getMessage()).contains("22 webhooks wanted").contains("Gladly allows 20");
    assertThat(webhooks()).isEmpty();
  }

  @Test
  void webhooks_that_would_exceed_the_organization_limit_of_twenty_are_not_created() {
    var gladly = gladlyClients.forOrganization(sim().baseUrl(), EMAIL, TOKEN);
    for (int i = 0; i < 18; i++) {
      gladly.createWebhook(
          new WebhookWrite("someone else's " + i, sim().receiverUrl("/others/" + i), List.of("CONVERSATION/CLOSED"), true, null));
    }
    createWithCredentials(integration(endpoint("us-store", "Support", CHAT, MESSAGING), endpoint("emea-brand", "Returns", CHAT)));

    var registered = awaitCondition("WebhooksRegistered", "False", "WebhookLimitExceeded");
    assertThat(registered.getMessage()).contains("3 webhooks wanted").contains("18 other webhooks");
    awaitLong().until(() -> !events("InvalidSpec").isEmpty());
    assertThat(webhooks()).isEmpty();
    assertThat(sim().state().webhooks()).hasSize(18);

    editSpec(s -> s.endpoints.remove(1));
    awaitReady();
    assertThat(sim().state().webhooks()).hasSize(20);
  }

  @Test
  void deleting_while_gladly_fails_releases_the_resource_with_a_warning_naming_the_webhooks_left() {
    createWithCredentials(integration(endpoint("us-store", "Support", CHAT, MESSAGING)));
    awaitReady();
    List<String> ids = webhooks().stream().map(Webhook.View::id).sorted().toList();
    sim().faults().add(Fault.on("PATCH", "/api/v1/webhooks/*").status(503).times(10_000));
    sim().faults().add(Fault.on("DELETE", "/api/v1/webhooks/*").status(503).times(10_000));

    client.resources(SidekickIntegration.class).inNamespace(NS).withName(name).delete();

    awaitLong().until(() -> current() == null);
    List<Event> warnings = events("WebhooksLeftBehind");
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).getType()).isEqualTo("Warning");
    assertThat(warnings.get(0).getMessage()).contains(ids.get(0)).contains(ids.get(1));
    assertThat(webhooks()).hasSize(2);
  }

  @Test
  void when_gladly_rejects_message_received_messaging_falls_back_to_contact_message_received() {
    sim().options().acceptLegacyMessageReceived(false);
    createWithCredentials(integration(endpoint("us-store", "Support", CHAT, MESSAGING)));

    awaitReady();
    var registered = condition("WebhooksRegistered").orElseThrow();
    assertThat(registered.getReason()).isEqualTo("RegisteredWithFallback");
    assertThat(registered.getMessage()).contains("CONTACT/MESSAGE_RECEIVED");
    assertThat(current().getStatus().messagingEvent).isEqualTo("CONTACT/MESSAGE_RECEIVED");
    assertThat(webhooks())
        .filteredOn(w -> w.url().equals(url("us-store", "messaging")))
        .singleElement()
        .satisfies(w -> assertThat(w.events()).containsExactly("CONTACT/MESSAGE_RECEIVED"));
    assertThat(events("MessagingEventFallback")).isNotEmpty();
  }

  @Test
  void rotating_keys_keeps_the_old_key_until_gladly_carries_the_new_one() {
    createWithCredentials(integration(endpoint("us-store", "Support", CHAT)));
    awaitReady();
    String keysSecret = name + "-sidekick-keys";
    String oldKey = decode(secret(keysSecret).getData().get("us-store"));
    String hashBefore = podTemplateHash();

    editIntegration(sk -> sk.getMetadata().setAnnotations(Map.of("sidekick.dev/rotate-keys", "2026-11-23T22:00:00Z")));

    awaitLong().until(() -> !decode(secret(keysSecret).getData().get("us-store")).equals(oldKey));
    String newKey = decode(secret(keysSecret).getData().get("us-store"));
    awaitLong().until(() -> events("WebhookUpdated").stream().anyMatch(e -> e.getMessage().contains("x-api-key changed")));
    awaitLong().until(() -> !secret(keysSecret).getData().containsKey("us-store.previous"));
    assertThat(podTemplateHash()).isNotEqualTo(hashBefore);
    awaitReady();

    // Gladly now sends the new key: re-enabling the webhook makes it PING with its headers
    String id = webhooks().get(0).id();
    sim().receiver().clear();
    sim().admin().disableWebhook(id);
    awaitLong().until(() -> sim().receiver().requests().stream().anyMatch(r -> "PING".equals(r.type())));
    assertThat(sim().receiver().requests().stream().filter(r -> "PING".equals(r.type())).findFirst().orElseThrow().header("x-api-key"))
        .isEqualTo(newKey);
  }

  @Test
  void a_changed_knowledge_base_is_copied_into_the_runtime_config_and_rolls_the_pods() {
    createWithCredentials(integration(endpoint("us-store", "Support", CHAT)));
    awaitReady();
    var config = client.configMaps().inNamespace(NS).withName(name + "-sidekick-config").get().getData();
    assertThat(config.get("kb-default.yaml")).isEqualTo(KNOWLEDGE_BASE);
    assertThat(config.get("runtime.yaml")).contains("file: /etc/sidekick/config/kb-default.yaml");
    String before = podTemplateHash();

    client.configMaps().inNamespace(NS).withName(name + "-answers")
        .edit(c -> new ConfigMapBuilder(c).withData(Map.of("answers.yaml", "greeting: Hi\n" + KNOWLEDGE_BASE)).build());

    awaitLong().until(() -> client.configMaps().inNamespace(NS).withName(name + "-sidekick-config").get().getData()
        .get("kb-default.yaml").startsWith("greeting: Hi"));
    awaitLong().until(() -> !podTemplateHash().equals(before));
  }

  @Test
  void a_missing_knowledge_base_is_named_and_picked_up_once_it_exists() {
    SidekickIntegration sk = integration(endpoint("us-store", "Support", CHAT));
    sk.getSpec().responder.knowledgeBase.configMapRef.name = name + "-later";
    createWithCredentials(sk);

    var ready = awaitCondition("Ready", "False", "InvalidSpec");
    assertThat(ready.getMessage()).contains("ConfigMap " + name + "-later with key answers.yaml not found");

    client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName(name + "-later")
        .withNamespace(NS).endMetadata().withData(Map.of("answers.yaml", KNOWLEDGE_BASE)).build()).create();
    awaitReady();
  }

  @Test
  void a_gladly_that_fails_for_a_moment_is_asked_again_soon_and_nothing_is_reported() {
    createWithCredentials(integration(endpoint("us-store", "Support", CHAT)));
    awaitReady();
    var readySince = condition("Ready").orElseThrow().getLastTransitionTime();
    int inboxReads = sim().apiCalls().count("GET", "/api/v1/inboxes");
    sim().faults().add(Fault.on("GET", "/api/v1/inboxes").status(503).times(1));

    // at the next resync: the failed read, then the retry a moment later (a rescheduled reconcile, not a thread
    // asleep)
    awaitLong().until(() -> sim().apiCalls().count("GET", "/api/v1/inboxes") >= inboxReads + 2);
    awaitReady();
    assertThat(condition("InboxesResolved").orElseThrow().getStatus()).isEqualTo("True");
    assertThat(condition("Ready").orElseThrow().getLastTransitionTime()).isEqualTo(readySince);
  }

  @Test
  void a_gladly_that_keeps_failing_is_reported_unavailable_and_the_integration_recovers_with_it() {
    createWithCredentials(integration(endpoint("us-store", "Support", CHAT)));
    awaitReady();
    sim().faults().add(Fault.on("GET", "/api/v1/inboxes").status(503).times(10_000));

    // from the next resync on
    var inboxes = awaitCondition("InboxesResolved", "Unknown", "GladlyUnavailable");
    assertThat(inboxes.getMessage()).contains("GET /inboxes answered 503");
    assertThat(condition("Ready").orElseThrow().getReason()).isEqualTo("GladlyUnavailable");
    sim().faults().clear();
    awaitReady();
  }

  private String podTemplateHash() {
    return client.apps().deployments().inNamespace(NS).withName(name + "-sidekick").get()
        .getSpec().getTemplate().getMetadata().getAnnotations().get("sidekick.dev/config-hash");
  }
}
