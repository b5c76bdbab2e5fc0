package dev.sidekick.runtime.responder;

import dev.sidekick.runtime.responder.orders.OrderConversation;
import java.util.List;

/**
 * What the customer just said, (when the responder needs it) the conversation before it, and the conversation's way
 * to the endpoint's order desk ({@link OrderConversation#NONE} without a commerce backend).
 */
public record Inquiry(String message, List<Turn> transcript, OrderConversation orders) {

  public Inquiry(String message, List<Turn> transcript) {
    this(message, transcript, OrderConversation.NONE);
  }

  public static Inquiry of(String message) {
    return new Inquiry(message, List.of(new Turn(Turn.Speaker.CUSTOMER, message)));
  }

  /** The same inquiry, able to ask the order desk through {@code orders}. */
  public Inquiry withOrders(OrderConversation orders) {
    return new Inquiry(message, transcript, orders);
  }

  /** One message of the conversation. */
  public record Turn(Speaker speaker, String text) {
    public enum Speaker {
      CUSTOMER,
      SIDEKICK,
      AGENT
    }
  }
}
