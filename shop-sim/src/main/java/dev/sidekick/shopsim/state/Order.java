package dev.sidekick.shopsim.state;

import java.time.Instant;
import java.util.List;

/**
 * One order as Shopify holds it. The statuses Shopify derives (financial, fulfilment, return) are derived here the same
 * way unless the seed pins them ({@link ShopState}).
 */
public record Order(
    long legacyId,
    int number,
    String name,
    String email,
    String phone,
    Long customerId,
    Instant createdAt,
    Instant processedAt,
    Instant updatedAt,
    Instant cancelledAt,
    String cancelReason,
    boolean closed,
    Instant closedAt,
    boolean test,
    String confirmationNumber,
    String displayFinancialStatus,
    String displayFulfillmentStatus,
    String statusPageUrl,
    Address shippingAddress,
    List<LineItem> lineItems,
    List<Fulfillment> fulfillments,
    List<Return> returns,
    List<Refund> refunds) {

  public String gid() {
    return "gid://shopify/Order/" + legacyId;
  }

  public Money totalPrice(String currency) {
    Money total = Money.zero(currency);
    for (LineItem li : lineItems) total = total.plus(li.total(currency));
    return total;
  }

  public Money totalRefunded(String currency) {
    Money total = Money.zero(currency);
    for (Refund r : refunds) total = total.plus(new Money(r.amount(), currency));
    return total;
  }

  /** Order.returnStatus, derived from its returns as Shopify does (API.md §8.9). */
  public String returnStatus() {
    if (returns.stream().anyMatch(r -> r.status().equals("CLOSED"))) return "RETURNED";
    if (returns.stream().anyMatch(r -> r.status().equals("OPEN"))) return "IN_PROGRESS";
    if (returns.stream().anyMatch(r -> r.status().equals("REQUESTED"))) return "RETURN_REQUESTED";
    return "NO_RETURN";
  }

  public record Address(String city, String zip, String provinceCode, String countryCode) {}

  public record LineItem(long legacyId, String title, int quantity, int currentQuantity, String sku, java.math.BigDecimal price) {
    public String gid() {
      return "gid://shopify/LineItem/" + legacyId;
    }

    Money total(String currency) {
      return new Money(price.multiply(java.math.BigDecimal.valueOf(quantity)), currency);
    }
  }

  public record Fulfillment(
      long legacyId,
      String name,
      String status,
      String displayStatus,
      Instant createdAt,
      Instant updatedAt,
      Instant inTransitAt,
      Instant deliveredAt,
      Instant estimatedDeliveryAt,
      List<Tracking> tracking) {
    public String gid() {
      return "gid://shopify/Fulfillment/" + legacyId;
    }
  }

  public record Tracking(String company, String number, String url) {}

  public record Return(long legacyId, String name, String status, Instant createdAt, Instant closedAt) {
    public String gid() {
      return "gid://shopify/Return/" + legacyId;
    }
  }

  public record Refund(long legacyId, Instant createdAt, java.math.BigDecimal amount, String note, Long returnId) {
    public String gid() {
      return "gid://shopify/Refund/" + legacyId;
    }
  }
}
