package dev.sidekick.gladlysim;

import static dev.sidekick.gladlysim.testing.Gladly.api;
import static dev.sidekick.gladlysim.testing.Gladly.createWebhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.sidekick.gladlysim.control.Receiver;
import dev.sidekick.gladlysim.delivery.Delivery;
import dev.sidekick.gladlysim.delivery.Delivery.Outcome;
import dev.sidekick.gladlysim.testing.Gladly;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Gladly tells a webhook what happened, retries on failure on its schedule, and gives up by disabling the webhook. */
class DeliveryTest {
  @RegisterExtension
  static final GladlySimExtension gladly = Gladly.acme()
      .configure(o -> o.deliveryTimeout(Duration.ofSeconds(2)));

  @AfterEach
  void payloadsConform() {
    Gladly.assertPayloadsConform(gladly);
  }

  /** An enabled webhook for chat automation at the simulator's receiver ({@code fail/N}, {@code slow/MS} spare the PING). */
  private String chatHook(String path) {
    return createWebhook(gladly, "{\"url\":\"" + gladly.receiverUrl(path) + "\",\"events\":[\"AUTOMATION/MESSAGE_RECEIVED\"],"
        + "\"enabled\":true,\"headers\":{\"x-api-key\":\"k-123\"},\"credentials\":{\"username\":\"gladly\",\"password\":\"pw\"}}");
  }

  private List<Delivery> deliveries(String webhookId, int atLeast) {
    await().atMost(Duration.ofSeconds(10)).until(() -> gladly.deliveries(webhookId).size() >= atLeast);
    return gladly.deliveries(webhookId);
  }

  @Test
  void a_customer_message_reaches_the_webhook_with_its_headers_and_basic_credentials() {
    String id = chatHook("/acme/chat");
    var chat = gladly.customer().startChat("chat-us-store", "bob@example.com");
    String messageId = chat.say("Where is my order?");

    Delivery d = deliveries(id, 1).get(0);
    assertThat(d.outcome()).isEqualTo(Outcome.Success);
    assertThat(d.attempt()).isEqualTo(1);
    assertThat(d.eventType()).isEqualTo("AUTOMATION/MESSAGE_RECEIVED");
    Receiver.Request event = gladly.receiver().requests("/acme/chat").stream().filter(r -> !"PING".equals(r.type())).findFirst()
        .orElseThrow();
    assertThat(event.header("x-api-key")).isEqualTo("k-123");
    assertThat(event.header("authorization")).isEqualTo("Basic " + Base64.getEncoder().encodeToString("gladly:pw".getBytes()));
    assertThat(event.header("content-type")).isEqualTo("application/json");
    assertThat(event.json().path("id").asText()).isEqualTo(d.eventId());
    assertThat(event.json().at("/content/sessionId").asText()).isEqualTo(chat.sessionId());
    assertThat(event.json().at("/content/message/id").asText()).isEqualTo(messageId);
    assertThat(event.json().at("/content/message/content/body").asText()).isEqualTo("Where is my order?");
    assertThat(event.json().at("/initiator/type").asText()).isEqualTo("CUSTOMER");
  }

  @Test
  void only_enabled_webhooks_subscribed_to_the_event_get_it() {
    String chatHook = chatHook("/chat");
    String closedHook = createWebhook(gladly, "{\"url\":\"" + gladly.receiverUrl("/closed") + "\",\"events\":[\"CONVERSATION/CLOSED\"],\"enabled\":true}");
    String disabled = createWebhook(gladly, "{\"url\":\"" + gladly.receiverUrl("/off") + "\",\"events\":[\"AUTOMATION/MESSAGE_RECEIVED\"]}");

    gladly.customer().startChat("chat-us-store", "bob@example.com").say("hi");

    deliveries(chatHook, 1);
    assertThat(gladly.deliveries(closedHook)).isEmpty();
    assertThat(gladly.deliveries(disabled)).isEmpty();
  }

