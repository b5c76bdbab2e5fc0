package dev.sidekick.runtime.commerce.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidekick.runtime.commerce.Order;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Shopify's order JSON (the {@code OrderFacts} fragment) → {@link Order}. Enum values Shopify may add later map to the
 * nearest safe meaning instead of failing (API.md §3.2).
 */
final class OrderJson {
  private OrderJson() {}

  static Order order(JsonNode o) {
    List<String> contacts = new ArrayList<>();
    text(o, "email").ifPresent(contacts::add);
    text(o, "phone").ifPresent(contacts::add);
    text(o.path("customer").path("defaultEmailAddress"), "emailAddress").ifPresent(contacts::add);
    text(o.path("customer").path("defaultPhoneNumber"), "phoneNumber").ifPresent(contacts::add);
    List<Order.Item> items = new ArrayList<>();
    o.path("lineItems").path("nodes").forEach(li -> items.add(new Order.Item(li.path("title").asText(""), li.path("quantity").asInt(1))));
    List<Order.Shipment> shipments = new ArrayList<>();
    o.path("fulfillments").forEach(f -> shipments.add(shipment(f)));
    List<Order.ReturnCase> returns = new ArrayList<>();
    o.path("returns").path("nodes").forEach(r -> returns.add(new Order.ReturnCase(r.path("name").asText(""),
        returnState(r.path("status").asText("")), instant(r, "createdAt").orElse(Instant.EPOCH))));
    JsonNode refunded = o.path("totalRefundedSet").path("shopMoney");
    Optional<Order.Money> refund = Optional.empty();
    if (refunded.path("amount").isTextual()) {
      BigDecimal amount = new BigDecimal(refunded.path("amount").asText("0"));
      if (amount.signum() > 0) refund = Optional.of(new Order.Money(amount, refunded.path("currencyCode").asText("")));
    }
    return new Order(o.path("id").asText(), o.path("name").asText(), instant(o, "processedAt").orElse(Instant.EPOCH), contacts,
        text(o.path("shippingAddress"), "zip"), instant(o, "cancelledAt"), payment(o.path("displayFinancialStatus").asText("")),
        refund, items, shipments, returns, text(o, "statusPageUrl").flatMap(OrderJson::uri));
  }

  private static Order.Shipment shipment(JsonNode f) {
    JsonNode tracking = f.path("trackingInfo").path(0);
    Optional<Instant> delivered = instant(f, "deliveredAt");
    Order.Delivery delivery = f.path("status").asText("").equals("CANCELLED") ? Order.Delivery.CANCELLED
        : delivered.isPresent() ? Order.Delivery.DELIVERED : delivery(f.path("displayStatus").asText(""));
    return new Order.Shipment(delivery, text(tracking, "company"), text(tracking, "number"), text(tracking, "url").flatMap(OrderJson::uri),
        instant(f, "estimatedDeliveryAt"), delivered);
  }

  private static Order.Delivery delivery(String displayStatus) {
    return switch (displayStatus) {
      case "LABEL_PRINTED", "LABEL_PURCHASED", "CONFIRMED", "SUBMITTED" -> Order.Delivery.PREPARING;
      case "IN_TRANSIT", "CARRIER_PICKED_UP" -> Order.Delivery.IN_TRANSIT;
      case "OUT_FOR_DELIVERY" -> Order.Delivery.OUT_FOR_DELIVERY;
      case "READY_FOR_PICKUP" -> Order.Delivery.READY_FOR_PICKUP;
      case "DELIVERED", "PICKED_UP" -> Order.Delivery.DELIVERED;
      case "ATTEMPTED_DELIVERY", "DELAYED", "FAILURE", "NOT_DELIVERED" -> Order.Delivery.PROBLEM;
      case "CANCELED", "LABEL_VOIDED" -> Order.Delivery.CANCELLED;
      default -> Order.Delivery.SHIPPED; // FULFILLED, MARKED_AS_FULFILLED, null, or a value added later
    };
  }

  private static Order.Payment payment(String status) {
    return switch (status) {
      case "PAID" -> Order.Payment.PAID;
      case "PENDING", "AUTHORIZED", "PARTIALLY_PAID" -> Order.Payment.PENDING;
      case "REFUNDED" -> Order.Payment.REFUNDED;
      case "PARTIALLY_REFUNDED" -> Order.Payment.PARTIALLY_REFUNDED;
      case "VOIDED", "EXPIRED" -> Order.Payment.VOIDED;
      default -> Order.Payment.OTHER;
    };
  }

  private static Order.ReturnState returnState(String status) {
    return switch (status) {
      case "REQUESTED" -> Order.ReturnState.REQUESTED;
      case "OPEN" -> Order.ReturnState.IN_PROGRESS;
      case "CLOSED" -> Order.ReturnState.CLOSED;
      case "DECLINED" -> Order.ReturnState.DECLINED;
      default -> Order.ReturnState.CANCELLED;
    };
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isTextual() && !v.asText().isBlank() ? Optional.of(v.asText()) : Optional.empty();
  }

  private static Optional<Instant> instant(JsonNode node, String field) {
    return text(node, field).flatMap(s -> {
      try {
        return Optional.of(Instant.parse(s));
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    });
  }

  private static Optional<URI> uri(String s) {
    try {
      URI u = URI.create(s);
      return "https".equalsIgnoreCase(u.getScheme()) || "http".equalsIgnoreCase(u.getScheme()) ? Optional.of(u) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
