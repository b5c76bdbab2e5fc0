package dev.sidekick.gladlysim;

import static dev.sidekick.gladlysim.testing.Gladly.anonymous;
import static dev.sidekick.gladlysim.testing.Gladly.api;
import static dev.sidekick.gladlysim.testing.Gladly.createWebhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sidekick.gladlysim.testing.ConformanceFilter;
import dev.sidekick.gladlysim.testing.Gladly;
import dev.sidekick.gladlysim.testing.OpenApiConformance;
import io.restassured.RestAssured;
import io.restassured.builder.ResponseBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The simulator answers as Gladly's openapi.json says. Every test of this module sends its Gladly API calls through
 * {@link ConformanceFilter} and checks webhook payloads with {@link Gladly#assertPayloadsConform}; this class shows the
 * check itself can fail, and sweeps the endpoints once more in one place. The spec's own inconsistencies, and what is
 * checked instead, are listed in {@link OpenApiConformance#EXCEPTIONS}.
 */
class ConformanceTest {
  @RegisterExtension
  static final GladlySimExtension gladly = Gladly.acme();

  private final OpenApiConformance spec = OpenApiConformance.get();

  @Test
  void the_check_catches_a_wrong_conversation_body() {
    String good = "{\"id\":\"c1\",\"customerId\":\"u1\",\"inboxId\":\"i1\",\"createdAt\":\"2024-01-01T00:00:00.000Z\",\"status\":\"OPEN\"}";
    assertThat(spec.checkResponse("GET", "/api/v1/conversations/c1", 200, good)).isEmpty();

    String wrongStatus = good.replace("OPEN", "PENDING");
    assertThat(spec.checkResponse("GET", "/api/v1/conversations/c1", 200, wrongStatus)).isNotEmpty();
    String missingInbox = good.replace("\"inboxId\":\"i1\",", "");
    assertThat(spec.checkResponse("GET", "/api/v1/conversations/c1", 200, missingInbox)).anyMatch(p -> p.contains("inboxId"));
    assertThat(spec.checkResponse("GET", "/org/acme/api/v1/conversations/c1", 200, "[]")).isNotEmpty();
  }

  @Test
  void the_check_catches_wrong_error_bodies_undocumented_statuses_and_wrong_webhook_payloads() {
    assertThat(spec.checkResponse("POST", "/api/v1/webhooks", 400, "{\"errors\":[{\"code\":\"blank\",\"attr\":\"url\"}]}")).isEmpty();
    assertThat(spec.checkResponse("POST", "/api/v1/webhooks", 400, "{\"errors\":{\"code\":\"blank\"}}")).isNotEmpty();
    assertThat(spec.checkResponse("POST", "/api/v1/webhooks", 200, "{}")).isNotEmpty();
    assertThat(spec.checkResponse("POST", "/api/v1/webhooks", 201, "{\"id\":\"x\"}")).as("201 is documented without a body").isNotEmpty();

    String contact = "{\"id\":\"e1\",\"type\":\"CONTACT/MESSAGE_RECEIVED\",\"timestamp\":\"2024-01-01T00:00:00.000Z\","
        + "\"initiator\":{\"id\":\"u1\",\"type\":\"CUSTOMER\"},\"content\":{\"channel\":\"EMAIL\",\"contactId\":\"k\","
        + "\"conversationId\":\"c\",\"customerId\":\"u1\",\"messageId\":\"m\",\"context\":{\"assignee\":{\"inboxId\":\"i\"}}}}";
    assertThat(spec.checkWebhookPayload(contact)).isEmpty();
    assertThat(spec.checkWebhookPayload(contact.replace("\"messageId\":\"m\",", ""))).anyMatch(p -> p.contains("messageId"));
    assertThat(spec.checkWebhookPayload(contact.replace("EMAIL", "CARRIER_PIGEON"))).isNotEmpty();
    assertThat(spec.checkWebhookPayload("{\"id\":\"e\",\"type\":\"CONVERSATION_CREATED\",\"timestamp\":\"t\",\"content\":{}}")).isNotEmpty();
  }

  @Test
  void the_rest_assured_filter_fails_a_test_on_a_non_conforming_response() {
    ConformanceFilter filter = new ConformanceFilter();
    var wrong = new ResponseBuilder().setStatusCode(200).setContentType("application/json")
        .setBody("{\"id\":\"o\",\"name\":42}").build();
    assertThatThrownBy(() -> RestAssured.given().baseUri(gladly.baseUrl()).filter(filter)
        .filter((req, res, ctx) -> wrong).get("/api/v1/organization"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("openapi.json");
  }

  @Test
  void every_endpoint_of_the_simulator_answers_as_the_spec_says() {
    int before = ConformanceFilter.CHECKED.get();
    createWebhook(gladly, "{\"url\":\"" + gladly.receiverUrl("/all") + "\",\"events\":[\"AUTOMATION/MESSAGE_RECEIVED\","
        + "\"AUTOMATION/MESSAGE_SENT\",\"MESSAGE/RECEIVED\",\"CONTACT/MESSAGE_RECEIVED\",\"CONTACT/MESSAGE_SENT\","
        + "\"CONVERSATION/CREATED\",\"CONVERSATION/CLOSED\",\"CONVERSATION/REOPENED\",\"CONVERSATION/NOTE_CREATED\","
        + "\"CONVERSATION/TOPIC_ADDED\",\"CONVERSATION/TOPIC_REMOVED\",\"CONVERSATION_ASSIGNEE/UPDATED\"],"
        + "\"enabled\":true,\"headers\":{\"x-api-key\":\"k\"}}");
    for (String path : new String[] {"/api/v1/organization", "/api/v1/agents", "/api/v1/agents/sidekick-agent-id", "/api/v1/inboxes",
        "/api/v1/topics", "/api/v1/webhooks", "/api/v1/customer-profiles?email=martha@example.com"}) {
      api(gladly).get(path).then().statusCode(200);
    }
    anonymous(gladly).get("/api/v1/organization").then().statusCode(401);

    var chat = gladly.customer().startChat("chat-us-store", "bob@example.com");
    chat.say("hi");
    String session = "/api/v1/message-automation/sessions/" + chat.sessionId();
    api(gladly).get(session).then().statusCode(200);
    String messageId = api(gladly).body("{\"type\":\"TEXT\",\"content\":{\"value\":\"Hello\"}}").post(session + "/messages")
        .then().statusCode(200).extract().path("id");
    api(gladly).body("{\"type\":\"MENU\",\"content\":{\"prompt\":\"Pick\",\"menuItems\":[{\"id\":\"a\",\"label\":\"A\"}]}}")
        .post(session + "/messages").then().statusCode(200);
    api(gladly).body("{\"type\":\"HTML\",\"content\":{\"value\":\"<b>hi</b>\"}}").post(session + "/messages").then().statusCode(200);
    api(gladly).get(session + "/messages").then().statusCode(200);
    api(gladly).get(session + "/messages/" + messageId).then().statusCode(200);
    api(gladly).body("{\"state\":\"STARTED\"}").post(session + "/typing-indicators").then().statusCode(204);
    api(gladly).body("{\"description\":\"handoff\"}").post(session + "/handoff").then().statusCode(204);
    api(gladly).body("{\"description\":\"x\"}").post("/api/v1/message-automation/sessions/nope/handoff").then().statusCode(400);

    String conversation = "/api/v1/conversations/" + chat.conversationId();
    api(gladly).get(conversation).then().statusCode(200);
    String itemId = api(gladly).get(conversation + "/items").then().statusCode(200).extract().path("[0].id");
    api(gladly).get("/api/v1/conversation-items/" + itemId).then().statusCode(200);
    api(gladly).body("{\"content\":{\"type\":\"CHAT_MESSAGE\",\"messageType\":\"QUICK_REPLY_REQUEST\",\"body\":\"Pick\","
        + "\"messageData\":{\"options\":[{\"id\":\"o1\",\"label\":\"One\"}]}}}").post("/api/v1/conversation-items/" + itemId + "/reply")
        .then().statusCode(201);
    String note = api(gladly).body("{\"content\":{\"body\":\"note\"}}").post(conversation + "/notes").then().statusCode(201)
        .extract().header("Location");
    api(gladly).get(note).then().statusCode(200);
    String topic = gladly.state().topicId("Returns");
    api(gladly).body("{\"topicIds\":[\"" + topic + "\"]}").post(conversation + "/topics").then().statusCode(204);
    api(gladly).delete(conversation + "/topics/" + topic).then().statusCode(204);
    api(gladly).body("{\"assignee\":{\"inboxId\":\"" + gladly.state().inboxId("Support") + "\",\"agentId\":\"sidekick-agent-id\"}}")
        .patch(conversation).then().statusCode(204);
    api(gladly).body("{\"status\":{\"value\":\"CLOSED\",\"force\":true}}").patch(conversation).then().statusCode(204);
    api(gladly).body("{\"status\":{\"value\":\"OPEN\"}}").patch(conversation).then().statusCode(204);
    api(gladly).get("/api/v1/customers/" + chat.customerId() + "/conversations").then().statusCode(200);
    api(gladly).get("/api/v1/conversation-items/nope").then().statusCode(404);
    gladly.customer().sendEmail("martha@example.com", "support@acme.example", "Hi", "Help");
    gladly.customer().sendSms("+17244895501", "+15550100", "Help");

    Gladly.assertPayloadsConform(gladly);
    assertThat(ConformanceFilter.CHECKED.get() - before).isGreaterThanOrEqualTo(30);
    assertThat(gladly.deliveries()).extracting(d -> d.eventType()).contains("AUTOMATION/MESSAGE_RECEIVED", "AUTOMATION/MESSAGE_SENT",
        "CONVERSATION/CREATED", "CONTACT/MESSAGE_SENT", "CONVERSATION/NOTE_CREATED", "CONVERSATION/TOPIC_ADDED",
        "CONVERSATION/TOPIC_REMOVED", "CONVERSATION_ASSIGNEE/UPDATED", "CONVERSATION/CLOSED", "CONVERSATION/REOPENED",
        "MESSAGE/RECEIVED", "CONTACT/MESSAGE_RECEIVED");
  }

  @Test
  void the_simulator_accepts_exactly_the_event_types_of_the_spec() throws Exception {
    var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(getClass().getResourceAsStream("/openapi/openapi.json"))
        .at("/paths/~1api~1v1~1webhooks~1{webhookId}/patch/requestBody/content/application~1json/schema/allOf/0/properties/events/items/enum");
    java.util.Set<String> documented = new java.util.HashSet<>();
    node.forEach(n -> documented.add(n.asText()));
    assertThat(dev.sidekick.gladlysim.api.WebhookEvents.DOCUMENTED).isEqualTo(documented);
  }

  @Test
  void the_known_spec_inconsistencies_are_written_down() {
    assertThat(OpenApiConformance.EXCEPTIONS).hasSizeGreaterThanOrEqualTo(5);
  }
}
