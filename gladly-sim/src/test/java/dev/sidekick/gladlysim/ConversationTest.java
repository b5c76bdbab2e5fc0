package dev.sidekick.gladlysim;

import static dev.sidekick.gladlysim.testing.Gladly.SIDEKICK_AGENT_ID;
import static dev.sidekick.gladlysim.testing.Gladly.api;
import static dev.sidekick.gladlysim.testing.Gladly.createWebhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.sidekick.gladlysim.control.Receiver;
import dev.sidekick.gladlysim.state.Conversation;
import dev.sidekick.gladlysim.state.Item;
import dev.sidekick.gladlysim.testing.Gladly;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Email and SMS customers reach an inbox; an API user reads, claims, answers, notes, tags and closes their conversations. */
class ConversationTest {
  @RegisterExtension
  static final GladlySimExtension gladly = Gladly.acme();

  @AfterEach
  void payloadsConform() {
    Gladly.assertPayloadsConform(gladly);
  }

  private String firstItem(String conversationId) {
    return gladly.state().conversation(conversationId).items().get(0).id();
  }

  private String conversationPath(String id) {
    return "/api/v1/conversations/" + id;
  }

  @Test
  void an_email_raises_message_received_and_contact_message_received_with_what_the_api_then_shows() {
    createWebhook(gladly, "{\"url\":\"" + gladly.receiverUrl("/messaging") + "\",\"events\":[\"MESSAGE/RECEIVED\","
        + "\"CONTACT/MESSAGE_RECEIVED\"],\"enabled\":true}");
    String conversationId = gladly.customer().sendEmail("martha@example.com", "support@acme.example", "Order 123", "Where is it?");

    await().atMost(Duration.ofSeconds(5)).until(() -> gladly.receiver().requests("/messaging").size() == 3);
    List<Receiver.Request> events = gladly.receiver().requests("/messaging").subList(1, 3);
    Receiver.Request legacy = events.stream().filter(e -> e.type().equals("MESSAGE/RECEIVED")).findFirst().orElseThrow();
    Receiver.Request contact = events.stream().filter(e -> e.type().equals("CONTACT/MESSAGE_RECEIVED")).findFirst().orElseThrow();
    String itemId = legacy.json().at("/content/conversationItemId").asText();
    assertThat(contact.json().at("/content/messageId").asText()).isEqualTo(itemId);
    assertThat(contact.json().at("/content/channel").asText()).isEqualTo("EMAIL");
    assertThat(contact.json().at("/content/context/assignee/inboxId").asText()).isEqualTo(gladly.state().inboxId("Support"));

    String martha = gladly.state().customers().stream().filter(c -> "martha@example.com".equals(c.email())).findFirst().orElseThrow().id();
    api(gladly).get(conversationPath(conversationId)).then().statusCode(200)
        .body("customerId", equalTo(martha)).body("status", equalTo("OPEN")).body("agentId", nullValue());
    api(gladly).get("/api/v1/conversation-items/" + itemId).then().statusCode(200)
        .body("content.type", equalTo("EMAIL")).body("content.subject", equalTo("Order 123"))
        .body("content.content", equalTo("Where is it?")).body("initiator.type", equalTo("CUSTOMER"));
    api(gladly).get("/api/v1/customers/" + martha + "/conversations").then().statusCode(200).body("$", hasSize(1))
        .body("[0].id", equalTo(conversationId));
    api(gladly).get("/api/v1/customer-profiles/" + martha).then().statusCode(200).body("emails[0].original", equalTo("martha@example.com"));
    api(gladly).get("/api/v1/customer-profiles?email=martha@example.com").then().statusCode(200).body("$", hasSize(1));
  }

  @Test
  void sidekick_claims_an_sms_conversation_and_replies_and_the_customer_gets_it() {
    String conversationId = gladly.customer().sendSms("+17244895501", "+15550100", "Can I return shoes?");
    String returns = gladly.state().inboxId("Returns");
    api(gladly).body("{\"assignee\":{\"inboxId\":\"" + returns + "\",\"agentId\":\"" + SIDEKICK_AGENT_ID + "\"},\"status\":{\"value\":\"OPEN\"}}")
        .patch(conversationPath(conversationId)).then().statusCode(204);
    String location = api(gladly).body("{\"content\":{\"type\":\"SMS\",\"body\":\"Yes, within 30 days.\"}}")
        .post("/api/v1/conversation-items/" + firstItem(conversationId) + "/reply").then().statusCode(201)
        .extract().header("Location");

    api(gladly).get(location).then().statusCode(200).body("content.type", equalTo("SMS"))
        .body("content.content", equalTo("Yes, within 30 days.")).body("content.to", equalTo("+17244895501"))
        .body("initiator.id", equalTo(SIDEKICK_AGENT_ID));
    api(gladly).get(conversationPath(conversationId)).then().body("agentId", equalTo(SIDEKICK_AGENT_ID));
  }

