package dev.sidekick.runtime.commerce;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a commerce backend knows about one order, in the terms Sidekick answers with. Personal data: never logged,
 * never in an exception or a metric; {@link #toString()} shows nothing of it.
 *
 * @param id the backend's own id (opaque; remembered per conversation once the customer proved the order is theirs)
 * @param name the order number as the shop shows it ("#1001")
 * @param contacts the order's email and phone and its customer's, for verification
 * @param postalCode the shipping address's postal code, for verification
 */
public record Order(
    String id,
    String name,
    Instant placedAt,
    List<String> contacts,
    Optional<String> postalCode,
    Optional<Instant> cancelledAt,
    Payment payment,
    Optional<Money> refunded,
    List<Item> items,
    List<Shipment> shipments,
    List<ReturnCase> returns,
    Optional<URI> statusPage) {

  public Order {
    contacts = List.copyOf(contacts);
    items = List.copyOf(items);
    shipments = List.copyOf(shipments);
    returns = List.copyOf(returns);
  }

  /** Payment as the customer would put it. */
  public enum Payment {
    PAID,
    PENDING,
    REFUNDED,
    PARTIALLY_REFUNDED,
    VOIDED,
    OTHER
  }

  public record Money(BigDecimal amount, String currency) {}

  public record Item(String title, int quantity) {}

  /** One parcel: where it is, with which carrier, its tracking, and when it is expected or arrived. */
  public record Shipment(
      Delivery delivery,
      Optional<String> carrier,
      Optional<String> trackingNumber,
      Optional<URI> trackingUrl,
      Optional<Instant> expectedAt,
      Optional<Instant> deliveredAt) {}

  /** A parcel's state, as a customer asks about it. */
  public enum Delivery {
    /** Label made, not handed to the carrier yet. */
    PREPARING,
    /** Handed over (or marked fulfilled) with no carrier event yet. */
    SHIPPED,
    IN_TRANSIT,
    OUT_FOR_DELIVERY,
    READY_FOR_PICKUP,
    DELIVERED,
    /** Attempted, delayed, failed or not delivered: a person should look. */
    PROBLEM,
    CANCELLED
  }

  /** A return of (part of) the order. */
  public record ReturnCase(String name, ReturnState state, Instant requestedAt) {}

  public enum ReturnState {
    REQUESTED,
    IN_PROGRESS,
    CLOSED,
    DECLINED,
    CANCELLED
  }

  public boolean cancelled() {
    return cancelledAt.isPresent();
  }

  /** Still on its way to the customer: not cancelled and some parcel (or the whole order) not delivered yet. */
  public boolean open() {
    if (cancelled()) return false;
    if (shipments.isEmpty()) return true;
    return shipments.stream().anyMatch(s -> s.delivery() != Delivery.DELIVERED && s.delivery() != Delivery.CANCELLED);
  }

  @Override
  public String toString() {
    return "Order[details withheld]";
  }
}
