package dev.sidekick.runtime.commerce;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Order facts in the words a customer reads: status, carrier, tracking link, expected or actual delivery, returns and
 * refunds; a menu when several orders are open; the request for proof. Plain text, usable in chat and in email.
 */
public final class OrderText {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE, MMMM d", Locale.ENGLISH);
  private static final DateTimeFormatter DAY_YEAR = DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy", Locale.ENGLISH);
  static final int MENU_SIZE = 5;
  static final String MENU_PROMPT = "Which order do you mean?";

  private OrderText() {}

  /** One order to talk about, or a menu to pick one of several open orders. */
  public sealed interface Choice {}

  public record One(Order order) implements Choice {}

  /**
   * Menu options: ids {@code order-a}, {@code order-b}, …; a pick comes back as the label, which names the order (or
   * as the id: {@code numbers} holds each option's order number, in the same order).
   */
  public record Menu(String prompt, List<Option> options, List<String> numbers) implements Choice {
    public Menu {
      options = List.copyOf(options);
      numbers = List.copyOf(numbers);
    }
  }

  public record Option(String id, String label) {}

  /** Several open orders → a menu (newest first, at most 5); else the one open order, or the newest. */
  public static Choice choose(List<Order> orders) {
    if (orders.isEmpty()) throw new IllegalArgumentException("no orders to choose from");
    List<Order> open = orders.stream().filter(Order::open).toList();
    if (open.size() <= 1) return new One(open.isEmpty() ? orders.get(0) : open.get(0));
    return menu(open);
  }

  /**
   * For a return: several orders that arrived (or are being returned) → a menu; else that one order, or the newest
   * that is not cancelled (its eligibility then says why it cannot be returned yet), or the newest.
   */
  public static Choice chooseToReturn(List<Order> orders) {
    if (orders.isEmpty()) throw new IllegalArgumentException("no orders to choose from");
    List<Order> arrived = orders.stream()
        .filter(o -> !o.cancelled() && (!o.returns().isEmpty()
            || o.shipments().stream().anyMatch(s -> s.delivery() == Order.Delivery.DELIVERED)))
        .toList();
    if (arrived.size() > 1) return menu(arrived);
    if (arrived.size() == 1) return new One(arrived.get(0));
    return new One(orders.stream().filter(o -> !o.cancelled()).findFirst().orElse(orders.get(0)));
  }

  /** Options {@code order-a}, {@code order-b}, … whose labels name the order ("#1002 · Merino Socks · not shipped yet"). */
  private static Menu menu(List<Order> orders) {
    List<Option> options = new ArrayList<>();
    List<String> numbers = new ArrayList<>();
    for (Order o : orders.subList(0, Math.min(MENU_SIZE, orders.size()))) {
      options.add(new Option("order-" + (char) ('a' + options.size()), o.name() + " · " + items(o) + " · " + shortState(o)));
      numbers.add(o.name().replaceAll("\\D", ""));
    }
    return new Menu(MENU_PROMPT, options, numbers);
  }

  /** The order number of a menu pick: the option's label (which names the order) or its id; empty for anything else. */
  public static java.util.Optional<String> picked(String message, List<String> menuNumbers) {
    String m = message.trim();
    if (m.matches("order-[a-e]")) {
      int i = m.charAt(6) - 'a';
      return i < menuNumbers.size() ? java.util.Optional.of(menuNumbers.get(i)) : java.util.Optional.empty();
    }
    return java.util.Optional.empty();
  }

  /** One line per order for the agent's note: its number, items and where it stands (what the agent needs). */
  public static String forAgent(List<Order> orders) {
    StringBuilder b = new StringBuilder();
    for (Order o : orders.subList(0, Math.min(MENU_SIZE, orders.size()))) {
      if (b.length() > 0) b.append('\n');
      b.append("- ").append(o.name()).append(" (").append(items(o)).append("): ")
          .append(o.cancelled() ? "cancelled" : shortState(o));
    }
    return b.toString();
  }

  /** Where the order is: one paragraph per parcel, then returns and refunds. */
  public static String status(Order o, ZoneId zone, Instant now) {
    StringBuilder b = new StringBuilder();
    String title = "Your order " + o.name() + " (" + items(o) + ")";
    if (o.cancelled()) {
      b.append(title).append(" was cancelled on ").append(day(o.cancelledAt().get(), zone, now)).append('.');
      o.refunded().ifPresent(m -> b.append(" A refund of ").append(money(m)).append(" was issued to your original payment method."));
      return b.toString();
    }
    List<Order.Shipment> parcels = o.shipments().stream().filter(s -> s.delivery() != Order.Delivery.CANCELLED).toList();
    if (parcels.isEmpty()) {
      b.append(title).append(", placed on ").append(day(o.placedAt(), zone, now))
          .append(", hasn't shipped yet. You'll get the tracking link by email as soon as it does.");
    } else if (parcels.size() == 1) {
      b.append(title).append(' ').append(parcel(parcels.get(0), zone, now));
    } else {
      b.append(title).append(" was sent in ").append(parcels.size()).append(" parcels:");
      for (Order.Shipment s : parcels) b.append("\n- One ").append(parcel(s, zone, now));
    }
    for (Order.ReturnCase r : o.returns()) b.append("\n").append(returnLine(r, zone, now));
    if (o.returns().isEmpty()) {
      o.refunded().ifPresent(m -> b.append("\nA refund of ").append(money(m)).append(" was issued to your original payment method."));
    }
    return b.toString();
  }