  @Test
  void replies_follow_gladlys_rules() {
    String conversationId = gladly.customer().sendEmail("martha@example.com", "support@acme.example", "Hi", "Question");
    String item = "/api/v1/conversation-items/" + firstItem(conversationId) + "/reply";
    api(gladly).body("{\"content\":{\"body\":\"x\"}}").post(item).then().statusCode(400)
        .body("errors[0].attr", equalTo("content.type")).body("errors[0].code", equalTo("blank"));
    api(gladly).body("{\"content\":{\"type\":\"VOICEMAIL\",\"body\":\"x\"}}").post(item).then().statusCode(400)
        .body("errors[0].detail", equalTo("type [VOICEMAIL] is not supported"));
    api(gladly).body("{\"content\":{\"type\":\"SMS\",\"body\":\"x\"}}").post(item).then().statusCode(400)
        .body("errors[0].attr", equalTo("content.type"));
    api(gladly).body("{\"content\":{\"type\":\"EMAIL\",\"body\":\"" + "b".repeat(2049) + "\"}}").post(item).then().statusCode(400)
        .body("errors[0].code", equalTo("too_long")).body("errors[0].detail", equalTo("content.body cannot be larger than 2048 characters"));
    String reply = api(gladly).body("{\"content\":{\"type\":\"EMAIL\",\"body\":\"<p>Answer</p>\",\"bodyPlain\":\"Answer\"}}").post(item)
        .then().statusCode(201).extract().header("Location");
    api(gladly).body("{\"content\":{\"type\":\"EMAIL\",\"body\":\"x\"}}").post(reply + "/reply").then().statusCode(400)
        .body("errors[0].detail", equalTo("you can only reply to customer messages"));
    api(gladly).body("{\"status\":{\"value\":\"CLOSED\"}}").patch(conversationPath(conversationId)).then().statusCode(204);
    api(gladly).body("{\"content\":{\"type\":\"EMAIL\",\"body\":\"x\"}}").post(item).then().statusCode(400)
        .body("errors[0].detail", equalTo("you cannot reply to items in closed conversations"));
    api(gladly).body("{\"content\":{\"type\":\"EMAIL\",\"body\":\"x\"}}").post("/api/v1/conversation-items/nope/reply")
        .then().statusCode(404);
  }

  @Test
  void a_chat_reply_shows_up_in_the_customers_chat_window() {
    var chat = gladly.customer().startChat("chat-plain", "carol@example.com");
    chat.say("Is anyone there?");
    api(gladly).body("{\"content\":{\"type\":\"CHAT_MESSAGE\",\"body\":\"Yes! How can I help?\"}}")
        .post("/api/v1/conversation-items/" + firstItem(chat.conversationId()) + "/reply").then().statusCode(201);
    assertThat(chat.answers()).containsExactly("Yes! How can I help?");
  }

  @Test
  void patching_a_conversation_refuses_what_gladly_refuses() {
    String conversationId = gladly.customer().sendEmail("martha@example.com", "support@acme.example", "Hi", "Question");
    String support = gladly.state().inboxId("Support");
    String returns = gladly.state().inboxId("Returns");
    String hank = gladly.state().agent("hank@acme.example").id();
    String path = conversationPath(conversationId);

    api(gladly).body("{\"assignee\":{\"agentId\":\"" + hank + "\"},\"status\":{}}").patch(path).then().statusCode(400)
        .body("errors", hasSize(2))
        .body("errors[0].attr", equalTo("assignee.inboxId")).body("errors[0].code", equalTo("blank"))
        .body("errors[1].attr", equalTo("status.value"));
    api(gladly).body("{\"assignee\":{\"inboxId\":\"" + returns + "\",\"agentId\":\"" + hank + "\"}}").patch(path).then().statusCode(400)
        .body("errors[0].detail", equalTo("agent does not belong to inbox"));
    api(gladly).body("{\"status\":{\"value\":\"CLOSED\"}}").patch(path).then().statusCode(400)
        .body("errors[0].detail", containsString("customer waiting for response"));
    api(gladly).body("{\"status\":{\"value\":\"CLOSED\",\"force\":true}}").patch(path).then().statusCode(204);
    api(gladly).get(path).then().body("status", equalTo("CLOSED")).body("closedAt", notNullValue());
    api(gladly).body("{\"assignee\":{\"inboxId\":\"" + support + "\",\"agentId\":\"" + hank + "\"}}").patch(path).then().statusCode(400)
        .body("errors[0].detail", equalTo("closed conversation cannot be reassigned"));
    api(gladly).body("{\"assignee\":{\"inboxId\":\"" + support + "\",\"agentId\":\"" + hank + "\"},\"status\":{\"value\":\"OPEN\"}}")
        .patch(path).then().statusCode(204);
    api(gladly).get(path).then().body("status", equalTo("OPEN")).body("agentId", equalTo(hank));
    api(gladly).body("{\"status\":{\"value\":\"OPEN\"}}").patch(conversationPath("nope")).then().statusCode(404)
        .body("errors[0].code", equalTo("not_exist"));
    api(gladly).get(conversationPath("nope")).then().statusCode(404);
  }

