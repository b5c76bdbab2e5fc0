package dev.sidekick.gladlysim;

import static dev.sidekick.gladlysim.testing.Gladly.api;
import static dev.sidekick.gladlysim.testing.Gladly.createWebhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.sidekick.gladlysim.control.CustomerActions.Chat;
import dev.sidekick.gladlysim.control.Receiver;
import dev.sidekick.gladlysim.state.Conversation;
import dev.sidekick.gladlysim.state.Session;
import dev.sidekick.gladlysim.testing.Gladly;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A customer chats at an automation entry point; the bot answers through the message automation API. */
class AutomationSessionTest {
  @RegisterExtension
  static final GladlySimExtension gladly = Gladly.acme();

  @AfterEach
  void payloadsConform() {
    Gladly.assertPayloadsConform(gladly);
  }

  private String session(Chat chat) {
    return "/api/v1/message-automation/sessions/" + chat.sessionId();
  }

  private void send(Chat chat, String json, int status) {
    api(gladly).body(json).post(session(chat) + "/messages").then().statusCode(status);
  }

  @Test
  void the_bot_hears_the_customer_answers_with_text_and_a_menu_and_the_customer_picks_an_item() {
    createWebhook(gladly, "{\"url\":\"" + gladly.receiverUrl("/bot") + "\",\"events\":[\"AUTOMATION/MESSAGE_RECEIVED\","
        + "\"AUTOMATION/MESSAGE_SENT\"],\"enabled\":true}");
    Chat chat = gladly.customer().startChat("chat-us-store", "bob@example.com");
    chat.say("Hi, I need help");

    api(gladly).get(session(chat)).then().statusCode(200)
        .body("conversationId", equalTo(chat.conversationId()))
        .body("customerId", equalTo(chat.customerId()))
        .body("companyAddress", equalTo("chat-us-store"))
        .body("target.targetType", equalTo("AUTOMATION"));
    api(gladly).body("{\"state\":\"STARTED\"}").post(session(chat) + "/typing-indicators").then().statusCode(204);
    assertThat(chat.session().typing()).isEqualTo("STARTED");
    api(gladly).body("{\"type\":\"TEXT\",\"content\":{\"value\":\"Happy to help!\"}}").post(session(chat) + "/messages")
        .then().statusCode(200).body("type", equalTo("TEXT")).body("content.value", equalTo("Happy to help!"))
        .body("from.type", equalTo("AUTOMATION"));
    assertThat(chat.session().typing()).as("a message ends typing").isEqualTo("STOPPED");
    send(chat, "{\"type\":\"HTML\",\"content\":{\"value\":\"<p>See <a href='https://acme.example/faq'>our FAQ</a></p>\"}}", 200);
    send(chat, "{\"type\":\"MENU\",\"content\":{\"prompt\":\"What is it about?\",\"menuItems\":[{\"id\":\"order-status\",\"label\":\"Order status\"},"
        + "{\"id\":\"returns\",\"label\":\"Returns\"}]}}", 200);
    chat.pick("returns");

    assertThat(chat.answers()).containsExactly("Happy to help!", "<p>See <a href='https://acme.example/faq'>our FAQ</a></p>",
        "What is it about?");
    api(gladly).get(session(chat) + "/messages").then().statusCode(200).body("$", hasSize(5))
        .body("[4].content.value", equalTo("Returns")).body("[4].from.type", equalTo("CUSTOMER"));
    await().atMost(Duration.ofSeconds(5)).until(() -> gladly.receiver().requests("/bot").size() == 1 + 2 + 3);
    List<String> types = gladly.receiver().requests("/bot").stream().map(Receiver.Request::type).toList();
    assertThat(types).containsOnly("PING", "AUTOMATION/MESSAGE_RECEIVED", "AUTOMATION/MESSAGE_SENT");
    Receiver.Request picked = gladly.receiver().requests("/bot").get(gladly.receiver().requests("/bot").size() - 1);
    assertThat(picked.json().at("/content/message/content/body").asText()).as("a menu pick arrives as TEXT with the label")
        .isEqualTo("Returns");
  }

