package dev.sidekick.runtime.messaging;

import static dev.sidekick.runtime.support.SimulatedGladly.EMAIL_ENTRY_POINT;
import static dev.sidekick.runtime.support.SimulatedGladly.SMS_ENTRY_POINT;
import static dev.sidekick.runtime.support.SimulatedGladly.US_KEY;
import static dev.sidekick.runtime.support.SimulatedGladly.sim;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import dev.sidekick.gladlysim.state.Conversation;
import dev.sidekick.gladlysim.state.Item;
import dev.sidekick.runtime.support.Events;
import dev.sidekick.runtime.support.SimulatedGladly;
import dev.sidekick.runtime.support.Webhooks;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Email and SMS customers: Sidekick claims and answers, hands off, or leaves conversations alone. */
@QuarkusTest
@WithTestResource(SimulatedGladly.class)
class MessagingTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @BeforeEach
  void ready() {
    Webhooks.startClean(WAIT);
  }

  @AfterEach
  void removeWebhooks() {
    Webhooks.removeAll();
  }

  @Test
  void an_email_customer_gets_a_reply_and_the_conversation_is_assigned_to_the_sidekick_agent() {
    Webhooks.register("us-store", "messaging", US_KEY, "MESSAGE/RECEIVED");
    String id = sim().customer().sendEmail("gus@example.com", EMAIL_ENTRY_POINT, "Shipping question", "How long does shipping take?");

    await().atMost(WAIT).until(() -> replies(id).size() == 1);
    Conversation.View conversation = sim().state().conversation(id);
    assertThat(replies(id).get(0).text())
        .startsWith("Standard shipping takes 3-5 business days")
        .endsWith("Melissa");
    assertThat(replies(id).get(0).contentType()).isEqualTo("EMAIL");
    assertThat(conversation.agentId()).isEqualTo(sim().state().agent(SimulatedGladly.SIDEKICK_EMAIL).id());
  }

  @Test
  void an_sms_through_CONTACT_MESSAGE_RECEIVED_gets_a_reply() {
    Webhooks.register("us-store", "messaging", US_KEY, "CONTACT/MESSAGE_RECEIVED");
    String id = sim().customer().sendSms("+15555550123", SMS_ENTRY_POINT, "what are your business hours");

    await().atMost(WAIT).until(() -> replies(id).size() == 1);
    assertThat(replies(id).get(0).contentType()).isEqualTo("SMS");
    assertThat(replies(id).get(0).text()).contains("Monday to Friday");
  }

  @Test
  void an_email_the_knowledge_base_cannot_answer_goes_to_the_endpoints_inbox_with_a_note_and_the_topic() {
    Webhooks.register("us-store", "messaging", US_KEY, "MESSAGE/RECEIVED");
    String id = sim().customer().sendEmail("hal@example.com", EMAIL_ENTRY_POINT, "Partnership", "Do you sponsor local football clubs?");

    await().atMost(WAIT).until(() -> !sim().state().conversation(id).notes().isEmpty()
        && !sim().state().conversation(id).topicIds().isEmpty());
    Conversation.View conversation = sim().state().conversation(id);
    assertThat(conversation.inboxId()).isEqualTo(sim().state().inboxId("Support"));
    assertThat(conversation.agentId()).isNull();
    assertThat(conversation.topicIds()).contains(sim().state().topicId("Sidekick: handed off"));
    assertThat(conversation.notes().get(0).text()).contains("Do you sponsor local football clubs?");
    assertThat(replies(id)).isEmpty();

    // Once handed off, the conversation belongs to humans.
    sim().customer().sendEmail("hal@example.com", EMAIL_ENTRY_POINT, "Re: Partnership", "Also, where is my order?");
    awaitDelivered(id, 2);
    assertThat(replies(id)).isEmpty();
  }

  @Test
  void a_handed_off_conversation_that_was_closed_and_reopened_is_answered_again() {
    Webhooks.register("us-store", "messaging", US_KEY, "MESSAGE/RECEIVED");
    String id = sim().customer().sendEmail("lou@example.com", EMAIL_ENTRY_POINT, "Hello", "Can I speak to someone about a complaint?");
    await().atMost(WAIT).until(() -> !sim().state().conversation(id).topicIds().isEmpty());
    sim().admin().closeConversation(id);

    sim().customer().sendEmail("lou@example.com", EMAIL_ENTRY_POINT, "Another thing", "What are your opening hours?");

    await().atMost(WAIT).until(() -> replies(id).size() == 1);
    assertThat(replies(id).get(0).text()).contains("Monday to Friday");
    assertThat(sim().state().conversation(id).topicIds()).doesNotContain(sim().state().topicId("Sidekick: handed off"));
  }

  @Test
  void a_thank_you_in_a_thread_is_a_goodbye_not_a_question_about_the_threads_subject() {
    Webhooks.register("us-store", "messaging", US_KEY, "MESSAGE/RECEIVED");
    String id = sim().customer().sendEmail("kit@example.com", EMAIL_ENTRY_POINT, "Hours", "What are your opening hours?");
    await().atMost(WAIT).until(() -> replies(id).size() == 1);

    sim().customer().sendEmail("kit@example.com", EMAIL_ENTRY_POINT, "Re: Hours", "Thanks, that's all!");

    await().atMost(WAIT).until(() -> "CLOSED".equals(sim().state().conversation(id).status()));
    assertThat(replies(id)).hasSize(2);
    assertThat(replies(id).get(1).text()).doesNotContain("Monday to Friday");
  }

  @Test
  void a_conversation_owned_by_a_human_agent_is_left_alone() {
    String id = sim().customer().sendEmail("ida@example.com", EMAIL_ENTRY_POINT, "Order", "Where is my order?");
    sim().admin().assignToAgent(id, "hank@acme.example");
    Webhooks.register("us-store", "messaging", US_KEY, "MESSAGE/RECEIVED");

    sim().customer().sendEmail("ida@example.com", EMAIL_ENTRY_POINT, "Re: Order", "Hank, where is my order?");

    awaitDelivered(id, 1);
    assertThat(replies(id)).isEmpty();
    assertThat(sim().state().conversation(id).agentId()).isEqualTo(sim().state().agent("hank@acme.example").id());
  }

  @Test
  void a_closed_conversation_is_left_alone() {
    String id = sim().customer().sendEmail("jo@example.com", EMAIL_ENTRY_POINT, "Order", "Where is my order?");
    String item = sim().state().conversation(id).messages().get(0).id();
    sim().admin().closeConversation(id);
    int calls = sim().apiCalls().count("POST", "/api/v1/conversation-items/*/reply");

    given().header("x-api-key", US_KEY).contentType(ContentType.JSON)
        .body(Events.messageReceived(Events.newId(), id, item))
        .post("/gladly/us-store/messaging")
        .then().statusCode(200).body("outcome", is("left_alone"));

    assertThat(sim().apiCalls().count("POST", "/api/v1/conversation-items/*/reply")).isEqualTo(calls);
    assertThat(sim().state().conversation(id).status()).isEqualTo("CLOSED");
  }

  /**
   * Gladly delivers every message to every MESSAGING webhook: an SMS waiting in the Returns inbox that reaches Sidekick
   * through us-store's webhook is still handled as basic-store, whose inbox it is, and handed off there.
   */
  @Test
  void a_message_is_answered_as_the_endpoint_that_owns_its_inbox_whichever_webhook_delivered_it() {
    Webhooks.register("us-store", "messaging", US_KEY, "MESSAGE/RECEIVED");
    String id = sim().customer().sendSms("+15557770001", SMS_ENTRY_POINT, "I want to talk to a person");

    await().atMost(WAIT).until(() -> !sim().state().conversation(id).notes().isEmpty());
    assertThat(sim().state().conversation(id).inboxId()).as("basic-store's hand-off inbox")
        .isEqualTo(sim().state().inboxId("Returns"));
    assertThat(replies(id)).isEmpty();
  }

  @Test
  void basic_credentials_are_required_when_the_endpoint_asks_for_them() {
    String id = sim().customer().sendEmail("kim@example.com", EMAIL_ENTRY_POINT, "Hours", "What are your opening hours?");
    String item = sim().state().conversation(id).messages().get(0).id();
    String body = Events.messageReceived(Events.newId(), id, item);

    given().header("x-api-key", SimulatedGladly.BASIC_KEY).contentType(ContentType.JSON).body(body)
        .post("/gladly/basic-store/messaging").then().statusCode(401);
    given().header("x-api-key", SimulatedGladly.BASIC_KEY).auth().preemptive().basic("gladly", "wrong")
        .contentType(ContentType.JSON).body(body)
        .post("/gladly/basic-store/messaging").then().statusCode(401);
    given().header("x-api-key", SimulatedGladly.BASIC_KEY)
        .auth().preemptive().basic(SimulatedGladly.BASIC_USER, SimulatedGladly.BASIC_PASSWORD)
        .contentType(ContentType.JSON).body(body)
        .post("/gladly/basic-store/messaging").then().statusCode(200).body("outcome", is("answered"));
    assertThat(replies(id)).hasSize(1);
  }

  /** Sidekick's replies in a conversation: items that are neither the customer's nor notes. */
  static List<Item> replies(String conversationId) {
    return sim().state().conversation(conversationId).messages().stream().filter(i -> !i.isCustomerMessage()).toList();
  }

  private static void awaitDelivered(String conversationId, int count) {
    await().atMost(WAIT).until(() -> sim().deliveries().stream()
        .filter(d -> d.succeeded() && d.requestBody().contains(conversationId)).count() >= count);
  }
}
