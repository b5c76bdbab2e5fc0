package dev.sidekick.runtime.responder;

import static dev.sidekick.runtime.support.SimulatedGladly.CHAT_ENTRY_POINT;
import static dev.sidekick.runtime.support.SimulatedGladly.EMAIL_ENTRY_POINT;
import static dev.sidekick.runtime.support.SimulatedGladly.EMB_KEY;
import static dev.sidekick.runtime.support.SimulatedGladly.US_KEY;
import static dev.sidekick.runtime.support.SimulatedGladly.sim;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sidekick.gladlysim.control.CustomerActions;
import dev.sidekick.gladlysim.state.Conversation;
import dev.sidekick.gladlysim.state.Item;
import dev.sidekick.runtime.support.SimulatedGladly;
import dev.sidekick.runtime.support.Webhooks;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sidekick answers like a careful agent, told as customers of the sample knowledge base live it through Gladly
 * (the simulator): paraphrases and typos are understood, a question next to an entry is handed off rather than
 * answered wrongly, two close entries are asked about, and the transfer reasons hand off with their name.
 */
@QuarkusTest
@WithTestResource(SimulatedGladly.class)
class AgentStoriesTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String ORDER_ANSWER =
      "You can follow your order at https://shop.example.com/orders: sign in and pick the order to see its tracking link.";
  private static final String SHIPPING_ANSWER =
      "Standard shipping takes 3-5 business days and is free over $50; express takes 1-2 days for $12.";

  @BeforeEach
  void registerWebhooks() {
    Webhooks.startClean(WAIT);
    Webhooks.register("us-store", "chat", US_KEY, "AUTOMATION/MESSAGE_RECEIVED");
    Webhooks.register("us-store", "messaging", US_KEY, "MESSAGE/RECEIVED");
  }

  @AfterEach
  void removeWebhooks() {
    Webhooks.removeAll();
  }

  private static CustomerActions.Chat chat(String customer, String says) {
    CustomerActions.Chat chat = sim().customer().startChat(CHAT_ENTRY_POINT, customer);
    chat.say(says);
    return chat;
  }

  /** The first menu Sidekick sent in the chat, once it has. */
  private static Conversation.ChatLine menuOf(CustomerActions.Chat chat) {
    await().atMost(WAIT).until(() -> chat.messages().stream().anyMatch(l -> !l.menuItems().isEmpty()));
    return chat.messages().stream().filter(l -> !l.menuItems().isEmpty()).findFirst().orElseThrow();
  }

  private static void pick(CustomerActions.Chat chat, Conversation.ChatLine menu, String label) {
    chat.pick(menu.menuItems().stream().filter(i -> i.label().equals(label)).findFirst().orElseThrow().id());
  }

  /** Sidekick's first reply in an e-mail conversation, once it has replied. */
  private static String firstReply(String conversation) {
    await().atMost(WAIT).until(
        () -> sim().state().conversation(conversation).messages().stream().anyMatch(i -> !i.isCustomerMessage()));
    return sim().state().conversation(conversation).messages().stream().filter(i -> !i.isCustomerMessage())
        .map(Item::text).findFirst().orElseThrow();
  }

  private static String noteOf(CustomerActions.Chat chat) {
    await().atMost(WAIT).until(() -> chat.session().handedOff() && !chat.conversation().notes().isEmpty());
    return chat.conversation().notes().get(0).text();
  }

  @Test
  void a_customer_who_words_the_question_their_own_way_gets_the_answer() {
    CustomerActions.Chat chat = chat("para@example.com", "how can I follow my order?");
    await().atMost(WAIT).until(() -> !chat.answers().isEmpty());
    assertThat(chat.answers()).containsExactly(ORDER_ANSWER);
  }

  @Test
  void a_customer_who_types_fast_and_badly_gets_the_answer() {
    CustomerActions.Chat chat = chat("typo@example.com", "frgot pasword");
    await().atMost(WAIT).until(() -> !chat.answers().isEmpty());
    assertThat(chat.answers()).containsExactly(
        "Reset your password at https://shop.example.com/account/reset; the link arrives by email within a minute.");
  }

  @Test
  void a_question_next_to_an_entry_is_handed_off_and_the_agent_learns_what_came_closest() {
    CustomerActions.Chat chat = chat("near@example.com", "cancel my order");
    String note = noteOf(chat);
    assertThat(chat.answers()).isEmpty();
    assertThat(chat.session().description()).contains("no confident answer").contains("order-status");
    assertThat(note)
        .contains("Closest knowledge-base entries:")
        .contains("order-status \"Where is my order?\"")
        .contains("lexical").contains("semantic")
        .contains("Customer: cancel my order");
  }

  @Test
  void two_close_entries_are_asked_about_and_the_customers_pick_is_answered() {
    CustomerActions.Chat chat = chat("menu@example.com", "how fast is it");
    Conversation.ChatLine menu = menuOf(chat);
    assertThat(menu.text()).isEqualTo("Did you mean one of these?");
    assertThat(menu.menuItems()).extracting(Conversation.MenuItem::label)
        .contains("Shipping times and costs", "Talk to a person").hasSizeBetween(3, 4);

    pick(chat, menu, "Shipping times and costs");

    await().atMost(WAIT).until(() -> chat.answers().contains(SHIPPING_ANSWER));
    assertThat(chat.session().handedOff()).isFalse();
  }

  @Test
  void talk_to_a_person_in_a_did_you_mean_menu_hands_off_as_an_explicit_request() {
    CustomerActions.Chat chat = chat("pick-person@example.com", "how fast is it");

    pick(chat, menuOf(chat), "Talk to a person");

    String note = noteOf(chat);
    assertThat(chat.session().description()).contains("asked for a human");
    assertThat(note).contains("Transfer reason: explicit-request");
  }

  @Test
  void a_customer_who_asks_for_a_manager_is_handed_off_with_that_reason() {
    CustomerActions.Chat chat = chat("boss@example.com", "Where is my order? Is there a manager I can talk to?");
    String note = noteOf(chat);
    assertThat(chat.answers()).isEmpty();
    assertThat(chat.session().description()).contains("asked for a manager or supervisor");
    assertThat(note).contains("Transfer reason: manager (the customer asked for a manager or supervisor)");
  }

  @Test
  void a_customer_writing_in_spanish_is_handed_off_to_someone_who_can_answer_in_spanish() {
    CustomerActions.Chat chat = chat("es@example.com", "¿Dónde está mi pedido? Lo pedí hace una semana");
    String note = noteOf(chat);
    assertThat(chat.answers()).isEmpty();
    assertThat(chat.session().description()).contains("language this knowledge base does not serve").contains("written in es");
    assertThat(note).contains("Transfer reason: language");
  }

  @Test
  void a_greeting_alone_is_greeted() {
    CustomerActions.Chat chat = chat("morning@example.com", "Good morning");
    await().atMost(WAIT).until(() -> !chat.answers().isEmpty());
    assertThat(chat.answers().get(0)).startsWith("Hi, I'm Melissa");
    assertThat(chat.session().handedOff()).isFalse();
  }

  @Test
  void an_email_worded_the_customers_own_way_gets_the_answer() {
    String id = sim().customer().sendEmail("mail-para@example.com", EMAIL_ENTRY_POINT, "Delivery",
        "Hello,\n\nI am about to buy a lamp. How many days does delivery usually take, and do I pay for it?\n\nThanks, Ann");
    assertThat(firstReply(id)).startsWith(SHIPPING_ANSWER);
  }

  @Test
  void an_email_with_a_quoted_thread_and_a_managers_signature_gets_the_answer_to_what_it_asks() {
    String id = sim().customer().sendEmail("ops@example.com", EMAIL_ENTRY_POINT, "Re: Delivery", """
        Hi team,

        I hope this email finds you well. We are ordering uniforms for the whole office next week.
        How long does standard shipping take, and is it free over a certain amount?

        Kind regards,
        Dana Whitfield
        Operations Manager
        Northwind Traders

        On Mon, 3 Mar 2026 at 10:14, Acme Support <help@acme.example> wrote:
        > Thanks for getting in touch. If anything goes wrong, ask for a manager.
        """);
    assertThat(firstReply(id)).startsWith(SHIPPING_ANSWER);
  }

  @Test
  void an_email_that_reports_a_problem_goes_to_a_person_with_what_it_resembles_and_what_it_asks() {
    String id = sim().customer().sendEmail("lost@example.com", EMAIL_ENTRY_POINT, "My order", """
        Hello,

        The tracking for my order says it was delivered on Tuesday, but nothing came. My neighbours have nothing either.
        Where is my parcel? Can you send it again?

        Thanks,
        Sam
        """);
    await().atMost(WAIT).until(() -> !sim().state().conversation(id).notes().isEmpty());
    String note = sim().state().conversation(id).notes().get(0).text();
    assertThat(note).contains("needs a person").contains("like built-in scenario delivered-not-received")
        .contains("Asked: Where is my parcel? / Can you send it again?");
    assertThat(sim().state().conversation(id).messages().stream().filter(i -> !i.isCustomerMessage())).isEmpty();
  }

  @Test
  void readiness_reports_that_none_of_the_knowledge_bases_own_examples_would_be_answered_wrongly() {
    // ready only once the examples are checked: the operator reads the report from any ready pod
    JsonPath after = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
    assertThat(after.getString("checks.find { it.name == 'knowledge-base' }.status")).isEqualTo("UP");
    assertThat(after.getInt("checks.find { it.name == 'knowledge-base' }.data.'us-store.wronglyAnswered'")).isZero();
    assertThat(after.getString("checks.find { it.name == 'knowledge-base' }.data.'us-store'"))
        .contains("wrong entry 0;").contains("built-in): answered");
    assertThat(given().get("/q/metrics").asString())
        .contains("sidekick_knowledge_base_examples{endpoint=\"us-store\",outcome=\"wrong_entry\"} 0.0");
  }

  @Test
  void an_endpoint_configured_with_an_embeddings_endpoint_answers_through_it() {
    Webhooks.removeAll();
    Webhooks.register("emb-store", "chat", EMB_KEY, "AUTOMATION/MESSAGE_RECEIVED");
    int before = SimulatedGladly.model().embeddingCalls();
    CustomerActions.Chat chat = chat("emb@example.com", "I forgot my password and cannot log in");
    await().atMost(WAIT).until(() -> !chat.answers().isEmpty());
    assertThat(chat.answers().get(0)).contains("account/reset");
    assertThat(SimulatedGladly.model().embeddingCalls()).isGreaterThan(before);
  }
}
