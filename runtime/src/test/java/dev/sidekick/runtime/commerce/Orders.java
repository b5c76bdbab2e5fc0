package dev.sidekick.runtime.commerce;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A small builder of {@link Order}s for the unit tests. */
final class Orders {
  static final Instant NOW = Instant.parse("2026-12-02T15:00:00Z");

  private String id = "gid://shopify/Order/1";
  private String name = "#1001";
  private Instant placedAt = NOW.minus(Duration.ofDays(4));
  private final List<String> contacts = new ArrayList<>();
  private String zip;
  private Instant cancelledAt;
  private Order.Money refunded;
  private final List<Order.Item> items = new ArrayList<>(List.of(new Order.Item("Trail Runner 2", 1)));
  private final List<Order.Shipment> shipments = new ArrayList<>();
  private final List<Order.ReturnCase> returns = new ArrayList<>();

  static Orders order(String name) {
    Orders o = new Orders();
    o.name = name;
    o.id = "gid://shopify/Order/" + name.replaceAll("\\D", "");
    return o;
  }

  Orders of(String... contacts) {
    this.contacts.addAll(List.of(contacts));
    return this;
  }

  Orders zip(String zip) {
    this.zip = zip;
    return this;
  }

  Orders placed(Duration ago) {
    this.placedAt = NOW.minus(ago);
    return this;
  }

  Orders items(String... titles) {
    items.clear();
    for (String t : titles) items.add(new Order.Item(t, 1));
    return this;
  }

  Orders cancelled(Duration ago, String refund) {
    cancelledAt = NOW.minus(ago);
    refunded = new Order.Money(new BigDecimal(refund), "USD");
    return this;
  }

  Orders inTransit(String carrier, String number, Duration expectedIn) {
    shipments.add(new Order.Shipment(Order.Delivery.IN_TRANSIT, Optional.of(carrier), Optional.of(number),
        Optional.of(URI.create("https://track.example/" + number)), Optional.of(NOW.plus(expectedIn)), Optional.empty()));
    return this;
  }

  Orders delivered(String carrier, Duration ago) {
    shipments.add(new Order.Shipment(Order.Delivery.DELIVERED, Optional.of(carrier), Optional.of("TN" + shipments.size()),
        Optional.of(URI.create("https://track.example/TN" + shipments.size())), Optional.empty(), Optional.of(NOW.minus(ago))));
    return this;
  }

  Orders returnRequested(Duration ago) {
    returns.add(new Order.ReturnCase(name + "-R1", Order.ReturnState.REQUESTED, NOW.minus(ago)));
    return this;
  }

  Order build() {
    return new Order(id, name, placedAt, contacts, Optional.ofNullable(zip), Optional.ofNullable(cancelledAt),
        cancelledAt != null ? Order.Payment.REFUNDED : Order.Payment.PAID, Optional.ofNullable(refunded), items, shipments, returns,
        Optional.of(URI.create("https://shop.example/orders/" + id.hashCode())));
  }
}