  @Test
  void bot_messages_outside_gladlys_limits_are_refused() {
    Chat chat = gladly.customer().startChat("chat-us-store", "bob@example.com");
    send(chat, "{\"type\":\"VIDEO\",\"content\":{\"value\":\"x\"}}", 400);
    send(chat, "{\"type\":\"TEXT\",\"content\":{\"value\":\"\"}}", 400);
    send(chat, "{\"type\":\"TEXT\",\"content\":{\"value\":\"" + "x".repeat(2049) + "\"}}", 400);
    send(chat, "{\"type\":\"TEXT\",\"content\":{\"value\":\"" + "x".repeat(2048) + "\"}}", 200);
    send(chat, "{\"type\":\"MENU\",\"content\":{\"prompt\":\"" + "p".repeat(51) + "\",\"menuItems\":[{\"id\":\"a\",\"label\":\"A\"}]}}", 400);
    send(chat, "{\"type\":\"MENU\",\"content\":{\"prompt\":\"Pick\",\"menuItems\":[]}}", 400);
    StringBuilder eleven = new StringBuilder();
    for (int i = 0; i < 11; i++) eleven.append(i == 0 ? "" : ",").append("{\"id\":\"i").append(i).append("\",\"label\":\"L\"}");
    send(chat, "{\"type\":\"MENU\",\"content\":{\"prompt\":\"Pick\",\"menuItems\":[" + eleven + "]}}", 400);
    send(chat, "{\"type\":\"MENU\",\"content\":{\"prompt\":\"Pick\",\"menuItems\":[{\"id\":\"bad id!\",\"label\":\"A\"}]}}", 400);
    send(chat, "{\"type\":\"MENU\",\"content\":{\"prompt\":\"Pick\",\"menuItems\":[{\"id\":\"a\",\"label\":\"" + "l".repeat(257) + "\"}]}}", 400);
    api(gladly).body("{\"state\":\"DANCING\"}").post(session(chat) + "/typing-indicators").then().statusCode(400);
    api(gladly).get("/api/v1/message-automation/sessions/nope").then().statusCode(404).body("errors[0].code", equalTo("not_exist"));
    api(gladly).body("{\"type\":\"TEXT\",\"content\":{\"value\":\"x\"}}").post("/api/v1/message-automation/sessions/nope/messages")
        .then().statusCode(404);
    api(gladly).get(session(chat) + "/messages/nope").then().statusCode(404);
  }

  @Test
  void a_handoff_puts_the_chat_with_its_transcript_in_the_entry_points_inbox() {
    createWebhook(gladly, "{\"url\":\"" + gladly.receiverUrl("/messaging") + "\",\"events\":[\"MESSAGE/RECEIVED\","
        + "\"CONTACT/MESSAGE_RECEIVED\"],\"enabled\":true}");
    Chat chat = gladly.customer().startChat("chat-us-store", "bob@example.com");
    chat.say("I want a human");
    // not in Gladly before the hand-off
    api(gladly).get("/api/v1/conversations/" + chat.conversationId()).then().statusCode(404);
    send(chat, "{\"type\":\"TEXT\",\"content\":{\"value\":\"Let me find someone.\"}}", 200);

    api(gladly).body("{\"description\":\"\"}").post(session(chat) + "/handoff").then().statusCode(400)
        .body("errors[0].attr", equalTo("description"));
    api(gladly).body("{\"description\":\"" + "d".repeat(241) + "\"}").post(session(chat) + "/handoff").then().statusCode(400);
    api(gladly).body("{\"description\":\"Customer asked for a human\"}").post(session(chat) + "/handoff").then().statusCode(204);

    String support = gladly.state().inboxId("Support");
    api(gladly).get("/api/v1/conversations/" + chat.conversationId()).then().statusCode(200)
        .body("inboxId", equalTo(support)).body("status", equalTo("OPEN"));
    api(gladly).get("/api/v1/conversations/" + chat.conversationId() + "/items").then().statusCode(200)
        .body("$", hasSize(2))
        .body("[0].content.content", equalTo("I want a human")).body("[0].initiator.type", equalTo("CUSTOMER"))
        .body("[1].content.content", equalTo("Let me find someone.")).body("[1].initiator.type", equalTo("AUTOMATION"));
    api(gladly).get(session(chat)).then().body("target.targetType", equalTo("AGENT"));
    Session.View session = chat.session();
    assertThat(session.handedOff()).isTrue();
    assertThat(session.description()).isEqualTo("Customer asked for a human");
    send(chat, "{\"type\":\"TEXT\",\"content\":{\"value\":\"too late\"}}", 400);
    api(gladly).body("{\"description\":\"again\"}").post(session(chat) + "/close").then().statusCode(400);

    String itemId = chat.say("Hello? Anyone?");
    await().atMost(Duration.ofSeconds(5)).until(() -> gladly.receiver().requests("/messaging").size() == 3);
    List<Receiver.Request> events = gladly.receiver().requests("/messaging").subList(1, 3);
    assertThat(events).extracting(Receiver.Request::type).containsExactlyInAnyOrder("MESSAGE/RECEIVED", "CONTACT/MESSAGE_RECEIVED");
    assertThat(events).extracting(r -> r.json().at("/content/conversationId").asText()).containsOnly(chat.conversationId());
    api(gladly).get("/api/v1/conversation-items/" + itemId).then().statusCode(200).body("content.content", equalTo("Hello? Anyone?"));
  }

