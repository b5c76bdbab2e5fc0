package dev.sidekick.runtime.responder.orders;

import dev.sidekick.runtime.commerce.Contact;
import dev.sidekick.runtime.commerce.OrderClaim;
import dev.sidekick.runtime.commerce.OrderDesk;
import dev.sidekick.runtime.commerce.OrderText;
import dev.sidekick.runtime.responder.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * A conversation of an endpoint that has an order desk. Its stored state is read once, when first needed; the
 * customer's contact is asked of Gladly only when the desk is; the state the desk's answer leads to is held until the
 * handler records it with the decision ({@link OrderConversations#decided}).
 */
final class DeskConversation implements OrderConversation {
  // what answering takes besides the desk's lookup (reading the answer, keeping the state)
  private static final Duration SLACK = Duration.ofMillis(200);

  private final OrderDesk desk;
  private final Supplier<Optional<String>> recall;
  private final Supplier<Contact> contact;
  private final BiConsumer<OrderIntent, String> count;
  private OrderState state;
  private OrderState next;

  DeskConversation(
      OrderDesk desk, Supplier<Optional<String>> recall, Supplier<Contact> contact, BiConsumer<OrderIntent, String> count) {
    this.desk = desk;
    this.recall = recall;
    this.contact = contact;
    this.count = count;
  }

  @Override
  public boolean available() {
    return true;
  }

  @Override
  public Optional<OrderIntent> pending() {
    return state().pending();
  }

  @Override
  public boolean talksAboutAnOrder() {
    return state().orderInQuestion().isPresent();
  }

  @Override
  public Reply answer(OrderIntent intent, String message, Duration budget) {
    long start = System.nanoTime();
    OrderState current = state();
    // a menu pick may come back as the option's id ("order-b") rather than its label: the menu's number, then
    String text = OrderText.picked(message, current.menu()).map(n -> "#" + n).orElse(message);
    OrderClaim claim = OrderClaim.read(text);
    if (claim.orderNumber().isEmpty() && current.orderInQuestion().isPresent()) {
      // "can I return it?": the order this conversation is about
      claim = OrderClaim.of(current.orderInQuestion(), claim.email(), claim.postalCode());
    }
    Contact known = contact.get();
    Duration left = budget.minusNanos(System.nanoTime() - start).minus(SLACK);
    OrderDesk.Answer answer = desk.lookUp(current.verification(), known, claim, left.isNegative() ? Duration.ZERO : left);
    OrderReplies.Outcome outcome = OrderReplies.of(intent, answer, current, desk.returnPolicy(), Instant.now());
    next = outcome.next();
    count.accept(intent, outcome.metric());
    return outcome.reply();
  }

  /** The state to keep for the conversation's next message, once the desk answered. */
  Optional<OrderState> next() {
    return Optional.ofNullable(next);
  }

  private OrderState state() {
    if (state == null) {
      state = recall.get().map(OrderState::decode).orElseGet(OrderState::fresh);
    }
    return state;
  }
}