  /** Whether and how the order can be returned. */
  public static String returns(Order o, ReturnPolicy.Eligibility e, ZoneId zone, Instant now) {
    String order = "Your order " + o.name() + " (" + items(o) + ")";
    if (e instanceof ReturnPolicy.Returnable r) {
      return order + " can be returned until " + day(r.until(), zone, now) + "."
          + r.where().map(u -> " You can start the return here: " + u).orElse(" Reply here and we'll start the return for you.");
    }
    if (e instanceof ReturnPolicy.WindowClosed w) {
      return order + " is past its return window, which closed on " + day(w.closedAt(), zone, now) + ".";
    }
    if (e instanceof ReturnPolicy.NotDeliveredYet) {
      return order + " hasn't been delivered yet. Once it arrives you can return it within the return window.";
    }
    if (e instanceof ReturnPolicy.AlreadyReturning a) return returnLine(a.returnCase(), zone, now);
    return order + " was cancelled, so there is nothing to return.";
  }

  /** The request for proof; after a claim that did not match, the same words whether the number exists or not. */
  public static String askForProof(boolean retry) {
    return (retry ? "I couldn't find an order with that number and email address or postal code. Please check both and try again: "
        : "I can look that up for you. Please send me ")
        + "your order number and the email address or postal code on the order.";
  }

  /** To the customer when the lookup could not be made: a person follows up. */
  public static String couldNotLookUp() {
    return "I can't look up your order right now. A member of our team will follow up with you shortly.";
  }

  /** To the customer who asked to cancel: a person takes it from here (Sidekick cancels nothing itself). */
  public static String cancellationPassedOn() {
    return "I've passed your request to cancel to our team. A member of our team will follow up with you shortly.";
  }

  /** To the customer when verification failed too often: a person takes over. */
  public static String notVerified() {
    return "I'm sorry, I couldn't verify that order. A member of our team will help you from here.";
  }

  private static String parcel(Order.Shipment s, ZoneId zone, Instant now) {
    String carrier = s.carrier().map(c -> " with " + c).orElse("");
    String track = s.trackingUrl().map(u -> " Track it here: " + u).orElse("")
        + s.trackingNumber().map(n -> " (tracking number " + n + ")").orElse("");
    String expected = s.expectedAt().map(t -> " Expected delivery: " + day(t, zone, now) + ".").orElse("");
    return switch (s.delivery()) {
      case PREPARING -> "is packed and waiting for the carrier" + carrier + "." + track + expected;
      case SHIPPED -> "has shipped" + carrier + "." + track + expected;
      case IN_TRANSIT -> "is on its way" + carrier + "." + track + expected;
      case OUT_FOR_DELIVERY -> "is out for delivery" + carrier + " today." + track;
      case READY_FOR_PICKUP -> "is ready for pickup" + carrier + "." + track;
      case DELIVERED -> "was delivered" + s.deliveredAt().map(t -> " on " + day(t, zone, now)).orElse("") + carrier + "." + track;
      case PROBLEM -> "has a delivery problem reported by the carrier" + carrier.replace(" with ", " ") + "." + track
          + " If it doesn't arrive soon, reply here and a member of our team will help.";
      case CANCELLED -> "was cancelled.";
    };
  }

  private static String returnLine(Order.ReturnCase r, ZoneId zone, Instant now) {
    String since = " (requested on " + day(r.requestedAt(), zone, now) + ")";
    return switch (r.state()) {
      case REQUESTED -> "Your return " + r.name() + since + " is waiting for approval.";
      case IN_PROGRESS -> "Your return " + r.name() + since + " is approved and in progress.";
      case CLOSED -> "Your return " + r.name() + since + " is complete.";
      case DECLINED -> "Your return request " + r.name() + since + " was declined.";
      case CANCELLED -> "Your return request " + r.name() + since + " was cancelled.";
    };
  }

  private static String shortState(Order o) {
    if (!o.returns().isEmpty()) return "return " + o.returns().get(0).state().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    if (o.shipments().isEmpty()) return "not shipped yet";
    if (o.shipments().stream().anyMatch(s -> s.delivery() == Order.Delivery.PROBLEM)) return "delivery problem";
    if (!o.open()) return "delivered";
    if (o.shipments().stream().anyMatch(s -> s.delivery() == Order.Delivery.DELIVERED)) return "partly delivered";
    return "on its way";
  }

  private static String items(Order o) {
    if (o.items().isEmpty()) return "no items";
    String first = o.items().get(0).title();
    int more = o.items().size() - 1;
    return more == 0 ? first : first + " and " + more + " more item" + (more == 1 ? "" : "s");
  }

  private static String money(Order.Money m) {
    return m.amount().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString() + " " + m.currency();
  }

  private static String day(Instant t, ZoneId zone, Instant now) {
    ZonedDateTime at = t.atZone(zone);
    return (at.getYear() == now.atZone(zone).getYear() ? DAY : DAY_YEAR).format(at);
  }
}
