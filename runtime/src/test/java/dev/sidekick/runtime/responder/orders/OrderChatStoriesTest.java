package dev.sidekick.runtime.responder.orders;

import static dev.sidekick.runtime.support.SimulatedGladly.CHAT_ENTRY_POINT;
import static dev.sidekick.runtime.support.SimulatedGladly.SHOP_KEY;
import static dev.sidekick.runtime.support.SimulatedGladly.shop;
import static dev.sidekick.runtime.support.SimulatedGladly.sim;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sidekick.gladlysim.control.CustomerActions;
import dev.sidekick.gladlysim.control.Fault;
import dev.sidekick.gladlysim.state.Conversation;
import dev.sidekick.runtime.support.SimulatedGladly;
import dev.sidekick.runtime.support.Webhooks;
import dev.sidekick.shopsim.control.ShopFault;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Chat customers ask about their orders on the shop-store endpoint, whose commerce backend is the simulated Shopify
 * shop (seed "acme"): the Gladly simulator delivers each message, the runtime looks the order up in the shop and
 * answers through Gladly. Martha is known to both simulators; Jane has two orders on their way; Bo has a delivered
 * and a cancelled order.
 */
@QuarkusTest
@WithTestResource(SimulatedGladly.class)
class OrderChatStoriesTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String PROFILE = "/api/v1/customer-profiles/*";

  @BeforeEach
  void shopStoreOnly() {
    Webhooks.startClean(WAIT);
    Webhooks.register("shop-store", "chat", SHOP_KEY, "AUTOMATION/MESSAGE_RECEIVED");
    shop().reset();
  }

  @AfterEach
  void removeWebhooks() {
    Webhooks.removeAll();
    shop().faults().clear();
  }

  private static CustomerActions.Chat chat(String email) {
    return sim().customer().startChat(CHAT_ENTRY_POINT, email);
  }

  private static String answerTo(CustomerActions.Chat chat, String message) {
    int before = chat.answers().size();
    chat.say(message);
    await().atMost(WAIT).until(() -> chat.answers().size() > before || chat.session().handedOff());
    List<String> answers = chat.answers();
    return answers.size() > before ? answers.get(answers.size() - 1) : "";
  }

  private static String note(CustomerActions.Chat chat) {
    await().atMost(WAIT).until(() -> !chat.conversation().notes().isEmpty());
    return chat.conversation().notes().get(0).text();
  }

  @Test
  void a_verified_customer_gets_the_tracking_of_their_order_in_transit_from_one_shopify_query() {
    CustomerActions.Chat martha = chat("martha@example.com");

    String answer = answerTo(martha, "Hi, where is my order?");

    assertThat(answer).startsWith("Your order #1010 (Hiking Boots) is on its way with UPS. "
            + "Track it here: https://www.ups.com/track?tracknum=1Z999AA10123456800")
        .contains("Expected delivery: ");
    assertThat(shop().calls().count()).as("one Shopify query for the lookup").isEqualTo(1);
    assertThat(martha.session().handedOff()).isFalse();
    // "it" is the order she was just told about, which has not arrived yet
    assertThat(answerTo(martha, "can I return it?")).isEqualTo("Your order #1010 (Hiking Boots) hasn't been delivered "
        + "yet. Once it arrives you can return it within the return window.");
    String metrics = given().get("/q/metrics").asString();
    assertThat(metrics)
        .contains("sidekick_orders_total{endpoint=\"shop-store\",intent=\"status\",outcome=\"answered\"}")
        .contains("sidekick_orders_total{endpoint=\"shop-store\",intent=\"return\",outcome=\"answered\"}")
        .contains("sidekick_commerce_calls_seconds_count{endpoint=\"shop-store\",outcome=\"ok\"}")
        .doesNotContain("1Z999AA10123456800").doesNotContain("martha@example.com");
  }

  @Test
  void a_customer_with_two_open_orders_picks_one_from_a_menu() {
    CustomerActions.Chat jane = chat("jane.doe@example.com");

    String prompt = answerTo(jane, "where's my order?");

    assertThat(prompt).isEqualTo("Which order do you mean?");
    Conversation.ChatLine menu = jane.messages().stream().filter(l -> !l.menuItems().isEmpty()).findFirst().orElseThrow();
    assertThat(menu.menuItems()).extracting(Conversation.MenuItem::label)
        .containsExactly("#1002 · Merino Socks (3 pack) · not shipped yet", "#1001 · Trail Runner 2 · on its way");

    int before = jane.answers().size();
    jane.pick(menu.menuItems().get(1).id());
    await().atMost(WAIT).until(() -> jane.answers().size() > before);

    assertThat(jane.answers().get(before)).startsWith("Your order #1001 (Trail Runner 2) is on its way with UPS.");
    assertThat(shop().calls().count()).as("one query per lookup: the contact's orders, then the picked one").isEqualTo(2);
  }

  @Test
  void an_unverified_customer_is_asked_for_the_order_number_and_email_and_then_answered() {
    CustomerActions.Chat ann = chat("ann.unknown@example.net");

    String ask = answerTo(ann, "where is my order?");
    assertThat(ask).isEqualTo("I can look that up for you. Please send me your order number and the email address or "
        + "postal code on the order.");

    String answer = answerTo(ann, "It's #1003, bo.wang@example.com");

    assertThat(answer).startsWith("Your order #1003 (Camp Stove and 1 more item) was delivered on ").contains("with USPS.");
    // the next question of the conversation goes on about the proven order without asking again
    assertThat(answerTo(ann, "great, can I return it?")).startsWith("Your order #1003 (Camp Stove and 1 more item) can "
        + "be returned until ");
  }

  @Test
  void a_wrong_email_three_times_hands_off_and_nothing_about_the_order_is_disclosed() {
    CustomerActions.Chat guesser = chat("guesser@example.net");
    answerTo(guesser, "where is my order?");

    String first = answerTo(guesser, "#1001 a@example.com");
    String second = answerTo(guesser, "order 1001, email b@example.com");
    answerTo(guesser, "1001 c@example.com");

    await().atMost(WAIT).until(() -> guesser.session().handedOff());
    assertThat(first).isEqualTo(second).startsWith("I couldn't find an order with that number and email address");
    assertThat(guesser.answers()).last().isEqualTo("I'm sorry, I couldn't verify that order. A member of our team will "
        + "help you from here.");
    assertThat(String.join("\n", guesser.answers()))
        .doesNotContain("Trail Runner", "UPS", "Ottawa", "K2P", "on its way", "1Z999");
    assertThat(note(guesser)).contains("did not match 3 times").doesNotContain("Trail Runner", "UPS", "K2P", "1Z999");
    assertThat(guesser.session().description()).contains("could not be verified");
  }

  @Test
  void someone_elses_order_number_gets_the_same_answer_as_an_order_that_does_not_exist() {
    String bos = answerTo(chat("jane.doe@example.com"), "where is order #1003?");
    String none = answerTo(chat("jane.doe@example.com"), "where is order #4242?");

    assertThat(bos).isEqualTo(none).startsWith("I can look that up for you.").doesNotContain("Camp Stove", "USPS");
  }

  @Test
  void a_delivered_order_and_a_cancelled_one_are_told_as_such() {
    assertThat(answerTo(chat("bo.wang@example.com"), "where is my order #1003?"))
        .startsWith("Your order #1003 (Camp Stove and 1 more item) was delivered on ").contains("with USPS.");
    assertThat(answerTo(chat("bo.wang@example.com"), "where is my order 1004?"))
        .startsWith("Your order #1004 (Hammock) was cancelled on ")
        .endsWith("A refund of 79.00 USD was issued to your original payment method.");
  }

  @Test
  void a_customer_who_wants_to_return_what_they_bought_is_told_whether_and_how() {
    assertThat(answerTo(chat("bo.wang@example.com"), "I'd like to return my purchase"))
        .startsWith("Your order #1003 (Camp Stove and 1 more item) can be returned until ")
        .contains("You can start the return here: https://acme-outfitters.myshopify.com/");
    // a general question about returns needs no order data: the knowledge base answers, and the shop is not asked
    shop().reset();
    CustomerActions.Chat general = chat("bo.wang@example.com");
    general.say("what's your return policy?");
    await().atMost(WAIT).until(() -> general.messages().stream().anyMatch(l -> !l.menuItems().isEmpty()));
    assertThat(general.answers()).startsWith("Happy to help with a return. What would you like to do?");
    assertThat(shop().calls().count()).isZero();
  }

  @Test
  void a_message_that_needs_no_order_data_asks_neither_the_shop_nor_gladly_for_the_customer() {
    int profiles = sim().apiCalls().count("GET", PROFILE);

    assertThat(answerTo(chat("martha@example.com"), "what are your opening hours?")).contains("Monday to Friday");
    assertThat(answerTo(chat("martha@example.com"), "How long does shipping take?")).startsWith("Standard shipping");

    assertThat(shop().calls().count()).isZero();
    assertThat(sim().apiCalls().count("GET", PROFILE)).isEqualTo(profiles);
  }

  @Test
  void a_request_to_cancel_is_handed_off_with_the_customers_open_orders_in_the_note() {
    CustomerActions.Chat jane = chat("jane.doe@example.com");

    String told = answerTo(jane, "Please cancel my order");

    await().atMost(WAIT).until(() -> jane.session().handedOff());
    assertThat(told).isEqualTo("I've passed your request to cancel to our team. A member of our team will follow up "
        + "with you shortly.");
    assertThat(note(jane)).contains("the customer asked to cancel an order")
        .contains("- #1002 (Merino Socks (3 pack)): not shipped yet")
        .contains("- #1001 (Trail Runner 2): on its way")
        .doesNotContain("K2P", "Ottawa");
  }

  @Test
  void a_shop_that_fails_hands_the_customer_to_a_person_with_a_note_saying_what_could_not_be_looked_up() {
    shop().faults().add(ShopFault.status(500).times(10));
    CustomerActions.Chat martha = chat("martha@example.com");

    String told = answerTo(martha, "where is my order?");

    await().atMost(WAIT).until(() -> martha.session().handedOff());
    assertThat(told).isEqualTo("I can't look up your order right now. A member of our team will follow up with you shortly.");
    assertThat(note(martha)).contains("could not look up the customer's orders: the shop's API failed")
        .contains("where their order is");
  }

  @Test
  void a_throttled_shop_is_a_hand_off_too() {
    shop().faults().add(ShopFault.throttled().times(10));
    CustomerActions.Chat martha = chat("martha@example.com");

    assertThat(answerTo(martha, "where is my order?")).startsWith("I can't look up your order right now.");
    await().atMost(WAIT).until(() -> martha.session().handedOff());
    assertThat(note(martha)).contains("the shop's API rate limit was reached");
  }

  @Test
  void a_slow_shop_is_a_hand_off_within_gladlys_delivery_limit() {
    shop().faults().add(ShopFault.latency(Duration.ofSeconds(30)).times(10));
    CustomerActions.Chat martha = chat("martha@example.com");
    long start = System.nanoTime();

    assertThat(answerTo(martha, "where is my order?")).startsWith("I can't look up your order right now.");
    await().atMost(WAIT).until(() -> martha.session().handedOff());

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    assertThat(note(martha)).contains("the shop did not answer in time");
    assertThat(sim().deliveries().stream().filter(d -> d.requestBody().contains(martha.sessionId())))
        .allSatisfy(d -> assertThat(d.statusCode()).isEqualTo(200));
  }

  @Test
  void with_a_model_answering_an_order_question_is_still_answered_from_the_shop_and_the_model_is_not_asked() {
    Webhooks.removeAll();
    Webhooks.register("llm-shop", "chat", SimulatedGladly.LLM_SHOP_KEY, "AUTOMATION/MESSAGE_RECEIVED");
    int asked = SimulatedGladly.model().chatRequests().size();

    assertThat(answerTo(chat("martha@example.com"), "where is my order?"))
        .startsWith("Your order #1010 (Hiking Boots) is on its way with UPS.");
    assertThat(SimulatedGladly.model().chatRequests()).hasSize(asked);
    // a question without order data still goes to the model
    assertThat(answerTo(chat("martha@example.com"), "How long does shipping take to Canada?"))
        .isEqualTo("The model says: How long does shipping take to Canada?");
  }

  @Test
  void a_redelivery_neither_asks_the_shop_again_nor_counts_a_failed_attempt_twice() {
    CustomerActions.Chat guesser = chat("twice@example.net");
    answerTo(guesser, "where is my order?");
    int calls = shop().calls().count();
    // the answer to the first wrong attempt cannot be sent: the runtime answers 503, and the event comes again
    sim().faults().add(Fault.on("POST", "/api/v1/message-automation/sessions/*/messages").status(503).times(1));

    String first = answerTo(guesser, "#1001 a@example.com");

    assertThat(first).startsWith("I couldn't find an order with that number");
    assertThat(shop().calls().count()).as("the redelivery used the decision already made").isEqualTo(calls + 1);
    // two attempts left, not one: the redelivery did not count the miss again
    answerTo(guesser, "#1001 b@example.com");
    assertThat(guesser.session().handedOff()).isFalse();
    answerTo(guesser, "#1001 c@example.com");
    await().atMost(WAIT).until(() -> guesser.session().handedOff());
  }
}
