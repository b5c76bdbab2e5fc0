package dev.sidekick.runtime.responder.orders;

import static dev.sidekick.runtime.support.SimulatedGladly.SHOP_EMAIL_ENTRY_POINT;
import static dev.sidekick.runtime.support.SimulatedGladly.SHOP_KEY;
import static dev.sidekick.runtime.support.SimulatedGladly.shop;
import static dev.sidekick.runtime.support.SimulatedGladly.sim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sidekick.gladlysim.state.Conversation;
import dev.sidekick.gladlysim.state.Item;
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
 * Email customers write to the shop brand's address (its conversations are in the Orders inbox, which the shop-store
 * endpoint owns) about their orders: the sender's address, as Gladly knows it, is who
 * order data may go to; several open orders are listed in the reply; proof is asked for in the reply and given in the
 * customer's next email of the same conversation.
 */
@QuarkusTest
@WithTestResource(SimulatedGladly.class)
class OrderEmailStoriesTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @BeforeEach
  void shopStoreOnly() {
    Webhooks.startClean(WAIT);
    Webhooks.register("shop-store", "messaging", SHOP_KEY, "MESSAGE/RECEIVED");
    shop().reset();
  }

  @AfterEach
  void removeWebhooks() {
    Webhooks.removeAll();
    shop().faults().clear();
  }

  private static List<Item> replies(String conversation) {
    return sim().state().conversation(conversation).messages().stream().filter(i -> !i.isCustomerMessage()).toList();
  }

  /** The customer's email, and Sidekick's reply to it (or "" when the conversation went to a person without one). */
  private static String[] email(String from, String body) {
    String id = sim().customer().sendEmail(from, SHOP_EMAIL_ENTRY_POINT, "My order", body);
    return new String[] {id, awaitReply(id, 0)};
  }

  private static String reply(String conversation, String body) {
    int before = replies(conversation).size();
    sim().customer().sendEmail(senderOf(conversation), SHOP_EMAIL_ENTRY_POINT, "Re: My order", body);
    return awaitReply(conversation, before);
  }

  private static String awaitReply(String conversation, int before) {
    await().atMost(WAIT).until(() -> replies(conversation).size() > before);
    return replies(conversation).get(replies(conversation).size() - 1).text();
  }

  private static String senderOf(String conversation) {
    String customer = sim().state().conversation(conversation).customerId();
    return sim().state().customers().stream().filter(c -> c.id().equals(customer)).findFirst().orElseThrow().email();
  }

  @Test
  void a_customer_writing_from_the_address_on_their_order_gets_its_tracking_in_the_reply() {
    String[] conversation = email("martha@example.com", "Hello, where is my order? Thanks, Martha");

    assertThat(conversation[1]).startsWith("Your order #1010 (Hiking Boots) is on its way with UPS. "
            + "Track it here: https://www.ups.com/track?tracknum=1Z999AA10123456800")
        .endsWith("Melissa");
    assertThat(sim().state().conversation(conversation[0]).agentId())
        .isEqualTo(sim().state().agent(SimulatedGladly.SIDEKICK_EMAIL).id());
    assertThat(shop().calls().count()).isEqualTo(1);
  }

  @Test
  void two_open_orders_are_listed_and_the_customer_answers_with_the_one_they_mean() {
    String[] conversation = email("jane.doe@example.com", "Hi, my order hasn't arrived yet. Where is it?");

    assertThat(conversation[1]).startsWith("Which order do you mean?\n\n"
        + "- #1002 · Merino Socks (3 pack) · not shipped yet\n- #1001 · Trail Runner 2 · on its way\n\n"
        + "Reply with one of the options above.");

    assertThat(reply(conversation[0], "The trail runners, #1001")).startsWith("Your order #1001 (Trail Runner 2) is on its "
        + "way with UPS.");
  }

  @Test
  void an_unknown_sender_is_asked_in_the_reply_for_the_order_number_and_email_and_then_answered() {
    String[] conversation = email("bo.at.work@example.org", "Where is my order? It's a camp stove.");
    assertThat(conversation[1]).startsWith("I can look that up for you. Please send me your order number and the email "
        + "address or postal code on the order.");

    assertThat(reply(conversation[0], "Sure: order 1003, my email there is bo.wang@example.com"))
        .startsWith("Your order #1003 (Camp Stove and 1 more item) was delivered on ");
  }

  @Test
  void a_wrong_email_three_times_goes_to_a_person_and_discloses_nothing() {
    String[] conversation = email("guess.work@example.org", "where is my order #1001?");
    reply(conversation[0], "#1001 first@example.com");
    reply(conversation[0], "#1001 second@example.com");
    String last = reply(conversation[0], "#1001 third@example.com");

    await().atMost(WAIT).until(() -> !sim().state().conversation(conversation[0]).notes().isEmpty());
    Conversation.View handedOff = sim().state().conversation(conversation[0]);
    assertThat(last).startsWith("I'm sorry, I couldn't verify that order.");
    assertThat(handedOff.inboxId()).isEqualTo(sim().state().inboxId("Orders"));
    assertThat(handedOff.agentId()).isNull();
    assertThat(replies(conversation[0])).extracting(Item::text)
        .noneMatch(t -> t.contains("Trail Runner") || t.contains("UPS") || t.contains("Ottawa"));
    assertThat(handedOff.notes().get(0).text()).contains("could not be verified").doesNotContain("Trail Runner", "K2P");
  }

  @Test
  void a_shop_that_fails_sends_the_email_to_a_person_with_a_note_and_tells_the_customer() {
    shop().faults().add(ShopFault.internalError().times(10));
    String[] conversation = email("carla@example.com", "Where is my tent? My order still hasn't arrived.");

    await().atMost(WAIT).until(() -> !sim().state().conversation(conversation[0]).notes().isEmpty());
    assertThat(conversation[1]).startsWith("I can't look up your order right now. A member of our team will follow up");
    Conversation.View handedOff = sim().state().conversation(conversation[0]);
    assertThat(handedOff.inboxId()).isEqualTo(sim().state().inboxId("Orders"));
    assertThat(handedOff.notes().get(0).text()).contains("could not look up the customer's orders: the shop's API failed");
  }
}
