package dev.sidekick.shopsim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An app reads the seeded shop's orders the ways Sidekick does: by number, by email, by a customer's phone. */
class OrdersQueryTest {
  @RegisterExtension static final ShopSimExtension shop = ShopSimExtension.seeded("acme");
  private final AdminClient admin = new AdminClient(shop);

  private static final String ORDER_FIELDS = """
      fragment OrderFacts on Order {
        id name email processedAt cancelledAt cancelReason displayFinancialStatus displayFulfillmentStatus returnStatus
        statusPageUrl totalPriceSet { shopMoney { amount currencyCode } }
        customer { id defaultEmailAddress { emailAddress } defaultPhoneNumber { phoneNumber } }
        shippingAddress { zip countryCodeV2 }
        lineItems(first: 5) { nodes { title quantity } }
        fulfillments(first: 5) { status displayStatus inTransitAt estimatedDeliveryAt deliveredAt
          trackingInfo(first: 3) { company number url } }
        returns(first: 3) { nodes { name status } }
        refunds(first: 3) { createdAt totalRefundedSet { shopMoney { amount } } }
      }
      """;

  @Test
  void an_order_found_by_its_number_shows_its_shipment_with_carrier_tracking_and_expected_delivery() {
    for (String name : List.of("name:1001", "name:#1001")) {
      AdminClient.Answer a = admin.query(ORDER_FIELDS + "query ByNumber($q: String!) { orders(first: 5, query: $q) { nodes { ...OrderFacts } } }",
          Map.of("q", name));

      assertThat(a.status()).isEqualTo(200);
      JsonNode orders = a.data().path("orders").path("nodes");
      assertThat(orders).hasSize(1);
      JsonNode order = orders.get(0);
      assertThat(order.path("name").asText()).isEqualTo("#1001");
      assertThat(order.path("email").asText()).isEqualTo("jane.doe@example.com");
      assertThat(order.path("displayFulfillmentStatus").asText()).isEqualTo("FULFILLED");
      assertThat(order.path("displayFinancialStatus").asText()).isEqualTo("PAID");
      assertThat(order.path("totalPriceSet").path("shopMoney").path("amount").asText()).isEqualTo("89.5");
      JsonNode shipment = order.path("fulfillments").get(0);
      assertThat(shipment.path("displayStatus").asText()).isEqualTo("IN_TRANSIT");
      assertThat(Instant.parse(shipment.path("estimatedDeliveryAt").asText())).isAfter(shop.shop().now());
      assertThat(shipment.path("deliveredAt").isNull()).isTrue();
      assertThat(shipment.path("trackingInfo").get(0).path("company").asText()).isEqualTo("UPS");
      assertThat(shipment.path("trackingInfo").get(0).path("url").asText()).startsWith("https://www.ups.com/");
      assertThat(order.path("statusPageUrl").asText()).startsWith("https://acme-outfitters.myshopify.com/");
      assertThat(order.path("shippingAddress").path("zip").asText()).isEqualTo("K2P 2L8");
    }
  }

  @Test
  void orders_by_email_come_newest_first_and_hide_orders_older_than_sixty_days_without_read_all_orders() {
    AdminClient.Answer a = admin.query(ORDER_FIELDS
        + "query Recent($q: String!) { orders(first: 10, query: $q, sortKey: PROCESSED_AT, reverse: true) { nodes { ...OrderFacts } pageInfo { hasNextPage } } }",
        Map.of("q", "email:\"Jane.Doe@example.com\""));

    List<String> names = new ArrayList<>();
    a.data().path("orders").path("nodes").forEach(o -> names.add(o.path("name").asText()));
    assertThat(names).containsExactly("#1002", "#1001", "#990");
    assertThat(a.data().path("orders").path("pageInfo").path("hasNextPage").asBoolean()).isFalse();
  }

  @Test
  void a_customer_found_by_phone_brings_their_orders_in_the_same_query() {
    AdminClient.Answer a = admin.query(ORDER_FIELDS + """
        query ByPhone($phone: String!) {
          customerByIdentifier(identifier: {phoneNumber: $phone}) {
            displayName
            orders(first: 5, sortKey: PROCESSED_AT, reverse: true) { nodes { ...OrderFacts } }
          }
        }""", Map.of("phone", "+14155550123"));

    JsonNode customer = a.data().path("customerByIdentifier");
    assertThat(customer.path("displayName").asText()).isEqualTo("Dana Lee");
    JsonNode order = customer.path("orders").path("nodes").get(0);
    assertThat(order.path("name").asText()).isEqualTo("#1008");
    assertThat(order.path("returnStatus").asText()).isEqualTo("RETURN_REQUESTED");
    assertThat(order.path("returns").path("nodes").get(0).path("name").asText()).isEqualTo("#1008-R1");

    AdminClient.Answer nobody = admin.query("query { customerByIdentifier(identifier: {phoneNumber: \"+10000000000\"}) { id } }");
    assertThat(nobody.data().path("customerByIdentifier").isNull()).as("no match: null, no error").isTrue();
    assertThat(nobody.body().has("errors")).isFalse();
  }

