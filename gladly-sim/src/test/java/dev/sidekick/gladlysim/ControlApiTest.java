package dev.sidekick.gladlysim;

import static dev.sidekick.gladlysim.testing.Gladly.api;
import static dev.sidekick.gladlysim.testing.Gladly.control;
import static dev.sidekick.gladlysim.testing.Gladly.createWebhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import dev.sidekick.gladlysim.testing.Gladly;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A person or a test of another language drives the simulator over HTTP under /sim, never mixed with Gladly's paths. */
class ControlApiTest {
  @RegisterExtension
  static final GladlySimExtension gladly = Gladly.acme();

  @AfterEach
  void payloadsConform() {
    Gladly.assertPayloadsConform(gladly);
  }

  @Test
  void a_customer_chats_through_the_control_api_and_sees_the_bot_answer() {
    JsonPath started = control(gladly).body("{\"entryPoint\":\"chat-us-store\",\"customer\":{\"email\":\"dan@example.com\",\"name\":\"Dan\"}}")
        .post("/sim/customer/chats").then().statusCode(200).body("sessionId", notNullValue()).extract().jsonPath();
    String conversationId = started.getString("conversationId");
    String sessionId = started.getString("sessionId");
    control(gladly).body("{\"text\":\"Where is my parcel?\"}").post("/sim/customer/chats/" + conversationId + "/messages")
        .then().statusCode(200);
    api(gladly).body("{\"type\":\"MENU\",\"content\":{\"prompt\":\"Which order?\",\"menuItems\":[{\"id\":\"o-1\",\"label\":\"#1001\"}]}}")
        .post("/api/v1/message-automation/sessions/" + sessionId + "/messages").then().statusCode(200);
    control(gladly).body("{\"menuItemId\":\"o-1\"}").post("/sim/customer/chats/" + conversationId + "/messages").then().statusCode(200);
    control(gladly).body("{\"menuItemId\":\"nope\"}").post("/sim/customer/chats/" + conversationId + "/messages").then().statusCode(400);

    control(gladly).get("/sim/customer/chats/" + conversationId + "/messages").then().statusCode(200)
        .body("messages.from", equalTo(java.util.List.of("CUSTOMER", "BOT", "CUSTOMER")))
        .body("messages[1].menuItems[0].label", equalTo("#1001"))
        .body("messages[2].text", equalTo("#1001"));
    control(gladly).get("/sim/sessions/" + sessionId).then().statusCode(200).body("messages", hasSize(3)).body("state", equalTo("ACTIVE"));
    control(gladly).get("/sim/conversations/" + conversationId).then().statusCode(200).body("inAutomation", equalTo(true));
  }

  @Test
  void a_script_acts_as_a_human_agent_reply_transfer_close() {
    String replied = gladly.customer().sendEmail("ann@example.com", "support@acme.example", "Hours", "When are you open?");
    String moved = gladly.customer().sendEmail("bo@example.com", "support@acme.example", "Broken", "It arrived broken");
    String done = gladly.customer().sendEmail("cy@example.com", "support@acme.example", "Thanks", "That's all, thanks");
    String base = "/sim/agent/conversations/";
    control(gladly).body("{\"agent\":\"hank@acme.example\",\"text\":\"Monday to Friday, 9 to 5.\"}").post(base + replied + "/reply")
        .then().statusCode(200).body("id", notNullValue());
    control(gladly).body("{\"agent\":\"hank@acme.example\",\"inbox\":\"Returns\"}").post(base + moved + "/transfer").then().statusCode(204);
    control(gladly).body("{\"agent\":\"hank@acme.example\"}").post(base + done + "/close").then().statusCode(204);
    control(gladly).body("{\"agent\":\"hank@acme.example\",\"inbox\":\"Nowhere\"}").post(base + moved + "/transfer").then().statusCode(400);
    control(gladly).body("{\"agent\":\"nobody@acme.example\"}").post(base + done + "/close").then().statusCode(400);

    assertThat(gladly.state().conversation(replied).messages()).hasSize(2);
    assertThat(gladly.state().conversation(moved).inboxId()).isEqualTo(gladly.state().inboxId("Returns"));
    assertThat(gladly.state().conversation(done).status()).isEqualTo("CLOSED");
  }

