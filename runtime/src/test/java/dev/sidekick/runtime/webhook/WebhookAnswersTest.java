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
import java.nio.charset.StandardCharsets;
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

  /** Bytes after a complete event would let an attacker or a broken proxy smuggle a second value past the check. */
  @Test
  void an_event_followed_by_anything_is_400_and_not_acted_on() {
    CustomerActions.Chat chat = sim().customer().startChat(CHAT_ENTRY_POINT, "trailing@example.com");
    String message = chat.say("where is my order?");
    String event = Events.chatMessage(Events.newId(), chat.sessionId(), chat.conversationId(), message, "where is my order?");
    int callsBefore = sim().apiCalls().size();

    for (String trailing : new String[] {"x", "{}", " {}", "\n{\"id\":\"e2\"}", "]", "0"}) {
      deliver((event + trailing).getBytes(StandardCharsets.UTF_8))
          .then().statusCode(400).body("outcome", is("malformed")).body("detail", is("body is not one JSON value"));
    }
    deliver((event + "  \r\n\t").getBytes(StandardCharsets.UTF_8)).then().statusCode(200);

    assertThat(chat.answers()).as("only the event with trailing whitespace was acted on").hasSize(1);
    assertThat(sim().apiCalls().size()).isGreaterThan(callsBefore);
  }

  @Test
  void invalid_utf8_and_unpaired_surrogates_are_400() {
    // a PING carrying the bytes: answered 200 when well-formed, so only the encoding decides
    String before = "{\"id\":\"e-utf8\",\"type\":\"PING\",\"content\":{\"note\":\"";
    String after = "\"}}";
    byte[][] badBytes = {
      {(byte) 0xC0, (byte) 0xAF},                          // overlong "/"
      {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},             // overlong "/" in three bytes
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80},             // a surrogate encoded as UTF-8 (CESU)
      {(byte) 0xFF},                                       // never valid
      {(byte) 0xC3},                                       // cut short
      {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80} // beyond U+10FFFF
    };
    for (byte[] bad : badBytes) {
      deliver(concat(before.getBytes(StandardCharsets.UTF_8), bad, after.getBytes(StandardCharsets.UTF_8)))
          .then().statusCode(400).body("detail", is("body is not valid UTF-8"));
    }
    for (String escaped : new String[] {"\\ud800", "\\udc00", "x\\ud83dy", "\\ude00\\ud83d"}) {
      deliver((before + escaped + after).getBytes(StandardCharsets.UTF_8))
          .then().statusCode(400).body("detail", is("body holds an unpaired surrogate"));
    }
    // a well-formed pair, escaped or not, is fine
    deliver((before + "\\ud83d\\ude00 \uD83D\uDE00 caf\u00e9" + after).getBytes(StandardCharsets.UTF_8))
        .then().statusCode(200).body("outcome", is("ping"));
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

  private static io.restassured.response.Response deliver(byte[] body) {
    return given().header("x-api-key", US_KEY).contentType(ContentType.JSON).body(body).post("/gladly/us-store/chat");
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static void pingWith(String key, int status) {
    given().header("x-api-key", key).contentType(ContentType.JSON).body(Events.ping())
        .post("/gladly/us-store/chat").then().statusCode(status);
  }
}
