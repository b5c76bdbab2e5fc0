package dev.sidekick.shopsim.seed;

import java.util.ArrayList;
import java.util.List;

/**
 * The YAML seed of a shop (README: "Seed"). Times are ISO-8601 instants or relative to the simulator's start or last
 * reset: {@code -3d}, {@code -5h}, {@code +2d}, {@code -30m}.
 */
public final class ShopSeed {
  public ShopInfo shop = new ShopInfo();
  public List<Token> accessTokens = new ArrayList<>();
  public List<CustomerSeed> customers = new ArrayList<>();
  public List<OrderSeed> orders = new ArrayList<>();

  public static final class ShopInfo {
    public String name = "Sim Shop";
    public String domain = "sim-shop.myshopify.com";
    public String timezone = "UTC";
    public String currency = "USD";
    /** Order names are prefix + number + suffix ("#1001", "EN1001"). */
    public String orderNamePrefix = "#";
    public String orderNameSuffix = "";
  }

  public static final class Token {
    public String token;
    public List<String> scopes = new ArrayList<>();
  }

  public static final class CustomerSeed {
    public String key;
    public String name;
    public String email;
    public String phone;
  }

  public static final class OrderSeed {
    public Integer number;
    /** A customer key; absent for a guest checkout. */
    public String customer;
    /** Defaults to the customer's email (a guest order must give one or a phone). */
    public String email;
    public String phone;
    public String processedAt = "-1d";
    public String createdAt;
    public String cancelledAt;
    public String cancelReason;
    public boolean closed;
    public boolean test;
    public String financialStatus;
    public String fulfillmentStatus;
    public AddressSeed shippingAddress;
    public List<LineItemSeed> lineItems = new ArrayList<>();
    public List<FulfillmentSeed> fulfillments = new ArrayList<>();
    public List<ReturnSeed> returns = new ArrayList<>();
    public List<RefundSeed> refunds = new ArrayList<>();
  }

  public static final class AddressSeed {
    public String city;
    public String zip;
    public String province;
    public String country;
  }

  public static final class LineItemSeed {
    public String title;
    public int quantity = 1;
    public String sku;
    public String price = "10.00";
  }

  public static final class FulfillmentSeed {
    public String status = "SUCCESS";
    public String displayStatus = "FULFILLED";
    public String createdAt;
    public String inTransitAt;
    public String deliveredAt;
    public String estimatedDeliveryAt;
    public List<TrackingSeed> tracking = new ArrayList<>();
  }

  public static final class TrackingSeed {
    public String company;
    public String number;
    public String url;
  }

  public static final class ReturnSeed {
    public String status = "REQUESTED";
    public String createdAt;
    public String closedAt;
  }

  public static final class RefundSeed {
    public String createdAt;
    public String amount;
    public String note;
    /** 1-based index of the order's return this refund belongs to. */
    public Integer returnIndex;
  }
}
