package dev.sidekick.runtime.responder.orders;

import dev.sidekick.runtime.commerce.OrderClaim;
import dev.sidekick.runtime.responder.Reply;
import dev.sidekick.runtime.responder.knowledge.KnowledgeBase;
import dev.sidekick.runtime.responder.retrieval.Decision;
import dev.sidekick.runtime.responder.text.Words;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The stage of the decision that answers from the shop's data, shared by the knowledge-base and the chat-completions
 * responders; it acts only where the endpoint has a commerce backend. An order question is one of these:
 * <ul>
 *   <li>the answer to what Sidekick asked (an order number, its email or postal code, a pick from a menu of orders);
 *   <li>a request to cancel an order, or an order number given with its email or postal code in a message that says
 *       little else;
 *   <li>a message retrieval confidently matches with an entry marked {@code orders:} in the knowledge base (or its
 *       title picked from a "Did you mean" menu), when the customer speaks of an order of theirs ("my order", "these
 *       boots", "#1001") or the conversation is about an order already: "what is your return policy?" keeps the
 *       entry's written answer.
 * </ul>
 * Anything else goes on through the decision untouched, and costs no lookup.
 */
public final class OrderStage {
  private static final Pattern MENU_ID = Pattern.compile("order-[a-e]");
  /**
   * An order number with its proof is a question about that order when the customer says little else ("order 1001,
   * jane@example.com, where is it?"). More words tell something retrieval must read (a damaged piece, a refund
   * disputed), and in an e-mail's story a date or an amount beside an address is no claim at all.
   */
  static final int CLAIM_ALONE_WORDS = 8;
  private final Map<String, OrderIntent> titles = new HashMap<>();

  public OrderStage(KnowledgeBase kb) {
    for (KnowledgeBase.Entry e : kb.entries()) {
      e.orders().ifPresent(intent -> titles.put(Words.normalised(e.title()), intent));
    }
  }

  /** Whether any entry of the knowledge base is answered from order data. */
  public boolean marksOrderEntries() {
    return !titles.isEmpty();
  }

  /** An entry about orders picked from a "Did you mean" menu: first, since the triage would give its written answer. */
  public Optional<Reply> picked(String message, OrderConversation orders, Duration budget) {
    if (!orders.available()) {
      return Optional.empty();
    }
    OrderIntent intent = titles.get(Words.normalised(message));
    return intent == null ? Optional.empty() : Optional.of(orders.answer(intent, message, budget));
  }

  /**
   * After the triage, before retrieval: what Sidekick waits for; a cancellation, or an order number with its proof, in
   * the customer's own words ({@code ownWords}: the message without quoted replies and signature).
   */
  public Optional<Reply> before(String message, String ownWords, OrderConversation orders, Duration budget) {
    if (!orders.available()) {
      return Optional.empty();
    }
    OrderClaim claim = OrderClaim.read(message);
    Optional<OrderIntent> pending = orders.pending();
    if (pending.isPresent()
        && (claim.orderNumber().isPresent() || claim.hasProof() || MENU_ID.matcher(message.trim()).matches())) {
      return Optional.of(orders.answer(pending.get(), message, budget));
    }
    if (OrderCues.cancellation(ownWords)) {
      return Optional.of(orders.answer(OrderIntent.CANCEL, message, budget));
    }
    OrderClaim own = OrderClaim.read(ownWords);
    if (own.orderNumber().isPresent() && own.hasProof() && Words.plain(own.rest()).size() <= CLAIM_ALONE_WORDS) {
      return Optional.of(orders.answer(OrderIntent.STATUS, message, budget));
    }
    return Optional.empty();
  }

  /** After retrieval: a confident match of an entry about orders, for a customer speaking of an order of theirs. */
  public Optional<Reply> after(Decision decision, String message, OrderConversation orders, Duration budget) {
    if (!orders.available() || !(decision instanceof Decision.Confident confident)) {
      return Optional.empty();
    }
    Optional<OrderIntent> intent = confident.best().entry().orders();
    boolean theirs = OrderCues.ownOrder(message) || orders.talksAboutAnOrder();
    if (intent.isEmpty() || (intent.get() != OrderIntent.CANCEL && !theirs)) {
      return Optional.empty();
    }
    return Optional.of(orders.answer(intent.get(), message, budget));
  }
}
