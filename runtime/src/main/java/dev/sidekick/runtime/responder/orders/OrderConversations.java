package dev.sidekick.runtime.responder.orders;

import dev.sidekick.runtime.commerce.CommerceBackends;
import dev.sidekick.runtime.commerce.Contact;
import dev.sidekick.runtime.commerce.OrderDesk;
import dev.sidekick.runtime.dedupe.EventProgress;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Opens a conversation's way to its endpoint's order desk for one event, and keeps what the desk's answer leads to.
 * The handler records the conversation's next state with its decision ({@link #decided}, one write to the event's
 * progress), then keeps it in the {@link OrderMemory} before the reply is sent ({@link #keep}): a redelivery finds the
 * decision and the state together, so it neither asks the shop again nor counts a failed attempt twice.
 *
 * <p>Counts {@code sidekick_orders_total} by endpoint, intent and outcome (answered, menu, asked_for_proof,
 * proof_did_not_match, not_verified, could_not_look_up, cancel_handed_off, cancel_unverified): never an order.
 */
@ApplicationScoped
public class OrderConversations {
  static final String FACT = "orders";

  @Inject CommerceBackends backends;
  @Inject OrderMemory memory;
  @Inject MeterRegistry meters;

  /**
   * @param conversation the conversation's key (the chat session, or the conversation of other channels)
   * @param contact the customer's contact in Gladly, asked only when the desk is
   */
  public OrderConversation open(String endpoint, String conversation, Supplier<Contact> contact) {
    Optional<OrderDesk> desk = backends.of(endpoint);
    if (desk.isEmpty()) {
      return OrderConversation.NONE;
    }
    return new DeskConversation(desk.get(), () -> memory.recall(conversation), contact,
        (intent, outcome) -> meters.counter("sidekick.orders", "endpoint", endpoint, "intent", intent.id(),
            "outcome", outcome).increment());
  }

  /** The facts to record with the decision: the conversation's next state, when the desk answered. */
  public Map<String, String> decided(OrderConversation orders) {
    if (orders instanceof DeskConversation desk && desk.next().isPresent()) {
      return Map.of(FACT, desk.next().get().encode());
    }
    return Map.of();
  }

  /** Keeps the state recorded with the decision (once per event; a redelivery writes the same value again). */
  public void keep(EventProgress progress, String conversation) {
    progress.fact(FACT).ifPresent(state -> progress.step(FACT, () -> memory.keep(conversation, state)));
  }
}
