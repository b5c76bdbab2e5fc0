package dev.sidekick.runtime.commerce;

import java.util.Optional;

/**
 * What one conversation has established about order access, kept between the customer's messages: how many times a
 * claimed order number did not match, and the order the customer last proved is theirs (by number and email or
 * postal code). Stored per conversation by the caller ({@link #encode()} / {@link #decode(String)}: a small string for
 * any store); nothing in it is shown in logs ({@link #toString()}).
 */
public record VerificationState(int failedAttempts, Optional<String> provenOrderId, Optional<String> provenOrderNumber) {
  private static final String VERSION = "v1";

  public static VerificationState fresh() {
    return new VerificationState(0, Optional.empty(), Optional.empty());
  }

  public boolean lockedOut() {
    return failedAttempts >= Verification.MAX_FAILED_ATTEMPTS;
  }

  VerificationState failed() {
    return new VerificationState(failedAttempts + 1, provenOrderId, provenOrderNumber);
  }

  VerificationState proven(Order order) {
    return new VerificationState(0, Optional.of(order.id()), Optional.of(order.name().replaceAll("\\D", "")));
  }

  /** {@code v1|failed|orderId|orderNumber}; ids and numbers have no '|' (Shopify GIDs and digits). */
  public String encode() {
    return VERSION + "|" + failedAttempts + "|" + provenOrderId.orElse("") + "|" + provenOrderNumber.orElse("");
  }

  /** The state {@link #encode()} wrote; a value it cannot read is a fresh state (nothing proven, nothing failed). */
  public static VerificationState decode(String encoded) {
    if (encoded == null) return fresh();
    String[] parts = encoded.split("\\|", -1);
    if (parts.length != 4 || !parts[0].equals(VERSION)) return fresh();
    try {
      int failed = Integer.parseInt(parts[1]);
      return new VerificationState(Math.max(0, failed), Optional.of(parts[2]).filter(s -> !s.isEmpty()),
          Optional.of(parts[3]).filter(s -> !s.isEmpty()));
    } catch (NumberFormatException e) {
      return fresh();
    }
  }

  @Override
  public String toString() {
    return "VerificationState[failedAttempts=" + failedAttempts + ", proven=" + provenOrderId.isPresent() + "]";
  }
}
