package dev.sidekick.operator.fast;

import static dev.sidekick.contract.Channel.CHAT;
import static dev.sidekick.contract.Channel.MESSAGING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.gladlysim.control.Receiver;
import dev.sidekick.gladlysim.state.Webhook;
import dev.sidekick.operator.api.AdoptSpec;
import dev.sidekick.operator.api.DeletionPolicy;
import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.api.SidekickIntegrationStatus.WebhookStatus;
import dev.sidekick.operator.api.WebhooksSpec;
import dev.sidekick.operator.gladly.GladlyClients;
import dev.sidekick.operator.gladly.GladlyModel.WebhookWrite;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A company that followed the manual setup guide (webhooks made by hand, calling its own receiver with its own key)
 * moves to one SidekickIntegration: the operator takes those webhooks over instead of making a second set, and
 * leaves every other webhook of the organization alone.
 */
@QuarkusTest
@QuarkusTestResource(MockApiServer.class)
@QuarkusTestResource(GladlySimResource.class)
@QuarkusTestResource(RuntimeReadinessResource.class)
class AdoptionTest extends OperatorTestBase {
  private static final String MANUAL_KEY = "key-of-the-manual-setup";
  private static final String FOREIGN_KEY = "key-of-another-integration";

  @Inject GladlyClients gladlyClients;

