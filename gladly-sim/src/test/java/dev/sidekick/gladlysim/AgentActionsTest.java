package dev.sidekick.gladlysim;

import static dev.sidekick.gladlysim.testing.Gladly.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.sidekick.gladlysim.control.CustomerActions;
import dev.sidekick.gladlysim.testing.Gladly;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a human agent does in Gladly's UI, as a client of the API finds it afterwards: items and events. */
class AgentActionsTest {
  private static final String HANK = "hank@acme.example";

  @RegisterExtension
  static final GladlySimExtension gladly = Gladly.acme();

  @AfterEach
  void payloadsConform() {
    Gladly.assertPayloadsConform(gladly);
  }

  @Test
  void an_agent_answers_an_email_and_the_conversation_becomes_theirs() {
    String conversation = gladly.customer().sendEmail("martha@example.com", "support@acme.example", "Parcel", "Where is it?");
    String reply = gladly.agent(HANK).reply(conversation, "Hi Martha, it ships tomorrow.");

    JsonPath items = api(gladly).get("/api/v1/conversations/" + conversation + "/items").then().statusCode(200).extract().jsonPath();
    assertThat(items.getString("[1].id")).isEqualTo(reply);
    assertThat(items.getString("[1].initiator.type")).isEqualTo("AGENT");
    assertThat(items.getString("[1].initiator.id")).isEqualTo(gladly.state().agent(HANK).id());
    assertThat(items.getString("[1].content.type")).isEqualTo("EMAIL");
    assertThat(items.getString("[1].content.subject")).isEqualTo("Re: Parcel");
    assertThat(items.getString("[1].content.content")).isEqualTo("Hi Martha, it ships tomorrow.");
    api(gladly).get("/api/v1/conversations/" + conversation).then().body("agentId", equalTo(gladly.state().agent(HANK).id()));
    assertThat(eventTypes()).contains("CONVERSATION_ASSIGNEE/UPDATED", "CONTACT/MESSAGE_SENT");
  }

  @Test
  void an_agent_answers_a_chat_after_the_bot_handed_it_over() {
    CustomerActions.Chat chat = gladly.customer().startChat("chat-plain", "tia@example.com");
    chat.say("is anyone there?");
    gladly.agent(HANK).reply(chat.conversationId(), "Yes, Hank here.");

    assertThat(chat.answers()).containsExactly("Yes, Hank here.");
    api(gladly).get("/api/v1/conversations/" + chat.conversationId() + "/items").then()
        .body("[1].content.type", equalTo("CHAT_MESSAGE")).body("[1].content.messageType", equalTo("TEXT"));
  }

  @Test
  void an_agent_transfers_a_conversation_to_another_inbox_and_another_closes_one() {
    String transferred = gladly.customer().sendEmail("tom@example.com", "support@acme.example", "Invoice", "Need a VAT invoice");
    String closed = gladly.customer().sendEmail("ann@example.com", "support@acme.example", "Thanks", "All good now, thanks!");
    gladly.agent(HANK).transfer(transferred, "Returns");
    gladly.agent(HANK).close(closed);

    api(gladly).get("/api/v1/conversations/" + transferred).then()
        .body("inboxId", equalTo(gladly.state().inboxId("Returns"))).body("agentId", nullValue());
    api(gladly).get("/api/v1/conversations/" + closed).then().body("status", equalTo("CLOSED"));
    api(gladly).get("/api/v1/conversations/" + closed + "/items").then()
        .body("[1].content.type", equalTo("CONVERSATION_STATUS_CHANGE")).body("[1].content.status", equalTo("CLOSED"))
        .body("[1].initiator.type", equalTo("AGENT"));
    JsonPath events = JsonPath.from("[" + String.join(",", eventLines()) + "]");
    List<String> transfers = events.getList("findAll { it.type == 'CONVERSATION_ASSIGNEE/UPDATED' }.content.assignee.inboxId");
    assertThat(transfers).contains(gladly.state().inboxId("Returns"));
  }

  private List<String> eventTypes() {
    return JsonPath.from("[" + String.join(",", eventLines()) + "]").getList("type");
  }

  private List<String> eventLines() {
    gladly.clock().advance(Duration.ofSeconds(20)); // the Events API is 15 s behind
    String since = Instant.now().plus(Duration.ofSeconds(20)).minus(Duration.ofHours(1)).toString();
    String body = api(gladly).queryParam("startAt", since).queryParam("entities", "CONVERSATION,CONTACT")
        .get("/api/v1/events").then().statusCode(200).extract().asString();
    return body.lines().filter(l -> !l.isBlank()).toList();
  }
}
