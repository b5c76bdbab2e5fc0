package dev.sidekick.runtime.catchup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which customer messages of a stretch of Gladly's events nothing answered within it. */
class UnansweredTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SIDEKICK = "sidekick-agent";
  private int clock;

  @Test
  void a_message_followed_by_a_message_sent_in_its_conversation_was_answered() {
    CatchUp.Unanswered u = new CatchUp.Unanswered(SIDEKICK);
    u.see(contact("CONTACT/MESSAGE_RECEIVED", "c1", "m1"));
    u.see(contact("CONTACT/MESSAGE_RECEIVED", "c2", "m2"));
    u.see(assignee("c1", SIDEKICK)); // Sidekick claims it before replying: not an answer yet
    u.see(contact("CONTACT/MESSAGE_SENT", "c1", "r1"));
    assertThat(ids(u.messages())).containsExactly("m2");
  }

  @Test
  void a_conversation_closed_routed_or_taken_by_a_human_is_left_to_them() {
    CatchUp.Unanswered u = new CatchUp.Unanswered(SIDEKICK);
    u.see(contact("CONTACT/MESSAGE_RECEIVED", "closed", "m1"));
    u.see(contact("CONTACT/MESSAGE_RECEIVED", "human", "m2"));
    u.see(contact("CONTACT/MESSAGE_RECEIVED", "inbox", "m3"));
    u.see(contact("CONTACT/MESSAGE_RECEIVED", "open", "m4"));
    u.see(conversation("CONVERSATION/CLOSED", "closed"));
    u.see(assignee("human", "hank"));
    u.see(assignee("inbox", null));
    assertThat(ids(u.messages())).containsExactly("m4");
  }

  @Test
  void a_chat_message_is_answered_by_a_bot_message_of_its_session_or_by_its_hand_off() {
    CatchUp.Unanswered u = new CatchUp.Unanswered(SIDEKICK);
    u.see(automation("AUTOMATION/MESSAGE_RECEIVED", "s1", "c1", "m1"));
    u.see(automation("AUTOMATION/MESSAGE_RECEIVED", "s2", "c2", "m2"));
    u.see(automation("AUTOMATION/MESSAGE_RECEIVED", "s3", "c3", "m3"));
    u.see(automation("AUTOMATION/MESSAGE_SENT", "s1", "c1", "b1"));
    u.see(conversation("CONVERSATION/CREATED", "c2"));
    assertThat(ids(u.messages())).containsExactly("m3");
  }

  @Test
  void a_message_after_the_answer_is_unanswered_again() {
    CatchUp.Unanswered u = new CatchUp.Unanswered(SIDEKICK);
    u.see(contact("CONTACT/MESSAGE_RECEIVED", "c1", "m1"));
    u.see(contact("CONTACT/MESSAGE_SENT", "c1", "r1"));
    u.see(contact("CONTACT/MESSAGE_RECEIVED", "c1", "m2"));
    assertThat(ids(u.messages())).containsExactly("m2");
  }

  private JsonNode contact(String type, String conversation, String message) {
    ObjectNode content = JSON.createObjectNode().put("conversationId", conversation).put("messageId", message);
    return event(type, message, content);
  }

  private JsonNode automation(String type, String session, String conversation, String message) {
    ObjectNode content = JSON.createObjectNode().put("sessionId", session).put("conversationId", conversation);
    content.putObject("message").put("id", message);
    return event(type, message, content);
  }

  private JsonNode conversation(String type, String conversation) {
    return event(type, "e" + clock, JSON.createObjectNode().put("conversationId", conversation));
  }

  private JsonNode assignee(String conversation, String agent) {
    ObjectNode content = JSON.createObjectNode().put("conversationId", conversation);
    ObjectNode a = content.putObject("assignee").put("inboxId", "support");
    if (agent != null) {
      a.put("agentId", agent);
    }
    return event("CONVERSATION_ASSIGNEE/UPDATED", "e" + clock, content);
  }

  private JsonNode event(String type, String id, ObjectNode content) {
    ObjectNode e = JSON.createObjectNode().put("id", id).put("type", type)
        .put("timestamp", String.format("2024-05-01T10:00:%02dZ", clock++));
    e.set("content", content);
    return e;
  }

  private static List<String> ids(List<JsonNode> events) {
    return events.stream().map(e -> e.path("id").asText()).toList();
  }
}
