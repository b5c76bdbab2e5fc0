package dev.sidekick.runtime.responder.orders;

import dev.sidekick.runtime.responder.Reply;
import java.time.Duration;
import java.util.Optional;

/**
 * One conversation's way to its endpoint's order desk, for one customer message: what the conversation waits for,
 * and the desk's answer to an order question. {@link #NONE} where the endpoint has no commerce backend (then the
 * knowledge base answers order questions as written).
 */
public interface OrderConversation {
  OrderConversation NONE = new OrderConversation() {
    @Override
    public boolean available() {
      return false;
    }

    @Override
    public Optional<OrderIntent> pending() {
      return Optional.empty();
    }

    @Override
    public boolean talksAboutAnOrder() {
      return false;
    }

    @Override
    public Reply answer(OrderIntent intent, String message, Duration budget) {
      throw new IllegalStateException("no commerce backend");
    }
  };

  /** Whether the endpoint has a commerce backend to ask. */
  boolean available();

  /** The question about orders Sidekick asked in this conversation and waits on an answer to, if any. */
  Optional<OrderIntent> pending();

  /**
   * Whether this conversation is about one order already: proven by the customer, or told them by Sidekick ("can I
   * return it?" means that one).
   */
  boolean talksAboutAnOrder();

  /** What to tell the customer about {@code intent}, from the shop's data, within {@code budget}. */
  Reply answer(OrderIntent intent, String message, Duration budget);
}