  @Test
  void a_failing_webhook_is_retried_with_the_same_event_on_gladlys_schedule_and_then_disabled() {
    String id = chatHook("/fail/500/chat");
    gladly.customer().startChat("chat-us-store", "bob@example.com").say("hello?");
    Delivery first = deliveries(id, 1).get(0);
    assertThat(first.outcome()).isEqualTo(Outcome.Debug);
    assertThat(first.statusCode()).isEqualTo(500);

    gladly.clock().advance(Duration.ofSeconds(25));
    assertThat(gladly.deliveries(id)).as("not before 30 s").hasSize(1);
    gladly.clock().advance(Duration.ofSeconds(5));
    deliveries(id, 2);
    gladly.clock().advance(Duration.ofMinutes(5));
    deliveries(id, 3);
    gladly.clock().advance(Duration.ofMinutes(30));
    deliveries(id, 4);
    assertThat(gladly.state().webhook(id).enabled()).as("still enabled before the last retry").isTrue();
    gladly.clock().advance(Duration.ofMinutes(50));
    assertThat(gladly.deliveries(id)).hasSize(4);
    gladly.clock().advance(Duration.ofMinutes(10));
    List<Delivery> all = deliveries(id, 5);

    assertThat(all).extracting(Delivery::attempt).containsExactly(1, 2, 3, 4, 5);
    assertThat(all).extracting(Delivery::eventId).containsOnly(first.eventId());
    assertThat(all).extracting(Delivery::outcome)
        .containsExactly(Outcome.Debug, Outcome.Debug, Outcome.Debug, Outcome.Debug, Outcome.Error);
    await().atMost(Duration.ofSeconds(5)).until(() -> !gladly.state().webhook(id).enabled());
    api(gladly).get("/api/v1/webhooks/" + id).then().statusCode(200)
        .body("enabled", equalTo(false)).body("disabledAtDueToRetryLimit", notNullValue());

    gladly.clock().advance(Duration.ofHours(2));
    assertThat(gladly.deliveries(id)).as("no more attempts").hasSize(5);
  }

  @Test
  void a_webhook_that_answers_too_slowly_fails_like_an_error_and_recovers_when_it_answers_again() {
    String id = chatHook("/slow/6000/chat");
    gladly.customer().startChat("chat-us-store", "bob@example.com").say("hello?");
    Delivery first = deliveries(id, 1).get(0);
    assertThat(first.timedOut()).isTrue();
    assertThat(first.outcome()).isEqualTo(Outcome.Debug);

    gladly.admin().disableWebhook(id);
    api(gladly).body("{\"url\":\"" + gladly.receiverUrl("/fixed") + "\",\"enabled\":true}").patch("/api/v1/webhooks/" + id)
        .then().statusCode(204);
    gladly.clock().advance(Duration.ofSeconds(30));
    List<Delivery> all = deliveries(id, 2);
    assertThat(all.get(1).outcome()).isEqualTo(Outcome.Success);
    assertThat(all.get(1).eventId()).isEqualTo(first.eventId());
    gladly.clock().advance(Duration.ofHours(2));
    assertThat(gladly.deliveries(id)).as("a success ends the retries").hasSize(2);
  }

  @Test
  void re_enabling_a_webhook_disabled_by_the_retry_limit_clears_the_mark() {
    String id = chatHook("/fail/503/x");
    gladly.customer().startChat("chat-us-store", "bob@example.com").say("hello?");
    deliveries(id, 1);
    for (Duration d : List.of(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(1))) {
      int before = gladly.deliveries(id).size();
      gladly.clock().advance(d);
      deliveries(id, before + 1);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> gladly.state().webhook(id).disabledAtDueToRetryLimit() != null);

    api(gladly).body("{\"url\":\"" + gladly.receiverUrl("/healthy") + "\",\"enabled\":true}").patch("/api/v1/webhooks/" + id)
        .then().statusCode(204);
    assertThat(gladly.state().webhook(id).disabledAtDueToRetryLimit()).isNull();
    assertThat(gladly.state().webhook(id).enabled()).isTrue();
  }

  @Test
  void the_delivery_log_keeps_the_last_100_requests_per_webhook() {
    String id = chatHook("/busy");
    var chat = gladly.customer().startChat("chat-us-store", "bob@example.com");
    for (int i = 0; i < 105; i++) chat.say("message " + i);
    await().atMost(Duration.ofSeconds(20)).until(() -> gladly.deliveriesInFlight() == 0
        && gladly.receiver().requests("/busy").size() == 106);
    assertThat(gladly.deliveries(id)).hasSize(100);
  }
}
