package dev.sidekick.shopsim.state;

import dev.sidekick.shopsim.seed.ShopSeed;
import dev.sidekick.shopsim.seed.When;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The shop as a seed describes it, at one moment ("now" = start or last reset). Immutable: a reset builds a new one.
 * Ids are deterministic, so that a reset gives the same ids.
 */
public final class ShopState {
  private static final long SHOP_ID = 73_400_000L;
  private static final long ORDER_BASE = 6_600_000_000_000L;
  private static final long CUSTOMER_BASE = 8_100_000_000_000L;
  private static final Set<String> FINANCIAL =
      Set.of("PENDING", "AUTHORIZED", "PARTIALLY_PAID", "PARTIALLY_REFUNDED", "VOIDED", "PAID", "REFUNDED", "EXPIRED");

  private final String name;
  private final String domain;
  private final ZoneId timezone;
  private final String currency;
  private final Instant now;
  private final Map<String, Set<String>> scopesByToken;
  private final Map<Long, Customer> customers;
  private final Map<Long, Order> orders;

  private ShopState(String name, String domain, ZoneId timezone, String currency, Instant now,
      Map<String, Set<String>> scopesByToken, Map<Long, Customer> customers, Map<Long, Order> orders) {
    this.name = name;
    this.domain = domain;
    this.timezone = timezone;
    this.currency = currency;
    this.now = now;
    this.scopesByToken = scopesByToken;
    this.customers = customers;
    this.orders = orders;
  }

  public static ShopState from(ShopSeed seed, Instant now) {
    ShopSeed.ShopInfo shop = seed.shop;
    Map<String, Set<String>> tokens = new LinkedHashMap<>();
    for (ShopSeed.Token t : seed.accessTokens) {
      if (t.token == null || t.token.isBlank()) throw new IllegalArgumentException("accessTokens: a token is empty");
      tokens.put(t.token, Set.copyOf(t.scopes));
    }
    Map<String, Customer> byKey = new LinkedHashMap<>();
    Map<Long, Customer> customers = new LinkedHashMap<>();
    int ci = 0;
    for (ShopSeed.CustomerSeed c : seed.customers) {
      ci++;
      if (c.key == null) throw new IllegalArgumentException("customers[" + ci + "]: key is required");
      Customer customer = new Customer(CUSTOMER_BASE + ci, c.key, c.name == null ? c.key : c.name, c.email, c.phone);
      if (byKey.put(c.key, customer) != null) throw new IllegalArgumentException("customers: duplicate key " + c.key);
      customers.put(customer.legacyId(), customer);
    }
    Map<Long, Order> orders = new LinkedHashMap<>();
    int oi = 0;
    long childIds = 40_000_000_000L;
    for (ShopSeed.OrderSeed o : seed.orders) {
      oi++;
      String where = "orders[" + oi + "]";
      if (o.number == null) throw new IllegalArgumentException(where + ": number is required");
      Customer customer = null;
      if (o.customer != null) {
        customer = byKey.get(o.customer);
        if (customer == null) throw new IllegalArgumentException(where + ": no customer with key " + o.customer);
      }
      long id = ORDER_BASE + oi;
      Instant processed = When.at(o.processedAt, now, where + ".processedAt");
      Instant created = o.createdAt == null ? processed : When.at(o.createdAt, now, where + ".createdAt");
      Instant cancelled = When.at(o.cancelledAt, now, where + ".cancelledAt");
      List<Order.LineItem> items = new ArrayList<>();
      for (ShopSeed.LineItemSeed li : o.lineItems) {
        items.add(new Order.LineItem(++childIds, li.title, li.quantity, cancelled != null ? 0 : li.quantity, li.sku,
            new BigDecimal(li.price)));
      }
      String orderName = shop.orderNamePrefix + o.number + shop.orderNameSuffix;
      List<Order.Fulfillment> fulfillments = new ArrayList<>();
      int fi = 0;
      for (ShopSeed.FulfillmentSeed f : o.fulfillments) {
        fi++;
        String fw = where + ".fulfillments[" + fi + "]";
        Instant fCreated = f.createdAt == null ? processed : When.at(f.createdAt, now, fw + ".createdAt");
        Instant inTransit = When.at(f.inTransitAt, now, fw + ".inTransitAt");
        Instant delivered = When.at(f.deliveredAt, now, fw + ".deliveredAt");
        Instant updated = latest(fCreated, inTransit, delivered);
        List<Order.Tracking> tracking = f.tracking.stream().map(t -> new Order.Tracking(t.company, t.number, t.url)).toList();
        fulfillments.add(new Order.Fulfillment(++childIds, orderName + "-F" + fi, f.status, f.displayStatus, fCreated, updated,
            inTransit, delivered, When.at(f.estimatedDeliveryAt, now, fw + ".estimatedDeliveryAt"), tracking));
      }
      List<Order.Return> returns = new ArrayList<>();
      int ri = 0;
      for (ShopSeed.ReturnSeed r : o.returns) {
        ri++;
        String rw = where + ".returns[" + ri + "]";
        returns.add(new Order.Return(++childIds, orderName + "-R" + ri, r.status,
            r.createdAt == null ? now : When.at(r.createdAt, now, rw + ".createdAt"), When.at(r.closedAt, now, rw + ".closedAt")));
      }
      List<Order.Refund> refunds = new ArrayList<>();
      int fiRefund = 0;
      for (ShopSeed.RefundSeed r : o.refunds) {
        fiRefund++;
        String rw = where + ".refunds[" + fiRefund + "]";
        Long returnId = null;
        if (r.returnIndex != null) {
          if (r.returnIndex < 1 || r.returnIndex > returns.size()) throw new IllegalArgumentException(rw + ": no return " + r.returnIndex);
          returnId = returns.get(r.returnIndex - 1).legacyId();
        }
        refunds.add(new Order.Refund(++childIds, r.createdAt == null ? now : When.at(r.createdAt, now, rw + ".createdAt"),
            new BigDecimal(r.amount == null ? "0" : r.amount), r.note, returnId));
      }
      String email = o.email != null ? o.email : customer != null ? customer.email() : null;
      String phone = o.phone;
      Order.Address address = o.shippingAddress == null ? null
          : new Order.Address(o.shippingAddress.city, o.shippingAddress.zip, o.shippingAddress.province, o.shippingAddress.country);
      Order draft = new Order(id, o.number, orderName, email, phone, customer == null ? null : customer.legacyId(), created, processed,
          latest(processed, cancelled), cancelled, o.cancelReason, o.closed || cancelled != null, o.closed || cancelled != null
              ? latest(processed, cancelled) : null, o.test, confirmation(id), null, null, statusPage(shop.domain, id), address,
          List.copyOf(items), List.copyOf(fulfillments), List.copyOf(returns), List.copyOf(refunds));
      String financial = o.financialStatus != null ? o.financialStatus : financialStatus(draft, cancelled, shop.currency);
      if (!FINANCIAL.contains(financial)) throw new IllegalArgumentException(where + ": unknown financialStatus " + financial);
      String fulfillment = o.fulfillmentStatus != null ? o.fulfillmentStatus : fulfillmentStatus(fulfillments);
      orders.put(id, new Order(id, draft.number(), orderName, email, phone, draft.customerId(), created, processed, draft.updatedAt(),
          cancelled, o.cancelReason, draft.closed(), draft.closedAt(), o.test, draft.confirmationNumber(), financial, fulfillment,
          draft.statusPageUrl(), address, draft.lineItems(), draft.fulfillments(), draft.returns(), draft.refunds()));
    }
    return new ShopState(shop.name, shop.domain, ZoneId.of(shop.timezone), shop.currency, now, Map.copyOf(tokens),
        java.util.Collections.unmodifiableMap(customers), java.util.Collections.unmodifiableMap(orders));
  }

