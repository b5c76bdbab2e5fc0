package dev.sidekick.runtime.responder.orders;

import dev.sidekick.runtime.commerce.OrderClaim;
import dev.sidekick.runtime.responder.text.Words;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What in a customer's words says their message is about an order of theirs, read on the plain words (typos are
 * retrieval's business; these cues only gate what retrieval found). A general question ("what is your return
 * policy?", "if I order today when will it arrive?") has none of them and keeps the knowledge base's answer.
 */
final class OrderCues {
  // my order, our parcel, mine; I ordered / bought / received it; this shirt, these boots
  private static final Set<String> OWN =
      Set.of("my", "mine", "our", "ours", "ordered", "bought", "purchased", "placed", "received", "got", "this", "these",
          "those");
  // to cancel, not "was cancelled": a request, the order close by ("cancel my order", "cancel it", "order cancellation");
  // not "noise-cancelling headphones", "cancel my subscription", nor an order and "one cancels the other" apart
  private static final Pattern CANCEL =
      Pattern.compile("(?<!\\bnoise )\\b(cancel|cancelling|canceling|cancellation)( \\S+){0,2}? (order|orders|purchase|it|this|that)\\b"
          + "|\\b(order|orders|purchase)( \\S+){0,2}? (cancel|cancelling|canceling|cancellation)\\b");

  private OrderCues() {}

  /** The customer speaks of their own order or purchase: a possessive, a purchase of theirs, or an order number. */
  static boolean ownOrder(String message) {
    List<String> words = Words.plain(message);
    return words.stream().anyMatch(OWN::contains) || OrderClaim.read(message).orderNumber().isPresent();
  }

  /** The customer asks to cancel an order ("cancel my order", "I want to cancel it", "order cancellation"). */
  static boolean cancellation(String message) {
    return CANCEL.matcher(String.join(" ", Words.plain(message))).find();
  }
}
