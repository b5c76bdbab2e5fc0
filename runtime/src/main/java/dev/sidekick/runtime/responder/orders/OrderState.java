package dev.sidekick.runtime.responder.orders;

import dev.sidekick.runtime.commerce.VerificationState;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What one conversation remembers between the customer's messages about orders: its verification (failed attempts,
 * the order proven), the question Sidekick is waiting on an answer to ({@code pending}: it asked for proof, or offered
 * a menu of orders), and that menu's order numbers (so that a pick read as the option's id still names its order).
 * Kept per conversation in the {@link OrderMemory}; {@link #toString()} shows nothing of it.
 */
public record OrderState(VerificationState verification, Optional<OrderIntent> pending, List<String> menu) {
  private static final String VERSION = "o1";

  public OrderState {
    menu = List.copyOf(menu);
  }

  public static OrderState fresh() {
    return new OrderState(VerificationState.fresh(), Optional.empty(), List.of());
  }

  /** Nothing pending any more; what verification established stays. */
  OrderState settled(VerificationState next) {
    return new OrderState(next, Optional.empty(), List.of());
  }

  OrderState waitingFor(OrderIntent intent, VerificationState next, List<String> menu) {
    return new OrderState(next, Optional.of(intent), menu);
  }

  /** {@code o1;pending;menu numbers;verification}: digits, ids and the verification's own encoding, no ';' in any. */
  public String encode() {
    return VERSION + ";" + pending.map(OrderIntent::id).orElse("") + ";" + String.join(",", menu) + ";"
        + verification.encode();
  }

  /** The state {@link #encode()} wrote; anything else (nothing stored, an older format) is a fresh state. */
  public static OrderState decode(String encoded) {
    if (encoded == null) {
      return fresh();
    }
    String[] parts = encoded.split(";", 4);
    if (parts.length != 4 || !parts[0].equals(VERSION)) {
      return fresh();
    }
    List<String> menu = parts[2].isEmpty() ? List.of() : Arrays.stream(parts[2].split(",")).filter(n -> n.matches("\\d{1,12}")).toList();
    return new OrderState(VerificationState.decode(parts[3]), OrderIntent.of(parts[1]), menu);
  }

  @Override
  public String toString() {
    return "OrderState[pending=" + pending.map(OrderIntent::id).orElse("none") + ", " + verification + "]";
  }
}
