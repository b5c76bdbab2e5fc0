package dev.sidekick.runtime.responder.orders;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a customer wants to know or do about their own order, when the endpoint's commerce backend can tell: where it
 * is, whether it can be returned, or to cancel it (always handed to a person, see {@link OrderReplies}).
 */
public enum OrderIntent {
  STATUS("status"),
  RETURN("return"),
  CANCEL("cancel");

  private final String id;

  OrderIntent(String id) {
    this.id = id;
  }

  /** As the knowledge base names it ({@code orders: status}) and as metrics tag it. */
  public String id() {
    return id;
  }

  public static Optional<OrderIntent> of(String id) {
    return Arrays.stream(values()).filter(i -> i.id.equals(id)).findFirst();
  }
}
