package dev.sidekick.shopsim.graphql;

import dev.sidekick.shopsim.state.Customer;
import dev.sidekick.shopsim.state.Order;
import dev.sidekick.shopsim.state.ShopState;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;

/** The filterable fields of the orders and customers connections (API.md §3.1), as the simulator reads them. */
final class Searches {
  private Searches() {}

  static SearchQuery<Order> orders(String query, ShopState shop) {
    Map<String, BiPredicate<Order, SearchQuery.Term>> fields = Map.ofEntries(
        Map.entry("name", (o, t) -> bareName(o.name()).equalsIgnoreCase(bareName(t.value()))),
        // how Shopify's orders email: filter matches is unconfirmed (API.md §8.3); exact and case-insensitive here
        Map.entry("email", (o, t) -> o.email() != null && o.email().equalsIgnoreCase(t.value().trim())),
        Map.entry("id", (o, t) -> Long.toString(o.legacyId()).equals(t.value())),
        Map.entry("customer_id", (o, t) -> o.customerId() != null && o.customerId().toString().equals(t.value())),
        Map.entry("confirmation_number", (o, t) -> t.value().equalsIgnoreCase(o.confirmationNumber())),
        Map.entry("status", (o, t) -> switch (t.value().toLowerCase(Locale.ROOT)) {
          case "open" -> !o.closed() && o.cancelledAt() == null;
          case "closed" -> o.closed();
          case "cancelled" -> o.cancelledAt() != null;
          case "not_closed" -> !o.closed();
          default -> false;
        }),
        Map.entry("financial_status", (o, t) -> t.value().equalsIgnoreCase(o.displayFinancialStatus())),
        Map.entry("fulfillment_status", (o, t) -> switch (t.value().toLowerCase(Locale.ROOT)) {
          case "shipped", "fulfilled" -> o.displayFulfillmentStatus().equals("FULFILLED");
          case "partial" -> o.displayFulfillmentStatus().equals("PARTIALLY_FULFILLED");
          case "unshipped", "unfulfilled" -> o.displayFulfillmentStatus().equals("UNFULFILLED");
          default -> o.displayFulfillmentStatus().equalsIgnoreCase(t.value());
        }),
        Map.entry("return_status", (o, t) -> t.value().equalsIgnoreCase(o.returnStatus())),
        Map.entry("test", (o, t) -> Boolean.parseBoolean(t.value()) == o.test()),
        Map.entry("created_at", (o, t) -> compare(o.createdAt(), t, shop)),
        Map.entry("processed_at", (o, t) -> compare(o.processedAt(), t, shop)),
        Map.entry("updated_at", (o, t) -> compare(o.updatedAt(), t, shop)));
    return SearchQuery.parse(query, fields, (o, t) -> contains(o.name(), t.value()) || contains(o.email(), t.value()));
  }

  static SearchQuery<Customer> customers(String query) {
    Map<String, BiPredicate<Customer, SearchQuery.Term>> fields = Map.of(
        "email", (c, t) -> c.email() != null && c.email().equalsIgnoreCase(t.value().trim()),
        "phone", (c, t) -> c.phone() != null && digits(c.phone()).equals(digits(t.value())),
        "id", (c, t) -> Long.toString(c.legacyId()).equals(t.value()),
        "first_name", (c, t) -> c.displayName().toLowerCase(Locale.ROOT).startsWith(t.value().toLowerCase(Locale.ROOT)),
        "last_name", (c, t) -> c.displayName().toLowerCase(Locale.ROOT).endsWith(t.value().toLowerCase(Locale.ROOT)));
    return SearchQuery.parse(query, fields, (c, t) -> contains(c.displayName(), t.value()) || contains(c.email(), t.value()));
  }

  /** "#1001" and "1001" name the same order (API.md §8.1); a prefixed name needs the whole token. */
  private static String bareName(String name) {
    String n = name.trim();
    return n.startsWith("#") ? n.substring(1) : n;
  }

  private static String digits(String phone) {
    return phone.replaceAll("[^0-9]", "");
  }

  private static boolean contains(String field, String word) {
    return field != null && field.toLowerCase(Locale.ROOT).contains(word.toLowerCase(Locale.ROOT));
  }

  private static boolean compare(Instant value, SearchQuery.Term t, ShopState shop) {
    Instant bound = t.value().equalsIgnoreCase("now") ? shop.now() : parseDate(t.value());
    if (bound == null || value == null) return false;
    int c = value.compareTo(bound);
    return switch (t.comparator()) {
      case ":>" -> c > 0;
      case ":>=" -> c >= 0;
      case ":<" -> c < 0;
      case ":<=" -> c <= 0;
      default -> value.atZone(ZoneOffset.UTC).toLocalDate().equals(bound.atZone(ZoneOffset.UTC).toLocalDate());
    };
  }

  private static Instant parseDate(String s) {
    try {
      return s.length() == 10 ? LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(s);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
