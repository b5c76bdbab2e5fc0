package dev.sidekick.shopsim.graphql;

import dev.sidekick.shopsim.state.Customer;
import dev.sidekick.shopsim.state.Money;
import dev.sidekick.shopsim.state.Order;
import dev.sidekick.shopsim.state.ShopState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shop's records as GraphQL sees them: one map per object, keyed by field name (graphql-java reads maps). Fields
 * that need the shop or arguments (connections, the customer, a return's order) get data fetchers in
 * {@link AdminSchema}; {@link #ID} carries the numeric id for cursors and look-ups.
 */
final class Nodes {
  static final String ID = "__legacyId";
  static final String CUSTOMER_ID = "__customerId";
  static final String ORDER_ID = "__orderId";
  static final String RETURN_ID = "__returnId";

  private Nodes() {}

  static Map<String, Object> order(Order o, ShopState shop) {
    Map<String, Object> m = new HashMap<>();
    m.put(ID, o.legacyId());
    m.put(CUSTOMER_ID, o.customerId());
    m.put("id", o.gid());
    m.put("legacyResourceId", Long.toString(o.legacyId()));
    m.put("name", o.name());
    m.put("number", o.number());
    m.put("email", o.email());
    m.put("phone", o.phone());
    m.put("createdAt", o.createdAt());
    m.put("processedAt", o.processedAt());
    m.put("updatedAt", o.updatedAt());
    m.put("cancelledAt", o.cancelledAt());
    m.put("cancelReason", o.cancelReason());
    m.put("closed", o.closed());
    m.put("closedAt", o.closedAt());
    m.put("test", o.test());
    m.put("confirmationNumber", o.confirmationNumber());
    m.put("displayFinancialStatus", o.displayFinancialStatus());
    m.put("displayFulfillmentStatus", o.displayFulfillmentStatus());
    m.put("returnStatus", o.returnStatus());
    m.put("statusPageUrl", o.statusPageUrl());
    m.put("totalPriceSet", moneyBag(o.totalPrice(shop.currency())));
    m.put("totalRefundedSet", moneyBag(o.totalRefunded(shop.currency())));
    if (o.shippingAddress() != null) {
      Order.Address a = o.shippingAddress();
      Map<String, Object> addr = new HashMap<>();
      addr.put("id", "gid://shopify/MailingAddress/" + o.legacyId() + "?model_name=Address");
      addr.put("city", a.city());
      addr.put("zip", a.zip());
      addr.put("provinceCode", a.provinceCode());
      addr.put("countryCodeV2", a.countryCode());
      m.put("shippingAddress", addr);
    }
    m.put("lineItems", o.lineItems().stream().map(li -> {
      Map<String, Object> item = new HashMap<>();
      item.put(ID, li.legacyId());
      item.put("id", li.gid());
      item.put("title", li.title());
      item.put("quantity", li.quantity());
      item.put("currentQuantity", li.currentQuantity());
      item.put("sku", li.sku());
      return item;
    }).toList());
    m.put("fulfillments", o.fulfillments().stream().map(Nodes::fulfillment).toList());
    m.put("returns", o.returns().stream().map(r -> ret(r, o)).toList());
    m.put("refunds", o.refunds().stream().map(r -> {
      Map<String, Object> refund = new HashMap<>();
      refund.put(ID, r.legacyId());
      refund.put(RETURN_ID, r.returnId());
      refund.put(ORDER_ID, o.legacyId());
      refund.put("id", r.gid());
      refund.put("createdAt", r.createdAt());
      refund.put("note", r.note());
      refund.put("totalRefundedSet", moneyBag(new Money(r.amount(), shop.currency())));
      return refund;
    }).toList());
    return m;
  }

  private static Map<String, Object> fulfillment(Order.Fulfillment f) {
    Map<String, Object> m = new HashMap<>();
    m.put(ID, f.legacyId());
    m.put("id", f.gid());
    m.put("name", f.name());
    m.put("status", f.status());
    m.put("displayStatus", f.displayStatus());
    m.put("createdAt", f.createdAt());
    m.put("updatedAt", f.updatedAt());
    m.put("inTransitAt", f.inTransitAt());
    m.put("deliveredAt", f.deliveredAt());
    m.put("estimatedDeliveryAt", f.estimatedDeliveryAt());
    m.put("trackingInfo", f.tracking().stream().map(t -> {
      Map<String, Object> info = new HashMap<>();
      info.put("company", t.company());
      info.put("number", t.number());
      info.put("url", t.url());
      return info;
    }).toList());
    return m;
  }

  static Map<String, Object> ret(Order.Return r, Order o) {
    Map<String, Object> m = new HashMap<>();
    m.put(ID, r.legacyId());
    m.put(ORDER_ID, o.legacyId());
    m.put("id", r.gid());
    m.put("name", r.name());
    m.put("status", r.status());
    m.put("createdAt", r.createdAt());
    m.put("closedAt", r.closedAt());
    return m;
  }

  static Map<String, Object> customer(Customer c, List<Order> orders) {
    Map<String, Object> m = new HashMap<>();
    m.put(ID, c.legacyId());
    m.put("id", c.gid());
    m.put("legacyResourceId", Long.toString(c.legacyId()));
    m.put("displayName", c.displayName());
    m.put("numberOfOrders", Integer.toString(orders.size()));
    m.put("email", c.email());
    m.put("phone", c.phone());
    m.put("defaultEmailAddress", c.email() == null ? null : Map.of("emailAddress", c.email()));
    m.put("defaultPhoneNumber", c.phone() == null ? null : Map.of("phoneNumber", c.phone()));
    return m;
  }

  static Map<String, Object> shop(ShopState shop) {
    return Map.of("id", shop.shopGid(), "name", shop.name(), "myshopifyDomain", shop.domain(), "ianaTimezone",
        shop.timezone().getId());
  }

  private static Map<String, Object> moneyBag(Money money) {
    Map<String, Object> m = Map.of("amount", money.decimal(), "currencyCode", money.currencyCode());
    return Map.of("shopMoney", m, "presentmentMoney", m);
  }
}
