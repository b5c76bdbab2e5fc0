package dev.sidekick.runtime.commerce;

import java.time.Duration;

/**
 * A brand's commerce backend: finds orders. One implementation per platform (Shopify: {@code shopify.ShopifyCommerce});
 * a second backend is one class. Neither method discloses anything by itself: {@link Verification} decides what the
 * customer may see. Both return within {@code budget}, as {@link Lookup.Failed} when the backend is slow, throttled or
 * down, and never throw.
 */
public interface Commerce {

  /** The orders whose number is {@code orderNumber} (digits, as the customer gave them), whoever placed them. */
  Lookup ordersNumbered(String orderNumber, Duration budget);

  /** The customer's recent orders, newest first: those placed with the contact's email or by the customer with its phone. */
  Lookup ordersOf(Contact contact, Duration budget);
}
