package dev.sidekick.runtime.commerce;

import java.util.List;

/**
 * Who may see which order: the one rule, with no I/O. An order is disclosed only to a customer whose contact (as Gladly
 * knows it) is on the order, who proved it in this conversation before, or who now gives its number and the email or
 * postal code on it. A number that matches nothing, or matches an order that is someone else's, gets the same answer:
 * a customer learns nothing from guessing numbers. Three claims that do not match end in a hand-off, and after that
 * nothing is disclosed in the conversation.
 */
public final class Verification {
  public static final int MAX_FAILED_ATTEMPTS = 3;

  private Verification() {}

  /** What the decision lets Sidekick do. */
  public sealed interface Decision {
    VerificationState next();
  }

  /** These orders are the customer's: answer about them. */
  public record Disclose(List<Order> orders, VerificationState next) implements Decision {
    public Disclose {
      orders = List.copyOf(orders);
    }
  }

  /** Ask for the order number and the email or postal code on it; {@code retry} after a claim that did not match. */
  public record AskForProof(boolean retry, int attemptsLeft, VerificationState next) implements Decision {}

  /** Three claims did not match: hand off, disclose nothing. */
  public record TooManyAttempts(VerificationState next) implements Decision {}

  /**
   * Decides on the orders a lookup found (by the claimed number, or by the customer's contact).
   *
   * @param known the customer's contact in Gladly (may be empty)
   * @param claim what the customer wrote now (may be empty)
   * @param found the orders the backend returned for the number or the contact, not yet checked
   */
  public static Decision decide(VerificationState state, Contact known, OrderClaim claim, List<Order> found) {
    if (state.lockedOut()) return new TooManyAttempts(state);
    if (claim.orderNumber().isPresent()) {
      List<Order> named = found.stream().filter(claim::names).toList();
      List<Order> theirs = named.stream()
          .filter(o -> known.owns(o) || state.provenOrderId().map(o.id()::equals).orElse(false)).toList();
      if (!theirs.isEmpty()) return new Disclose(theirs, state);
      if (!claim.hasProof()) return new AskForProof(false, attemptsLeft(state), state);
      List<Order> proven = named.stream().filter(claim::proves).toList();
      if (!proven.isEmpty()) return new Disclose(proven, state.proven(proven.get(0)));
      VerificationState failed = state.failed();
      if (failed.lockedOut()) return new TooManyAttempts(failed);
      return new AskForProof(true, attemptsLeft(failed), failed);
    }
    List<Order> theirs = found.stream()
        .filter(o -> known.owns(o) || state.provenOrderId().map(o.id()::equals).orElse(false)).toList();
    if (!theirs.isEmpty()) return new Disclose(theirs, state);
    return new AskForProof(false, attemptsLeft(state), state);
  }

  private static int attemptsLeft(VerificationState state) {
    return Math.max(0, MAX_FAILED_ATTEMPTS - state.failedAttempts());
  }
}
