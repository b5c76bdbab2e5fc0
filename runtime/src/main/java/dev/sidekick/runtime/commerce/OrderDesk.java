package dev.sidekick.runtime.commerce;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Answers "where is my order?" (and returns, and cancellations) for one endpoint: picks the one lookup a message needs,
 * asks the backend within the caller's budget, and lets {@link Verification} decide what the customer may see. Never
 * throws; a backend that is slow, throttled or down is {@link CouldNotLookUp}.
 */
public final class OrderDesk {
  private final Commerce backend;
  private final ReturnPolicy returns;

  public OrderDesk(Commerce backend, ReturnPolicy returns) {
    this.backend = backend;
    this.returns = returns;
  }

  public ReturnPolicy returnPolicy() {
    return returns;
  }

  /** What to tell the customer, and the conversation's verification state to keep for the next message. */
  public sealed interface Answer {}

  /** Verified: these orders (newest first) are the customer's; {@link OrderText} says them. */
  public record Orders(List<Order> orders, ZoneId zone, VerificationState next) implements Answer {
    public Orders {
      orders = List.copyOf(orders);
    }
  }

  /** Ask for the order number and the email or postal code on it ({@link OrderText#askForProof}). */
  public record AskForProof(boolean retry, int attemptsLeft, VerificationState next) implements Answer {}

  /** Hand off: verification failed too often. Nothing about any order may be said. */
  public record HandOff(String note, VerificationState next) implements Answer {}

  /** Hand off: the backend could not be asked. The state is unchanged (keep the previous one). */
  public record CouldNotLookUp(Lookup.Failure failure, String note) implements Answer {}

  /**
   * One customer message about their orders.
   *
   * @param state this conversation's verification state (fresh at the start)
   * @param known the conversation's customer contact in Gladly
   * @param message the customer's message (an order number, email or postal code in it is read)
   * @param budget the time this lookup may take (what is left of the event's deadline, less what must come after)
   */
  public Answer lookUp(VerificationState state, Contact known, String message, Duration budget) {
    return lookUp(state, known, OrderClaim.read(message), budget);
  }

  public Answer lookUp(VerificationState state, Contact known, OrderClaim claim, Duration budget) {
    if (state.lockedOut()) return handOff(state);
    // a message without a number goes on about the order proven earlier in the conversation, if any
    Optional<String> number = claim.orderNumber().or(state::provenOrderNumber);
    OrderClaim effective = number.equals(claim.orderNumber()) ? claim
        : OrderClaim.of(number, claim.email(), claim.postalCode());
    if (number.isEmpty() && known.isEmpty()) {
      return new AskForProof(false, Verification.MAX_FAILED_ATTEMPTS - state.failedAttempts(), state);
    }
    Lookup lookup = number.isPresent() ? backend.ordersNumbered(number.get(), budget) : backend.ordersOf(known, budget);
    if (lookup instanceof Lookup.Failed failed) {
      return new CouldNotLookUp(failed.failure(), "Sidekick could not look up the customer's orders: "
          + failed.failure().description() + ".");
    }
    Lookup.Found found = (Lookup.Found) lookup;
    Verification.Decision decision = Verification.decide(state, known, effective, found.orders());
    if (decision instanceof Verification.Disclose d) return new Orders(d.orders(), found.zone(), d.next());
    if (decision instanceof Verification.AskForProof a) return new AskForProof(a.retry(), a.attemptsLeft(), a.next());
    return handOff(decision.next());
  }

  private static HandOff handOff(VerificationState state) {
    return new HandOff("The customer asked about an order, and the order number with the email or postal code they gave "
        + "did not match " + Verification.MAX_FAILED_ATTEMPTS + " times, so Sidekick disclosed nothing. Please verify "
        + "the customer before discussing any order.", state);
  }
}
