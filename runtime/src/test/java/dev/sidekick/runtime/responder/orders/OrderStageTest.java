package dev.sidekick.runtime.responder.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.runtime.responder.Reply;
import dev.sidekick.runtime.responder.knowledge.KnowledgeBase;
import dev.sidekick.runtime.responder.retrieval.Candidate;
import dev.sidekick.runtime.responder.retrieval.Decision;
import dev.sidekick.runtime.responder.retrieval.Ranking;
import dev.sidekick.runtime.responder.text.Segmenter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which messages the order stage takes to the order desk, and which go on to the knowledge base untouched (with a
 * conversation that records what it was asked, in place of a shop).
 */
class OrderStageTest {
  private static final Duration BUDGET = Duration.ofSeconds(5);
  private static final KnowledgeBase.Entry STATUS = entry("order-status", "Where is my order?", OrderIntent.STATUS);
  private static final KnowledgeBase.Entry RETURNS = entry("returns", "Returns, refunds and exchanges", OrderIntent.RETURN);
  private static final KnowledgeBase.Entry HOURS = new KnowledgeBase.Entry("hours", "Opening hours", List.of("hours"),
      List.of(), "9 to 5", List.of());
  private final OrderStage stage = new OrderStage(kb());

  private static KnowledgeBase.Entry entry(String id, String title, OrderIntent intent) {
    return new KnowledgeBase.Entry(id, title, List.of(id), List.of(), "written answer", List.of(), Optional.of(intent));
  }

  private static KnowledgeBase kb() {
    return new KnowledgeBase("test", Optional.empty(), 0.5, 0.05,
        new dev.sidekick.runtime.responder.transfer.TransferRules.Settings(java.util.Set.of(), java.util.Map.of(),
            java.util.Set.of("en")),
        List.of(), "bye", List.of(), List.of(STATUS, RETURNS, HOURS), List.of(), List.of());
  }

  /** A conversation that answers with what it was asked. */
  private static final class Recording implements OrderConversation {
    final List<OrderIntent> asked = new ArrayList<>();
    Optional<OrderIntent> pending = Optional.empty();
    boolean aboutAnOrder;

    @Override
    public boolean available() {
      return true;
    }

    @Override
    public Optional<OrderIntent> pending() {
      return pending;
    }

    @Override
    public boolean talksAboutAnOrder() {
      return aboutAnOrder;
    }

    @Override
    public Reply answer(OrderIntent intent, String message, Duration budget) {
      asked.add(intent);
      return new Reply.Answer("desk: " + intent.id(), List.of(), "orders");
    }
  }

  /** The stage before retrieval, with the message's own words as the runtime reads them. */
  private Optional<Reply> before(String message, OrderConversation c, Duration budget) {
    return stage.before(message, Segmenter.of(message).body(), c, budget);
  }

  private static Decision confident(KnowledgeBase.Entry entry) {
    Candidate best = new Candidate(entry, 0.9, 0.9, 0.9);
    return new Decision.Confident(best, new Ranking(List.of(best), 0.1, "(a person)", Optional.empty(), java.util.Map.of()));
  }

  @Test
  void a_confident_match_of_an_order_entry_goes_to_the_desk_when_the_customer_speaks_of_their_order() {
    Recording c = new Recording();
    assertThat(stage.after(confident(STATUS), "has my parcel shipped?", c, BUDGET)).isPresent();
    assertThat(stage.after(confident(RETURNS), "can I send these boots back", c, BUDGET)).isPresent();
    assertThat(stage.after(confident(STATUS), "where is order #1001", c, BUDGET)).isPresent();
    assertThat(c.asked).containsExactly(OrderIntent.STATUS, OrderIntent.RETURN, OrderIntent.STATUS);
  }

  @Test
  void a_general_question_keeps_the_entrys_written_answer_and_asks_no_desk() {
    Recording c = new Recording();
    assertThat(stage.after(confident(RETURNS), "what is your return policy?", c, BUDGET)).isEmpty();
    assertThat(stage.after(confident(STATUS), "if I order today when will it arrive", c, BUDGET)).isEmpty();
    assertThat(stage.after(confident(HOURS), "when are you open? my order is late", c, BUDGET)).isEmpty();
    assertThat(before("what are your opening hours?", c, BUDGET)).isEmpty();
    assertThat(c.asked).isEmpty();
  }

