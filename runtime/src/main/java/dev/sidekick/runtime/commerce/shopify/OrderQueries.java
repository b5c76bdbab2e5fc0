package dev.sidekick.runtime.commerce.shopify;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidekick.runtime.commerce.Contact;

/**
 * The GraphQL documents of the Shopify backend: one query per lookup, each with the shop's time zone and the order
 * facts Sidekick answers with (API.md §3, §7). Values travel as variables; search terms are built only from digits and
 * from emails that {@link Contact} accepted (no spaces or quotes), so a customer's text cannot change the search.
 */
final class OrderQueries {
  static final int ORDERS = 5;
  private static final String FACTS = """
      fragment OrderFacts on Order {
        id name email phone processedAt cancelledAt displayFinancialStatus statusPageUrl
        customer { defaultEmailAddress { emailAddress } defaultPhoneNumber { phoneNumber } }
        shippingAddress { zip }
        totalRefundedSet { shopMoney { amount currencyCode } }
        lineItems(first: 5) { nodes { title quantity } }
        fulfillments(first: 5) { status displayStatus estimatedDeliveryAt deliveredAt trackingInfo(first: 1) { company number url } }
        returns(first: 3) { nodes { name status createdAt } }
      }
      """;
  private static final String ORDERS_FIELD =
      "orders(first: " + ORDERS + ", query: $query, sortKey: PROCESSED_AT, reverse: true) { nodes { ...OrderFacts } }";
  private static final String PHONE_FIELD = "customerByIdentifier(identifier: {phoneNumber: $phone}) { orders(first: "
      + ORDERS + ", sortKey: PROCESSED_AT, reverse: true) { nodes { ...OrderFacts } } }";

  static final String BY_NUMBER = FACTS + "query OrdersByNumber($query: String!) { shop { ianaTimezone } " + ORDERS_FIELD + " }";
  static final String BY_EMAIL = FACTS + "query OrdersByEmail($query: String!) { shop { ianaTimezone } " + ORDERS_FIELD + " }";
  static final String BY_PHONE = FACTS + "query OrdersByPhone($phone: String!) { shop { ianaTimezone } " + PHONE_FIELD + " }";
  static final String BY_EMAIL_OR_PHONE = FACTS
      + "query OrdersByEmailOrPhone($query: String!, $phone: String!) { shop { ianaTimezone } " + ORDERS_FIELD + " " + PHONE_FIELD + " }";

  private OrderQueries() {}

  /** One GraphQL request: the document and its variables. */
  record Request(String operation, String document, ObjectNode variables) {
    /** {@code {"query": …, "variables": {…}}}, as Shopify takes it (variables always an object, API.md §4). */
    ObjectNode body() {
      ObjectNode body = JsonNodeFactory.instance.objectNode().put("query", document);
      body.set("variables", variables);
      return body;
    }
  }

  /** {@code name:1001}: the digits only (Shopify matches "#1001" for it, API.md §8.1). */
  static Request byNumber(String digits) {
    return new Request("OrdersByNumber", BY_NUMBER, vars().put("query", "name:" + digits.replaceAll("\\D", "")));
  }

  /** The query that finds a contact's orders: by email (guest orders too), by the customer's phone, or both at once. */
  static Request byContact(Contact contact) {
    if (contact.email().isPresent() && contact.phone().isPresent()) {
      return new Request("OrdersByEmailOrPhone", BY_EMAIL_OR_PHONE,
          vars().put("query", emailTerm(contact)).put("phone", contact.phone().get()));
    }
    if (contact.email().isPresent()) return new Request("OrdersByEmail", BY_EMAIL, vars().put("query", emailTerm(contact)));
    return new Request("OrdersByPhone", BY_PHONE, vars().put("phone", contact.phone().orElseThrow()));
  }

  /** Quoted, for an exact match (API.md §8.3). */
  private static String emailTerm(Contact contact) {
    return "email:\"" + contact.email().orElseThrow() + "\"";
  }

  private static ObjectNode vars() {
    return JsonNodeFactory.instance.objectNode();
  }
}