  @Test
  void webhooks_made_by_hand_are_taken_over_once_and_no_second_set_is_created() {
    String chat = madeByHand("Thankful chat", manualUrl("chat"), WebhooksSpec.AUTOMATION_MESSAGE_RECEIVED);
    String messaging = madeByHand("Thankful messaging", manualUrl("messaging"), WebhooksSpec.MESSAGE_RECEIVED);
    var sk = integration(endpoint("us-store", "Support", CHAT, MESSAGING));
    adopt(sk, AdoptSpec.id(chat), AdoptSpec.url(manualUrl("messaging")));
    createWithCredentials(sk);
    awaitReady();

    // the same two webhooks, now calling the runtime with the endpoint's key; nothing created
    String key = decode(secret(name + "-sidekick-keys").getData().get("us-store"));
    assertThat(sim().state().webhooks())
        .extracting(Webhook.View::id, Webhook.View::url, Webhook.View::events, Webhook.View::enabled, Webhook.View::headerKeys)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                chat, url("us-store", "chat"), List.of("AUTOMATION/MESSAGE_RECEIVED"), true, List.of("x-api-key")),
            org.assertj.core.groups.Tuple.tuple(
                messaging, url("us-store", "messaging"), List.of("MESSAGE/RECEIVED"), true, List.of("x-api-key")));
    assertThat(sim().apiCalls().count("POST", "/api/v1/webhooks")).as("only the two made by hand").isEqualTo(2);
    assertThat(pingsTo(url("us-store", "chat"))).isNotEmpty()
        .allSatisfy(p -> assertThat(p.header("x-api-key")).isEqualTo(key));

    // status and Events say what was adopted and what it was, never a key
    var status = current().getStatus();
    assertThat(status.endpoints.get(0).webhooks)
        .extracting(w -> w.id, w -> w.adoptedFrom.url, w -> w.adoptedFrom.name)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(chat, manualUrl("chat"), "Thankful chat"),
            org.assertj.core.groups.Tuple.tuple(messaging, manualUrl("messaging"), "Thankful messaging"));
    assertThat(status.webhooksNotAdopted).isNull();
    awaitLong().until(() -> events("WebhookAdopted").size() == 2);
    assertThat(events("WebhookAdopted")).extracting(Event::getMessage)
        .anyMatch(m -> m.contains(chat) && m.contains(manualUrl("chat") + " -> " + url("us-store", "chat")));
    assertThat(events("WebhookCreated")).isEmpty();
    assertThat(Serialization.asJson(status) + events()).doesNotContain(MANUAL_KEY).doesNotContain(key);

    // idempotent: the next reconciles find the resource's own webhooks and change nothing
    int patches = sim().apiCalls().count("PATCH", "/api/v1/webhooks/*");
    editSpec(s -> s.persona = IntegrationLifecycleTest.persona("Melissa"));
    awaitReady();
    assertThat(sim().apiCalls().count("PATCH", "/api/v1/webhooks/*")).isEqualTo(patches);
    assertThat(events("WebhookAdopted")).hasSize(2);
    assertThat(current().getStatus().endpoints.get(0).webhooks).allSatisfy(w -> assertThat(w.adoptedFrom).isNotNull());
  }

  @Test
  void customers_writing_during_the_switch_are_each_delivered_to_exactly_one_receiver() throws Exception {
    String chat = madeByHand("Thankful chat", manualUrl("chat"), WebhooksSpec.AUTOMATION_MESSAGE_RECEIVED);
    var sk = integration(endpoint("us-store", "Support", CHAT));
    adopt(sk, AdoptSpec.id(chat));

    List<String> sent = new ArrayList<>();
    AtomicBoolean switched = new AtomicBoolean();
    CompletableFuture<Void> customers = CompletableFuture.runAsync(() -> {
      // a customer message every 20 ms, from before the resource exists until 30 messages after the switch
      long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      for (int i = 0, after = 0; after < 30 && System.nanoTime() < end; i++) {
        var c = sim().customer().startChat("chat-us-store", "customer" + i + "@example.com");
        String id = c.say("Where is my order " + i + "?");
        synchronized (sent) {
          sent.add(id);
        }
        if (switched.get()) after++;
        sleep(20);
      }
    });
    sleep(200);
    createWithCredentials(sk);
    awaitReady();
    int atSwitch;
    synchronized (sent) {
      atSwitch = sent.size();
    }
    switched.set(true);
    customers.get();
    sim().awaitDeliveries(Duration.ofSeconds(10));

    List<Receiver.Request> toManual = messagesTo(manualUrl("chat"));
    List<Receiver.Request> toRuntime = messagesTo(url("us-store", "chat"));
    assertThat(toManual).as("the manual receiver answered until the switch").isNotEmpty();
    assertThat(toRuntime).as("the runtime answers after it").isNotEmpty();
    assertThat(sent.size()).isGreaterThan(atSwitch);
    List<String> delivered = new ArrayList<>();
    toManual.forEach(r -> delivered.add(messageId(r)));
    toRuntime.forEach(r -> delivered.add(messageId(r)));
    assertThat(delivered).as("every message reached one receiver, once").containsExactlyInAnyOrderElementsOf(sent);
    assertThat(sim().deliveries()).allMatch(d -> d.succeeded());
    assertThat(sim().state().webhooks()).hasSize(1);
  }

  @Test
  void a_webhook_not_named_in_adopt_is_never_touched_through_create_update_and_delete() {
    // another team's webhook of the same kind, and a hand-made one the resource adopts
    String foreign = madeByHand("Other bot", foreignUrl(), WebhooksSpec.AUTOMATION_MESSAGE_RECEIVED, FOREIGN_KEY);
    String manual = madeByHand("Thankful messaging", manualUrl("messaging"), WebhooksSpec.MESSAGE_RECEIVED);
    Webhook.View before = sim().state().webhook(foreign);
    var sk = integration(endpoint("us-store", "Support", CHAT, MESSAGING));
    adopt(sk, AdoptSpec.id(manual));
    createWithCredentials(sk);
    awaitReady();
    assertThat(sim().state().webhook(foreign)).isEqualTo(before);

    editSpec(s -> s.endpoints.add(endpoint("emea-brand", "Returns", CHAT)));
    awaitLong().until(() -> webhooks().size() == 3);
    awaitReady();
    assertThat(sim().state().webhook(foreign)).isEqualTo(before);

    client.resources(SidekickIntegration.class).inNamespace(NS).withName(name).delete();
    awaitLong().until(() -> current() == null);
    // deletionPolicy Delete: the adopted webhook goes like the created ones; the foreign one stays as it was
    assertThat(sim().state().webhooks()).extracting(Webhook.View::id).containsExactly(foreign);
    assertThat(sim().state().webhook(foreign)).isEqualTo(before);
    assertThat(sim().apiCalls().matching("PATCH", "/api/v1/webhooks/" + foreign)).isEmpty();
    assertThat(sim().apiCalls().matching("DELETE", "/api/v1/webhooks/" + foreign)).isEmpty();
    // and it still carries its own key to its own receiver
    sim().receiver().clear();
    sim().customer().startChat("chat-us-store", "martha@example.com").say("Where is my order?");
    awaitLong().until(() -> !messagesTo(foreignUrl()).isEmpty());
    assertThat(messagesTo(foreignUrl()).get(0).header("x-api-key")).isEqualTo(FOREIGN_KEY);
  }

  @Test
  void with_deletion_policy_orphan_an_adopted_webhook_stays_in_gladly() {
    String chat = madeByHand("Thankful chat", manualUrl("chat"), WebhooksSpec.AUTOMATION_MESSAGE_RECEIVED);
    var sk = integration(endpoint("us-store", "Support", CHAT));
    adopt(sk, AdoptSpec.id(chat));
    sk.getSpec().webhooks.deletionPolicy = DeletionPolicy.Orphan;
    createWithCredentials(sk);
    awaitReady();
    awaitLong().until(() -> events("WebhookAdopted").size() == 1);

    client.resources(SidekickIntegration.class).inNamespace(NS).withName(name).delete();

    awaitLong().until(() -> current() == null);
    assertThat(sim().state().webhooks()).extracting(Webhook.View::id, Webhook.View::url, Webhook.View::enabled)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(chat, url("us-store", "chat"), true));
    assertThat(events("WebhooksOrphaned")).extracting(Event::getMessage).singleElement().asString().contains(chat);
    assertThat(sim().apiCalls().matching("DELETE", "/api/v1/webhooks/*")).isEmpty();
  }

  @Test
  void what_cannot_be_adopted_is_left_alone_and_said_and_a_missing_one_holds_back_creating() {
    String closed = madeByHand("Survey", manualUrl("survey"), "CONVERSATION/CLOSED");
    var sk = integration(endpoint("us-store", "Support", CHAT));
    adopt(sk, AdoptSpec.id(closed), AdoptSpec.id("no-such-webhook"));
    createWithCredentials(sk);

    // an id Gladly does not know might be the hand-made webhook still calling its receiver: no second one
    var registered = awaitCondition("WebhooksRegistered", "False", "RegistrationFailed");
    assertThat(registered.getMessage()).contains("us-store CHAT: not created while spec.webhooks.adopt names webhooks");
    assertThat(webhooks()).isEmpty();
    assertThat(current().getStatus().webhooksNotAdopted).containsExactly(
        "spec.webhooks.adopt[1] (id no-such-webhook): Gladly has no such webhook (remove the entry if the webhook is gone)",
        "spec.webhooks.adopt[0] (id " + closed + "): webhook " + closed + " has events [CONVERSATION/CLOSED], not one"
            + " Sidekick channel (chat: AUTOMATION/MESSAGE_RECEIVED; messaging: MESSAGE/RECEIVED or"
            + " CONTACT/MESSAGE_RECEIVED)");
    awaitLong().until(() -> events("WebhookNotAdopted").size() == 2);
    assertThat(events("WebhookNotAdopted")).allMatch(e -> "Warning".equals(e.getType()));

    editSpec(s -> s.webhooks.adopt.remove(1));
    awaitReady();
    assertThat(webhooks()).hasSize(1);
    assertThat(current().getStatus().webhooksNotAdopted).hasSize(1);
    assertThat(sim().state().webhook(closed).url()).isEqualTo(manualUrl("survey"));
    assertThat(sim().apiCalls().matching("PATCH", "/api/v1/webhooks/" + closed)).isEmpty();
    assertThat(events("WebhookNotAdopted")).hasSize(2);
  }

  @Test
  void an_adopt_entry_the_schema_cannot_reject_gets_a_clear_condition() {
    var sk = integration(endpoint("us-store", "Support", CHAT), endpoint("emea-brand", "Returns", CHAT));
    AdoptSpec both = AdoptSpec.id("abc");
    both.url = manualUrl("chat");
    adopt(sk, both, AdoptSpec.url(url("us-store", "chat")), AdoptSpec.id("abc").forEndpoint("eu-store"));
    createWithCredentials(sk);

    var ready = awaitCondition("Ready", "False", "InvalidSpec");
    assertThat(ready.getMessage())
        .contains("spec.webhooks.adopt[0] needs exactly one of id (the Gladly webhook id) and url")
        .contains("spec.webhooks.adopt[1].url " + url("us-store", "chat") + " is a URL of this resource's own webhooks")
        .contains("spec.webhooks.adopt[2].endpoint \"eu-store\" is not one of spec.endpoints [emea-brand, us-store]");
    assertThat(sim().state().webhooks()).isEmpty();
  }

  // ---- the manual setup

  private String manualUrl(String path) {
    return sim().receiverUrl("/" + name + "-manual/" + path);
  }

  private String foreignUrl() {
    return sim().receiverUrl("/" + name + "-foreign/hook");
  }

  private String madeByHand(String webhookName, String url, String event) {
    return madeByHand(webhookName, url, event, MANUAL_KEY);
  }

  /** A webhook as the setup guide has a person make it: enabled, with their own receiver's URL and key. */
  private String madeByHand(String webhookName, String url, String event, String key) {
    return gladlyClients.forOrganization(sim().baseUrl(), EMAIL, TOKEN)
        .createWebhook(new WebhookWrite(webhookName, url, List.of(event), true, Map.of("X-API-Key", key)));
  }

  private static void adopt(SidekickIntegration sk, AdoptSpec... entries) {
    sk.getSpec().webhooks = new WebhooksSpec();
    sk.getSpec().webhooks.adopt = new ArrayList<>(List.of(entries));
  }

  private static List<Receiver.Request> pingsTo(String url) {
    return requestsTo(url).stream().filter(r -> "PING".equals(r.type())).toList();
  }

  private static List<Receiver.Request> messagesTo(String url) {
    return requestsTo(url).stream().filter(r -> "AUTOMATION/MESSAGE_RECEIVED".equals(r.type())).toList();
  }

  private static List<Receiver.Request> requestsTo(String url) {
    String path = url.substring(sim().receiverUrl("").length() - 1);
    return sim().receiver().requests().stream().filter(r -> r.path().equals(path)).toList();
  }

  /** Read with this class loader's Jackson (the simulator's is another). */
  private static String messageId(Receiver.Request r) {
    try {
      return Serialization.jsonMapper().readTree(r.body()).path("content").path("message").path("id").asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