  @Test
  void an_organization_that_requires_topics_refuses_to_close_without_one() {
    try (GladlySimulator strict = GladlySimulator.start(SimOptions.defaults().seed("sim/strict-topics.yaml").rateLimitEnabled(false))) {
      String conversationId = strict.customer().sendEmail("a@example.com", "help@strict.example", "Hi", "?");
      String path = strict.baseUrl() + conversationPath(conversationId);
      var given = io.restassured.RestAssured.given().auth().preemptive().basic("bot@strict.example", "bot-token")
          .contentType("application/json").filter(new dev.sidekick.gladlysim.testing.ConformanceFilter());
      given.body("{\"status\":{\"value\":\"CLOSED\",\"force\":true}}").patch(path).then().statusCode(400)
          .body("errors[0].detail", equalTo("topics are required before closing of conversation"));
      String topic = strict.state().topicId("Resolved");
      given.body("{\"topicIds\":[\"" + topic + "\"]}").post(path + "/topics").then().statusCode(204);
      given.body("{\"status\":{\"value\":\"CLOSED\",\"force\":true}}").patch(path).then().statusCode(204);
    }
  }

  @Test
  void notes_are_accepted_in_both_documented_shapes() {
    createWebhook(gladly, "{\"url\":\"" + gladly.receiverUrl("/notes") + "\",\"events\":[\"CONVERSATION/NOTE_CREATED\"],\"enabled\":true}");
    String conversationId = gladly.customer().sendEmail("martha@example.com", "support@acme.example", "Hi", "Question");
    String first = api(gladly).body("{\"content\":{\"body\":\"Bot summary: wants a refund\"}}").post(conversationPath(conversationId) + "/notes")
        .then().statusCode(201).extract().header("Location");
    api(gladly).body("{\"body\":\"Second note\"}").post(conversationPath(conversationId) + "/notes").then().statusCode(201);
    api(gladly).body("{\"content\":{\"body\":\"\"}}").post(conversationPath(conversationId) + "/notes").then().statusCode(400)
        .body("errors[0].code", equalTo("blank"));
    api(gladly).body("{\"content\":{\"body\":\"x\"}}").post(conversationPath("nope") + "/notes").then().statusCode(404);

    api(gladly).get(first).then().statusCode(200).body("content.type", equalTo("CONVERSATION_NOTE"))
        .body("content.body", equalTo("Bot summary: wants a refund"));
    assertThat(gladly.state().conversation(conversationId).notes()).extracting(Item::text)
        .containsExactly("Bot summary: wants a refund", "Second note");
    await().atMost(Duration.ofSeconds(5)).until(() -> gladly.receiver().requests("/notes").size() == 3);
  }

  @Test
  void topics_are_added_once_and_removed() {
    String conversationId = gladly.customer().sendEmail("martha@example.com", "support@acme.example", "Hi", "Question");
    String handedOff = gladly.state().topicId("Sidekick: handed off");
    String path = conversationPath(conversationId);
    api(gladly).body("{\"topicIds\":[\"" + handedOff + "\"]}").post(path + "/topics").then().statusCode(204);
    api(gladly).body("{\"topicIds\":[\"" + handedOff + "\"]}").post(path + "/topics").then().statusCode(204);
    api(gladly).get(path).then().body("topicIds", equalTo(List.of(handedOff)));
    api(gladly).body("{\"topicIds\":[\"unknown\"]}").post(path + "/topics").then().statusCode(400)
        .body("errors[0].attr", equalTo("topicIds"));
    api(gladly).body("{}").post(path + "/topics").then().statusCode(400);
    api(gladly).delete(path + "/topics/" + handedOff).then().statusCode(204);
    api(gladly).get(path).then().body("topicIds", nullValue());
    api(gladly).get(path + "/items").then().statusCode(200).body("content.type", equalTo(List.of("EMAIL", "TOPIC_CHANGE", "TOPIC_CHANGE")));
    Conversation.View view = gladly.state().conversation(conversationId);
    assertThat(view.topicIds()).isEmpty();
  }

  @Test
  void the_directory_tells_a_client_who_and_where_it_is() {
    api(gladly).get("/api/v1/organization").then().statusCode(200).body("name", equalTo("Acme")).body("id", equalTo("acme-org-id"));
    api(gladly).get("/api/v1/agents").then().statusCode(200).body("emailAddress", equalTo(List.of("sidekick@acme.example", "hank@acme.example")));
    api(gladly).get("/api/v1/agents/" + SIDEKICK_AGENT_ID).then().statusCode(200).body("name", equalTo("Melissa"));
    api(gladly).get("/api/v1/inboxes").then().statusCode(200).body("name", equalTo(List.of("Support", "Returns", "Old Queue")))
        .body("disabled", equalTo(List.of(false, false, true)));
    api(gladly).get("/api/v1/inboxes/" + gladly.state().inboxId("Returns")).then().statusCode(200).body("name", equalTo("Returns"));
    api(gladly).get("/api/v1/topics").then().statusCode(200).body("$", hasSize(3));
    api(gladly).get("/api/v1/topics/" + gladly.state().topicId("Returns")).then().statusCode(200).body("name", equalTo("Returns"));
  }
}
