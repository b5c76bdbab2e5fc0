package dev.sidekick.runtime.commerce;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * The brand's return rule: an order may be returned within {@code window} of its (last) delivery, once, and how: at
 * {@code returnsUrl} when the brand has one, else from the order's status page (where Shopify's self-serve returns
 * start).
 */
public record ReturnPolicy(Duration window, Optional<URI> returnsUrl) {

  public static ReturnPolicy days(int days) {
    return new ReturnPolicy(Duration.ofDays(days), Optional.empty());
  }

  /** Whether, and until when, an order can be returned. */
  public sealed interface Eligibility {}

  public record Returnable(Instant until, Optional<URI> where) implements Eligibility {}

  public record WindowClosed(Instant closedAt) implements Eligibility {}

  /** Not delivered yet (or not shipped): a return starts after delivery. */
  public record NotDeliveredYet() implements Eligibility {}

  public record AlreadyReturning(Order.ReturnCase returnCase) implements Eligibility {}

  public record Cancelled() implements Eligibility {}

  public Eligibility eligibility(Order order, Instant now) {
    if (order.cancelled()) return new Cancelled();
    Optional<Order.ReturnCase> open = order.returns().stream()
        .filter(r -> r.state() != Order.ReturnState.DECLINED && r.state() != Order.ReturnState.CANCELLED)
        .max(Comparator.comparing(Order.ReturnCase::requestedAt));
    if (open.isPresent()) return new AlreadyReturning(open.get());
    if (order.shipments().isEmpty() || order.open()) return new NotDeliveredYet();
    Optional<Instant> delivered = order.shipments().stream().flatMap(s -> s.deliveredAt().stream()).max(Comparator.naturalOrder());
    Instant until = delivered.orElse(order.placedAt()).plus(window);
    if (now.isAfter(until)) return new WindowClosed(until);
    return new Returnable(until, returnsUrl.or(order::statusPage));
  }
}
