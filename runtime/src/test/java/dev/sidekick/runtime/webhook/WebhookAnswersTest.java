package dev.sidekick.runtime.webhook;

import static dev.sidekick.runtime.support.SimulatedGladly.CHAT_ENTRY_POINT;
import static dev.sidekick.runtime.support.SimulatedGladly.US_KEY;
import static dev.sidekick.runtime.support.SimulatedGladly.sim;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import dev.sidekick.gladlysim.control.CustomerActions;
import dev.sidekick.runtime.support.Events;
import dev.sidekick.runtime.support.SimulatedGladly;
import dev.sidekick.runtime.support.Webhooks;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What Gladly hears back from a webhook delivery, in DESIGN.md's order of checks. */
@QuarkusTest
@WithTestResource(SimulatedGladly.class)
class WebhookAnswersTest {

  @BeforeEach
  void ready() {
    await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/q/health/ready").statusCode() == 200);
    Webhooks.removeAll();
  }

  @Test
  void gladlys_ping_gets_200_so_a_webhook_can_be_created() {
    given().header("x-api-key", US_KEY).contentType(ContentType.JSON).body(Events.ping())
        .post("/gladly/us-store/chat").then().statusCode(200).body("outcome", is("ping"));
    String id = Webhooks.register("us-store", "chat", US_KEY, "AUTOMATION/MESSAGE_RECEIVED");
    assertThat(sim().state().webhook(id).enabled()).isTrue();
  }

  @Test
  void an_unknown_endpoint_or_channel_is_404() {
    given().header("x-api-key", US_KEY).contentType(ContentType.JSON).body(Events.ping())
        .post("/gladly/no-such-store/chat").then().statusCode(404);
    given().header("x-api-key", US_KEY).contentType(ContentType.JSON).body(Events.ping())
        .post("/gladly/us-store/voice").then().statusCode(404);
    // basic-store has no CHAT channel
    given().header("x-api-key", SimulatedGladly.BASIC_KEY).contentType(ContentType.JSON).body(Events.ping())
        .post("/gladly/basic-store/chat").then().statusCode(404);
  }

  @Test
  void a_wrong_or_missing_key_gets_401_and_gladly_is_not_called() {
    CustomerActions.Chat chat = sim().customer().startChat(CHAT_ENTRY_POINT, "lia@example.com");
    String message = chat.say("where is my order?");
    String event = Events.chatMessage(Events.newId(), chat.sessionId(), chat.conversationId(), message, "where is my order?");
    int callsBefore = sim().apiCalls().size();

    given().contentType(ContentType.JSON).body(event).post("/gladly/us-store/chat")
        .then().statusCode(401).body("outcome", is("unauthorized"));
    given().header("x-api-key", "not-the-key").contentType(ContentType.JSON).body(event).post("/gladly/us-store/chat")
        .then().statusCode(401);
    given().header("x-api-key", SimulatedGladly.LLM_KEY).contentType(ContentType.JSON).body(event)
        .post("/gladly/us-store/chat").then().statusCode(401);

    assertThat(sim().apiCalls().size()).isEqualTo(callsBefore);
    assertThat(chat.answers()).isEmpty();

    // The header name is matched case-insensitively, as HTTP says.
    given().header("X-API-Key", US_KEY).contentType(ContentType.JSON).body(event).post("/gladly/us-store/chat")
        .then().statusCode(200).body("outcome", is("answered"));
  }

  @Test
  void a_body_over_one_mebibyte_is_413() {
    byte[] big = new byte[1024 * 1024 + 10];
    Arrays.fill(big, (byte) ' ');
    given().header("x-api-key", US_KEY).contentType(ContentType.JSON).body(big)
        .post("/gladly/us-store/chat").then().statusCode(413).body("outcome", is("too_large"));
  }

  @Test
  void malformed_json_or_envelope_is_400() {
    given().header("x-api-key", US_KEY).contentType(ContentType.JSON).body("{not json")
        .post("/gladly/us-store/chat").then().statusCode(400).body("outcome", is("malformed"));
    given().header("x-api-key", US_KEY).contentType(ContentType.JSON).body("[1,2]")
        .post("/gladly/us-store/chat").then().statusCode(400);
    given().header("x-api-key", US_KEY).contentType(ContentType.JSON).body("{\"type\":\"AUTOMATION/MESSAGE_RECEIVED\"}")
        .post("/gladly/us-store/chat").then().statusCode(400).body("detail", is("id is missing"));
    given().header("x-api-key", US_KEY).contentType(ContentType.JSON)
        .body("{\"id\":\"e1\",\"type\":\"AUTOMATION/MESSAGE_RECEIVED\",\"content\":{\"message\":{\"content\":{\"body\":\"hi\"}}}}")
        .post("/gladly/us-store/chat").then().statusCode(400).body("detail", is("content.sessionId is missing"));
  }

  @Test
  void an_event_type_sidekick_does_not_handle_gets_200_so_gladly_never_disables_the_webhook() {
    int callsBefore = sim().apiCalls().size();
    given().header("x-api-key", US_KEY).contentType(ContentType.JSON).body(Events.ofType("CONVERSATION/CLOSED"))
        .post("/gladly/us-store/messaging").then().statusCode(200).body("outcome", is("unhandled_type"));
    given().header("x-api-key", US_KEY).contentType(ContentType.JSON).body(Events.ofType("MESSAGE/RECEIVED"))
        .post("/gladly/us-store/chat").then().statusCode(200).body("outcome", is("unhandled_type"));
    assertThat(sim().apiCalls().size()).isEqualTo(callsBefore);
  }

  @Test
  void a_rotated_key_works_beside_the_old_one_until_the_old_one_is_dropped() throws Exception {
    String oldKey = US_KEY;
    String newKey = "us-store-key-2";
    try {
      SimulatedGladly.write("keys/us-store.previous", oldKey);
      SimulatedGladly.write("keys/us-store", newKey);
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> pingWith(newKey, 200));
      pingWith(oldKey, 200);

      Files.delete(SimulatedGladly.configDir().resolve("keys/us-store.previous"));
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> pingWith(oldKey, 401));
      pingWith(newKey, 200);
    } finally {
      SimulatedGladly.write("keys/us-store", oldKey);
      Files.deleteIfExists(SimulatedGladly.configDir().resolve("keys/us-store.previous"));
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> pingWith(oldKey, 200));
    }
  }

  private static void pingWith(String key, int status) {
    given().header("x-api-key", key).contentType(ContentType.JSON).body(Events.ping())
        .post("/gladly/us-store/chat").then().statusCode(status);
  }
}