  @Test
  void the_bot_closes_a_resolved_chat_and_the_next_message_starts_a_new_session() {
    Chat chat = gladly.customer().startChat("chat-us-store", "bob@example.com");
    chat.say("thanks, that's all");
    String first = chat.sessionId();
    api(gladly).body("{}").post(session(chat) + "/close").then().statusCode(400).body("errors[0].code", equalTo("blank"));
    api(gladly).body("{\"description\":\"Resolved by FAQ\"}").post(session(chat) + "/close").then().statusCode(204);
    assertThat(chat.session().closed()).isTrue();
    // a chat the bot closed is never routed to an inbox
    api(gladly).get("/api/v1/conversations/" + chat.conversationId()).then().statusCode(404);

    chat.say("one more thing");
    assertThat(chat.sessionId()).isNotEqualTo(first);
    assertThat(chat.session().state()).isEqualTo(Session.State.ACTIVE);
  }

  @Test
  void a_session_quiet_for_five_minutes_closes_without_routing() {
    Chat chat = gladly.customer().startChat("chat-us-store", "bob@example.com");
    chat.say("hello?");
    gladly.clock().advance(Duration.ofMinutes(4));
    assertThat(chat.session().state()).isEqualTo(Session.State.ACTIVE);
    send(chat, "{\"type\":\"TEXT\",\"content\":{\"value\":\"Still there?\"}}", 200);
    gladly.clock().advance(Duration.ofMinutes(4));
    assertThat(chat.session().state()).as("the bot's message counted as activity").isEqualTo(Session.State.ACTIVE);
    gladly.clock().advance(Duration.ofMinutes(1).plusSeconds(1));

    assertThat(chat.session().state()).isEqualTo(Session.State.IDLE_CLOSED);
    assertThat(chat.conversation().inAutomation()).isTrue();
    send(chat, "{\"type\":\"TEXT\",\"content\":{\"value\":\"late\"}}", 400);
    api(gladly).body("{\"description\":\"x\"}").post(session(chat) + "/handoff").then().statusCode(400);
  }

  @Test
  void chat_at_an_entry_point_without_automation_goes_straight_to_the_inbox() {
    createWebhook(gladly, "{\"url\":\"" + gladly.receiverUrl("/plain") + "\",\"events\":[\"AUTOMATION/MESSAGE_RECEIVED\","
        + "\"CONTACT/MESSAGE_RECEIVED\"],\"enabled\":true}");
    Chat chat = gladly.customer().startChat("chat-plain", "carol@example.com");
    assertThat(chat.sessionId()).isNull();
    chat.say("Hi there");
    await().atMost(Duration.ofSeconds(5)).until(() -> gladly.receiver().requests("/plain").size() == 2);
    assertThat(gladly.receiver().requests("/plain").get(1).type()).isEqualTo("CONTACT/MESSAGE_RECEIVED");
    Conversation.View conversation = chat.conversation();
    assertThat(conversation.inboxId()).isEqualTo(gladly.state().inboxId("Support"));
    assertThat(conversation.messages()).hasSize(1);
  }
}