  @Test
  void cancelled_returned_and_guest_orders_carry_the_statuses_shopify_derives() {
    JsonNode cancelled = byName("1004");
    assertThat(cancelled.path("cancelReason").asText()).isEqualTo("CUSTOMER");
    assertThat(cancelled.path("cancelledAt").isNull()).isFalse();
    assertThat(cancelled.path("displayFinancialStatus").asText()).isEqualTo("REFUNDED");
    assertThat(cancelled.path("displayFulfillmentStatus").asText()).isEqualTo("UNFULFILLED");

    JsonNode returned = byName("1005");
    assertThat(returned.path("returnStatus").asText()).isEqualTo("RETURNED");
    assertThat(returned.path("returns").path("nodes").get(0).path("status").asText()).isEqualTo("CLOSED");
    assertThat(returned.path("refunds").get(0).path("totalRefundedSet").path("shopMoney").path("amount").asText()).isEqualTo("220.0");

    JsonNode twoParcels = byName("1006");
    assertThat(twoParcels.path("fulfillments")).hasSize(2);
    assertThat(twoParcels.path("fulfillments").get(0).path("displayStatus").asText()).isEqualTo("DELIVERED");
    assertThat(twoParcels.path("fulfillments").get(1).path("displayStatus").asText()).isEqualTo("IN_TRANSIT");

    JsonNode guest = byName("1007");
    assertThat(guest.path("customer").isNull()).as("guest checkout").isTrue();
    assertThat(guest.path("email").asText()).isEqualTo("guest.buyer@example.net");
  }

  @Test
  void paging_needs_first_or_last_at_most_250_and_follows_cursors() {
    AdminClient.Answer none = admin.query("{ orders(query: \"email:carla@example.com\") { nodes { id } } }");
    assertThat(none.body().path("data").isNull()).as("orders is non-null: data becomes null").isTrue();
    assertThat(none.error(0).path("message").asText()).isEqualTo("you must provide one of first or last");

    AdminClient.Answer tooMany = admin.query("{ orders(first: 251) { nodes { id } } }");
    assertThat(tooMany.error(0).path("message").asText()).startsWith("first cannot exceed 250.");

    AdminClient.Answer page1 = admin.query("{ orders(first: 1, query: \"email:carla@example.com\") { edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }");
    JsonNode info = page1.data().path("orders").path("pageInfo");
    assertThat(info.path("hasNextPage").asBoolean()).isTrue();
    AdminClient.Answer page2 = admin.query("query($after: String) { orders(first: 1, after: $after, query: \"email:carla@example.com\") { nodes { name } pageInfo { hasNextPage hasPreviousPage } } }",
        Map.of("after", info.path("endCursor").asText()));
    assertThat(page1.data().path("orders").path("edges").get(0).path("node").path("name").asText()).isEqualTo("#1005");
    assertThat(page2.data().path("orders").path("nodes").get(0).path("name").asText()).isEqualTo("#1006");
    assertThat(page2.data().path("orders").path("pageInfo").path("hasNextPage").asBoolean()).isFalse();
    assertThat(page2.data().path("orders").path("pageInfo").path("hasPreviousPage").asBoolean()).isTrue();
  }

  @Test
  void a_filter_the_orders_connection_does_not_know_is_ignored_with_a_warning_as_shopify_does() {
    AdminClient.Answer a = admin.query("{ orders(first: 50, query: \"phone:+16135550101\") { nodes { name } } }");

    assertThat(a.data().path("orders").path("nodes").size()).as("unfiltered: every visible order").isEqualTo(10);
    JsonNode warning = a.body().path("extensions").path("search").get(0);
    assertThat(warning.path("path").get(0).asText()).isEqualTo("orders");
    assertThat(warning.path("warnings").get(0).path("code").asText()).isEqualTo("invalid_field");
    assertThat(warning.path("warnings").get(0).path("field").asText()).isEqualTo("phone");
  }

  @Test
  void search_syntax_combines_terms_with_or_negation_and_comparisons() {
    assertThat(names("name:1001 OR name:1003")).containsExactlyInAnyOrder("#1001", "#1003");
    assertThat(names("email:bo.wang@example.com -status:cancelled")).containsExactly("#1003");
    assertThat(names("status:cancelled")).containsExactly("#1004");
    assertThat(names("return_status:returned")).containsExactly("#1005");
    assertThat(names("email:jane.doe@example.com processed_at:>" + shop.shop().now().minus(Duration.ofDays(2)))).containsExactly("#1002");
  }

  @Test
  void an_order_and_a_return_are_read_by_id_and_an_unknown_id_is_null_without_an_error() {
    String id = byName("1008").path("id").asText();
    AdminClient.Answer a = admin.query("query($id: ID!) { order(id: $id) { name returns(first: 1) { nodes { id } } } }", Map.of("id", id));
    String returnId = a.data().path("order").path("returns").path("nodes").get(0).path("id").asText();
    AdminClient.Answer r = admin.query("query($id: ID!) { return(id: $id) { name status order { name } } }", Map.of("id", returnId));
    assertThat(r.data().path("return").path("status").asText()).isEqualTo("REQUESTED");
    assertThat(r.data().path("return").path("order").path("name").asText()).isEqualTo("#1008");

    AdminClient.Answer unknown = admin.query("{ order(id: \"gid://shopify/Order/1\") { name } shop { ianaTimezone } }");
    assertThat(unknown.data().path("order").isNull()).isTrue();
    assertThat(unknown.body().has("errors")).isFalse();
    assertThat(unknown.data().path("shop").path("ianaTimezone").asText()).isEqualTo("America/New_York");
  }

  private JsonNode byName(String number) {
    AdminClient.Answer a = admin.query(ORDER_FIELDS + "query($q: String!) { orders(first: 2, query: $q) { nodes { ...OrderFacts } } }",
        Map.of("q", "name:" + number));
    assertThat(a.body().has("errors")).as(a.body().toString()).isFalse();
    return a.data().path("orders").path("nodes").get(0);
  }

  private List<String> names(String query) {
    AdminClient.Answer a = admin.query("query($q: String!) { orders(first: 50, query: $q) { nodes { name } } }", Map.of("q", query));
    List<String> names = new ArrayList<>();
    a.data().path("orders").path("nodes").forEach(o -> names.add(o.path("name").asText()));
    return names;
  }
}