  @Test
  void emails_and_sms_arrive_and_conversations_can_be_listed() {
    String email = control(gladly).body("{\"from\":\"eve@example.com\",\"to\":\"support@acme.example\",\"subject\":\"Hi\",\"body\":\"Help\"}")
        .post("/sim/customer/emails").then().statusCode(200).extract().path("conversationId");
    control(gladly).body("{\"from\":\"+15550123\",\"to\":\"+15550100\",\"body\":\"Help by SMS\"}").post("/sim/customer/sms")
        .then().statusCode(200);
    control(gladly).body("{\"from\":\"eve@example.com\",\"to\":\"nowhere@acme.example\",\"body\":\"x\"}").post("/sim/customer/emails")
        .then().statusCode(400).body("errors[0].code", equalTo("not_exist"));
    control(gladly).get("/sim/conversations").then().statusCode(200).body("$", hasSize(2)).body("channel", equalTo(java.util.List.of("EMAIL", "SMS")))
        .body("[0].noteCount", equalTo(0)).body("[0].updatedAt", notNullValue());
    control(gladly).get("/sim/conversations/" + email).then().statusCode(200).body("items[0].content.content", equalTo("Help"));
  }

  @Test
  void webhooks_deliveries_and_calls_are_visible_without_their_secrets() {
    String id = createWebhook(gladly, "{\"url\":\"" + gladly.receiverUrl("/hook") + "\",\"events\":[\"CONTACT/MESSAGE_RECEIVED\"],"
        + "\"enabled\":true,\"headers\":{\"x-api-key\":\"TOP-SECRET-KEY\"},\"credentials\":{\"username\":\"u\",\"password\":\"TOP-SECRET-PW\"}}");
    gladly.customer().sendEmail("eve@example.com", "support@acme.example", "Hi", "Help");
    await().atMost(Duration.ofSeconds(5)).until(() -> gladly.deliveries(id).size() == 1);

    String webhooks = control(gladly).get("/sim/webhooks").then().statusCode(200).body("[0].headers.x-api-key", equalTo("***"))
        .extract().asString();
    String deliveries = control(gladly).get("/sim/deliveries?webhookId=" + id).then().statusCode(200)
        .body("deliveries", hasSize(1)).body("deliveries[0].outcome", equalTo("Success")).body("deliveries[0].seq", notNullValue()).extract().asString();
    String received = control(gladly).get("/sim/receiver/requests").then().statusCode(200)
        .body("requests", hasSize(2)).extract().asString();
    String calls = control(gladly).get("/sim/api-calls").then().statusCode(200).body("[0].path", equalTo("/api/v1/webhooks")).extract().asString();
    for (String output : new String[] {webhooks, deliveries, received, calls}) {
      assertThat(output).doesNotContain("TOP-SECRET").doesNotContain(Gladly.API_TOKEN);
    }
  }

  @Test
  void faults_rate_limit_and_clock_can_be_set_over_http() {
    control(gladly).body("{\"method\":\"GET\",\"path\":\"/api/v1/inboxes\",\"status\":502,\"times\":1}").post("/sim/faults")
        .then().statusCode(200).body("faults", hasSize(1));
    api(gladly).get("/api/v1/inboxes").then().statusCode(502);
    api(gladly).get("/api/v1/inboxes").then().statusCode(200);
    control(gladly).body("{\"rateLimitBurst\":1}").post("/sim/faults").then().statusCode(200);
    api(gladly).get("/api/v1/inboxes").then().statusCode(429);
    control(gladly).delete("/sim/faults").then().statusCode(204);

    control(gladly).body("{\"enabled\":true,\"perSecond\":5}").post("/sim/rate-limit").then().statusCode(200).body("perSecond", equalTo(5));
    api(gladly).get("/api/v1/inboxes").then().header("Ratelimit-Limit-Second", "5");
    control(gladly).body("{\"enabled\":false,\"perSecond\":10}").post("/sim/rate-limit").then().statusCode(200);

    var chat = gladly.customer().startChat("chat-us-store", "dan@example.com");
    chat.say("hi");
    control(gladly).body("{\"seconds\":301}").post("/sim/clock/advance").then().statusCode(200);
    assertThat(chat.session().closed()).isTrue();
  }

  @Test
  void the_organizations_and_the_web_page_are_served() {
    control(gladly).get("/sim/organizations").then().statusCode(200).body("[0].key", equalTo("acme"))
        .body("[0].entryPoints.address", equalTo(java.util.List.of("chat-us-store", "chat-plain", "support@acme.example", "+15550100")))
        .body("[0].customers[0].email", equalTo("martha@example.com"));
    assertThat(control(gladly).get("/sim/organizations").asString()).doesNotContain("token");
    control(gladly).redirects().follow(false).get("/sim/ui").then().statusCode(302).header("Location", "/sim/ui/");
    control(gladly).get("/sim/ui/").then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("text/html"));
  }

  @Test
  void reset_over_http_goes_back_to_the_seed() {
    createWebhook(gladly, "{\"url\":\"https://hooks.acme.example/x\",\"events\":[\"CONVERSATION/CLOSED\"]}");
    control(gladly).post("/sim/reset").then().statusCode(204);
    assertThat(gladly.state().webhooks()).isEmpty();
    assertThat(gladly.apiCalls().all()).isEmpty();
  }
}