  private static Instant latest(Instant... instants) {
    Instant latest = null;
    for (Instant i : instants) if (i != null && (latest == null || i.isAfter(latest))) latest = i;
    return latest;
  }

  /** Shopify's display status when the seed does not pin it: refunds and voids as the admin shows them. */
  private static String financialStatus(Order draft, Instant cancelled, String currency) {
    BigDecimal refunded = draft.totalRefunded(currency).amount();
    BigDecimal total = draft.totalPrice(currency).amount();
    if (refunded.signum() > 0) return refunded.compareTo(total) >= 0 ? "REFUNDED" : "PARTIALLY_REFUNDED";
    return cancelled != null ? "VOIDED" : "PAID";
  }

  private static String fulfillmentStatus(List<Order.Fulfillment> fulfillments) {
    boolean any = fulfillments.stream().anyMatch(f -> !f.status().equals("CANCELLED"));
    return any ? "FULFILLED" : "UNFULFILLED";
  }

  private static String confirmation(long id) {
    return hex("confirmation" + id).substring(0, 9).toUpperCase();
  }

  /** The customer's order status page (its tracking page), shaped like Shopify's. */
  private static String statusPage(String domain, long id) {
    return "https://" + domain + "/" + SHOP_ID + "/orders/" + hex("order" + id) + "/authenticate?key=" + hex("key" + id);
  }

  private static String hex(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public String name() {
    return name;
  }

  public String shopGid() {
    return "gid://shopify/Shop/" + SHOP_ID;
  }

  public String domain() {
    return domain;
  }

  public ZoneId timezone() {
    return timezone;
  }

  public String currency() {
    return currency;
  }

  /** The moment the seed's relative times count from. */
  public Instant now() {
    return now;
  }

  /** The scopes of an access token; empty when the token is unknown. */
  public Optional<Set<String>> scopes(String token) {
    return Optional.ofNullable(scopesByToken.get(token));
  }

  public Set<String> tokens() {
    return scopesByToken.keySet();
  }

  /** Orders in seed order (the order they were placed in the shop). */
  public List<Order> orders() {
    return List.copyOf(orders.values());
  }

  public Optional<Order> order(long legacyId) {
    return Optional.ofNullable(orders.get(legacyId));
  }

  public Optional<Order> orderByName(String name) {
    return orders.values().stream().filter(o -> o.name().equalsIgnoreCase(name)).findFirst();
  }

  public List<Customer> customers() {
    return List.copyOf(customers.values());
  }

  public Optional<Customer> customer(long legacyId) {
    return Optional.ofNullable(customers.get(legacyId));
  }

  public Optional<Customer> customerByKey(String key) {
    return customers.values().stream().filter(c -> c.key().equals(key)).findFirst();
  }

  public List<Order> ordersOf(Customer customer) {
    return orders.values().stream().filter(o -> Long.valueOf(customer.legacyId()).equals(o.customerId())).toList();
  }

  /** The order a return belongs to, and the return. */
  public Optional<Map.Entry<Order, Order.Return>> returnById(long legacyId) {
    for (Order o : orders.values()) {
      for (Order.Return r : o.returns()) if (r.legacyId() == legacyId) return Optional.of(Map.entry(o, r));
    }
    return Optional.empty();
  }
}