  @Test
  void once_the_conversation_is_about_an_order_it_is_what_the_customer_talks_about() {
    Recording c = new Recording();
    c.aboutAnOrder = true;
    assertThat(stage.after(confident(RETURNS), "great, can I return it?", c, BUDGET)).isPresent();
  }

  @Test
  void what_sidekick_asked_for_is_answered_by_the_desk_and_anything_else_goes_on() {
    Recording c = new Recording();
    c.pending = Optional.of(OrderIntent.RETURN);
    assertThat(before("#1003 bo.wang@example.com", c, BUDGET)).isPresent();
    assertThat(before("order-b", c, BUDGET)).as("a menu pick read as its id").isPresent();
    assertThat(before("what are your opening hours?", c, BUDGET)).isEmpty();
    assertThat(c.asked).containsExactly(OrderIntent.RETURN, OrderIntent.RETURN);
  }

  @Test
  void a_cancellation_and_an_order_number_with_its_proof_go_to_the_desk_unasked() {
    Recording c = new Recording();
    assertThat(before("Please cancel my order", c, BUDGET)).isPresent();
    assertThat(before("I want to cancel it", c, BUDGET)).isPresent();
    assertThat(before("order 1001, jane.doe@example.com", c, BUDGET)).isPresent();
    assertThat(before("why was my order cancelled?", c, BUDGET)).as("a question, not a request").isEmpty();
    assertThat(before("I'd like to cancel the order I placed this morning", c, BUDGET)).isPresent();
    assertThat(before("do the noise-cancelling headphones work on a plane? I'd order two", c, BUDGET)).isEmpty();
    assertThat(before("how do i cancel my subscription thing", c, BUDGET)).as("no order of theirs").isEmpty();
    assertThat(before("can I use both codes on one order, or does one cancel the other?", c, BUDGET)).isEmpty();
    assertThat(before("""
        I will look at the size guide again before deciding on the boots.

        On Tue, Nov 10, 2026 at 11:47 AM Shop <help@shop.example> wrote:
        > You can cancel your order from your account.""", c, BUDGET)).as("our words, quoted").isEmpty();
    assertThat(c.asked).containsExactly(OrderIntent.CANCEL, OrderIntent.CANCEL, OrderIntent.STATUS, OrderIntent.CANCEL);
  }

  @Test
  void an_order_number_with_its_proof_in_a_story_is_left_to_retrieval() {
    Recording c = new Recording();
    assertThat(before("Hi, where is it? Order 1001, jane.doe@example.com", c, BUDGET)).isPresent();
    assertThat(before("""
        Hello,

        Your team picked up the rug I returned (order 17340) on November 12th. It's now December 7th and the refund
        still hasn't shown up on my card. The order is under aisha.rahman@example.com and I'd like the refund
        processed please.

        Thanks, Aisha""", c, BUDGET))
        .as("a refund disputed, with the number and the address").isEmpty();
    assertThat(before("""
        Dear team,

        Our colleague is retiring after 32 years; can we buy a gift card of 250 and have it e-mailed?

        On Tue, Nov 10, 2026 at 11:47 AM Shop <help@shop.example> wrote:
        > Thanks for getting in touch.""", c, BUDGET))
        .as("numbers of a story, an address quoted from our reply").isEmpty();
    assertThat(c.asked).containsExactly(OrderIntent.STATUS);
  }

  @Test
  void an_order_entry_picked_from_a_did_you_mean_menu_goes_to_the_desk() {
    Recording c = new Recording();
    assertThat(stage.picked("Where is my order?", c, BUDGET)).isPresent();
    assertThat(stage.picked("Opening hours", c, BUDGET)).isEmpty();
    assertThat(c.asked).containsExactly(OrderIntent.STATUS);
  }

  @Test
  void without_a_commerce_backend_the_stage_does_nothing() {
    assertThat(before("Please cancel my order", OrderConversation.NONE, BUDGET)).isEmpty();
    assertThat(stage.after(confident(STATUS), "where is my order", OrderConversation.NONE, BUDGET)).isEmpty();
    assertThat(stage.picked("Where is my order?", OrderConversation.NONE, BUDGET)).isEmpty();
  }
}
