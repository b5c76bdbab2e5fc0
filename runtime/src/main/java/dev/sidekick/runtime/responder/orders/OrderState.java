package dev.sidekick.runtime.responder.orders;

import dev.sidekick.runtime.commerce.VerificationState;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What one conversation remembers between the customer's messages about orders: its verification (failed attempts,
 * the order proven), the question Sidekick is waiting on an answer to ({@code pending}: it asked for proof, or offered
 * a menu of orders), that menu's order numbers (so that a pick read as the option's id still names its order), and
 * the order Sidekick last told the customer about ({@code current}: "can I return it?" means that one). Kept per
 * conversation in the {@link OrderMemory}; {@link #toString()} shows nothing of it.
 */
public record OrderState(
    VerificationState verification, Optional<OrderIntent> pending, List<String> menu, Optional<String> current) {
  private static final String VERSION = "o2";

  public OrderState {
    menu = List.copyOf(menu);
  }

  public static OrderState fresh() {
    return new OrderState(VerificationState.fresh(), Optional.empty(), List.of(), Optional.empty());
  }

  /** Nothing pending any more; what verification established stays, and so does the current order. */
  OrderState settled(VerificationState next) {
    return new OrderState(next, Optional.empty(), List.of(), current);
  }

  /** The customer was just told about this order (its number). */
  OrderState told(VerificationState next, String orderNumber) {
    return new OrderState(next, Optional.empty(), List.of(), Optional.of(orderNumber));
  }

  OrderState waitingFor(OrderIntent intent, VerificationState next, List<String> menu) {
    return new OrderState(next, Optional.of(intent), menu, current);
  }

  /** The order a message that names none is about: the one proven, else the one last told. */
  Optional<String> orderInQuestion() {
    return verification.provenOrderNumber().or(() -> current);
  }

  /** {@code o2;pending;menu numbers;current;verification}: digits, ids and the verification's own encoding, no ';'. */
  public String encode() {
    return VERSION + ";" + pending.map(OrderIntent::id).orElse("") + ";" + String.join(",", menu) + ";"
        + current.orElse("") + ";" + verification.encode();
  }

  /** The state {@link #encode()} wrote; anything else (nothing stored, an older format) is a fresh state. */
  public static OrderState decode(String encoded) {
    if (encoded == null) {
      return fresh();
    }
    String[] parts = encoded.split(";", 5);
    if (parts.length != 5 || !parts[0].equals(VERSION)) {
      return fresh();
    }
    List<String> menu = Arrays.stream(parts[2].split(",")).filter(n -> n.matches("\\d{1,12}")).toList();
    Optional<String> current = Optional.of(parts[3]).filter(n -> n.matches("\\d{1,12}"));
    return new OrderState(VerificationState.decode(parts[4]), OrderIntent.of(parts[1]), menu, current);
  }

  @Override
  public String toString() {
    return "OrderState[pending=" + pending.map(OrderIntent::id).orElse("none") + ", " + verification + "]";
  }
}
