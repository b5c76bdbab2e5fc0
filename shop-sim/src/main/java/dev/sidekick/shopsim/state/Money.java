package dev.sidekick.shopsim.state;

import java.math.BigDecimal;

/** An amount in the shop's currency (the simulator has one currency: shop money = presentment money). */
public record Money(BigDecimal amount, String currencyCode) {
  public static Money zero(String currency) {
    return new Money(BigDecimal.ZERO, currency);
  }

  public Money plus(Money other) {
    return new Money(amount.add(other.amount), currencyCode);
  }

  /** Shopify's Decimal scalar: a string, "89.5" and "55.0" as captured responses show them. */
  public String decimal() {
    BigDecimal stripped = amount.stripTrailingZeros();
    return stripped.scale() <= 0 ? stripped.setScale(1).toPlainString() : stripped.toPlainString();
  }
}
