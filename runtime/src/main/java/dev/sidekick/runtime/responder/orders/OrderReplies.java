package dev.sidekick.runtime.responder.orders;

import dev.sidekick.runtime.commerce.Order;
import dev.sidekick.runtime.commerce.OrderDesk;
import dev.sidekick.runtime.commerce.OrderText;
import dev.sidekick.runtime.commerce.ReturnPolicy;
import dev.sidekick.runtime.responder.Reply;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The order desk's answer as Sidekick's reply, and the state the conversation keeps for its next message. A status or
 * return question is answered (one order), offered as a menu (several), or answered with a request for proof. A
 * cancellation is always handed to a person, with the customer's verified orders in the agent's note: Sidekick cancels
 * nothing (an order may already be packed, a refund may be due; the brand's team decides). Every failure is a hand-off
 * telling the customer a person follows up. Reasons (which are logged) never name an order.
 */
final class OrderReplies {
  /** A reply and what the conversation keeps. */
  record Outcome(Reply reply, OrderState next, String metric) {}

  private OrderReplies() {}

  static Outcome of(OrderIntent intent, OrderDesk.Answer answer, OrderState state, ReturnPolicy policy, Instant now) {
    if (answer instanceof OrderDesk.Orders found) {
      return found(intent, found, state, policy, now);
    }
    if (answer instanceof OrderDesk.AskForProof ask) {
      if (intent == OrderIntent.CANCEL) {
        return new Outcome(cancellation("the customer asked to cancel an order; Sidekick could not tell which order is"
            + " theirs (no order matched their contact, or they gave no order number with its email or postal code)",
            Optional.empty()), state.settled(ask.next()), "cancel_unverified");
      }
      return new Outcome(new Reply.Answer(OrderText.askForProof(ask.retry()), List.of(),
          "orders: asked for the order number and its email or postal code" + (ask.retry() ? " again" : "")),
          state.waitingFor(intent, ask.next(), List.of()), ask.retry() ? "proof_did_not_match" : "asked_for_proof");
    }
    if (answer instanceof OrderDesk.HandOff h) {
      return new Outcome(new Reply.Handoff("the customer's order could not be verified (" + h.next().failedAttempts()
              + " order numbers with an email or postal code that did not match)", Optional.empty(), List.of(),
              Optional.of(OrderText.notVerified()), Optional.of(h.note())),
          state.settled(h.next()), "not_verified");
    }
    OrderDesk.CouldNotLookUp failed = (OrderDesk.CouldNotLookUp) answer;
    String what = switch (intent) {
      case STATUS -> "where their order is";
      case RETURN -> "whether their order can be returned";
      case CANCEL -> "which order they want to cancel";
    };
    return new Outcome(new Reply.Handoff("Sidekick could not look up the customer's orders: "
            + failed.failure().description() + " (the customer asked " + what + ")",
            Optional.empty(), List.of(), Optional.of(OrderText.couldNotLookUp()), Optional.empty()),
        state.settled(state.verification()), "could_not_look_up");
  }

  private static Outcome found(
      OrderIntent intent, OrderDesk.Orders found, OrderState state, ReturnPolicy policy, Instant now) {
    List<Order> orders = found.orders();
    if (intent == OrderIntent.CANCEL) {
      List<Order> open = orders.stream().filter(Order::open).toList();
      return new Outcome(cancellation("the customer asked to cancel an order",
              Optional.of("Their orders (verified by their contact or the order number with its email or postal code):\n"
                  + OrderText.forAgent(open.isEmpty() ? orders : open))),
          state.settled(found.next()), "cancel_handed_off");
    }
    OrderText.Choice choice = intent == OrderIntent.RETURN ? OrderText.chooseToReturn(orders) : OrderText.choose(orders);
    if (choice instanceof OrderText.Menu menu) {
      return new Outcome(new Reply.Answer(menu.prompt(),
              menu.options().stream().map(o -> new Reply.Option(o.id(), o.label())).toList(),
              "orders: a menu of " + menu.options().size() + " orders"),
          state.waitingFor(intent, found.next(), menu.numbers()), "menu");
    }
    Order order = ((OrderText.One) choice).order();
    String text = intent == OrderIntent.RETURN
        ? OrderText.returns(order, policy.eligibility(order, now), found.zone(), now)
        : OrderText.status(order, found.zone(), now);
    return new Outcome(new Reply.Answer(text, List.of(), "orders: " + intent.id() + " of the customer's order"),
        state.told(found.next(), order.name().replaceAll("\\D", "")), "answered");
  }

  private static Reply.Handoff cancellation(String reason, Optional<String> orders) {
    return new Reply.Handoff(reason, Optional.empty(), List.of(), Optional.of(OrderText.cancellationPassedOn()), orders);
  }
}
