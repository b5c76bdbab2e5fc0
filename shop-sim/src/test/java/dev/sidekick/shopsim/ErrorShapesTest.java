package dev.sidekick.shopsim;

import static dev.sidekick.shopsim.AdminClient.ORDERS_ONLY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Queries that Shopify refuses come back in Shopify's shapes: validation, scopes, cost, variables. */
class ErrorShapesTest {
  @RegisterExtension static final ShopSimExtension shop = ShopSimExtension.seeded("acme");
  private final AdminClient admin = new AdminClient(shop);

  @Test
  void a_field_the_schema_does_not_have_is_an_undefined_field_error_and_nothing_runs() {
    AdminClient.Answer a = admin.query("query Recent { orders(first: 1) { nodes { name trackingNumber } } }");

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.body().has("data")).isFalse();
    JsonNode e = a.error(0);
    assertThat(e.path("message").asText()).isEqualTo("Field 'trackingNumber' doesn't exist on type 'Order'");
    assertThat(e.path("extensions").path("code").asText()).isEqualTo("undefinedField");
    assertThat(e.path("extensions").path("typeName").asText()).isEqualTo("Order");
    assertThat(e.path("path").get(0).asText()).isEqualTo("query Recent");
    assertThat(e.path("locations").get(0).path("line").asInt()).isEqualTo(1);
    assertThat(shop.calls().all().get(0).requestedCost()).as("nothing ran, nothing charged").isNull();
  }

  @Test
  void a_connection_without_a_selection_is_a_selection_mismatch_and_a_syntax_error_a_parse_error() {
    AdminClient.Answer mismatch = admin.query("{ orders(first: 1) }");
    assertThat(mismatch.error(0).path("extensions").path("code").asText()).isEqualTo("selectionMismatch");
    assertThat(mismatch.error(0).path("message").asText()).startsWith("Field 'orders' returns OrderConnection but has no selections");

    AdminClient.Answer syntax = admin.query("{ orders(first: 1) { nodes { name }");
    assertThat(syntax.error(0).path("extensions").path("code").asText()).isEqualTo("PARSE_ERROR");
  }

  @Test
  void a_token_without_the_scope_gets_access_denied_the_root_field_null_and_so_data_null() {
    AdminClient.Answer a = admin.post(AdminClient.VERSION, ORDERS_ONLY, "application/json",
        "{\"query\":\"{ customers(first: 1) { nodes { id } } }\"}", Duration.ofSeconds(10));

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.body().path("data").isNull()).isTrue();
    JsonNode e = a.error(0);
    assertThat(e.path("message").asText()).isEqualTo("Access denied for customers field. Required access: `read_customers` access scope.");
    assertThat(e.path("extensions").path("code").asText()).isEqualTo("ACCESS_DENIED");
    assertThat(e.path("extensions").path("requiredAccess").asText()).isEqualTo("`read_customers` access scope.");
    assertThat(e.path("path").get(0).asText()).isEqualTo("customers");
    assertThat(a.body().path("extensions").path("cost").has("requestedQueryCost")).isTrue();
  }

  @Test
  void a_denied_nullable_field_is_null_with_its_own_error_and_a_denied_non_null_one_nulls_its_parents_as_graphql_says() {
    AdminClient.Answer a = admin.post(AdminClient.VERSION, ORDERS_ONLY, "application/json",
        "{\"query\":\"{ orders(first: 1, query: \\\"name:1008\\\") { nodes { name customer { id } } } }\"}", Duration.ofSeconds(10));

    JsonNode order = a.data().path("orders").path("nodes").get(0);
    assertThat(order.path("name").asText()).isEqualTo("#1008");
    assertThat(order.path("customer").isNull()).isTrue();
    assertThat(a.body().path("errors")).hasSize(1);
    assertThat(a.error(0).path("path").toString()).isEqualTo("[\"orders\",\"nodes\",0,\"customer\"]");

    // Order.returns is ReturnConnection!: its null propagates up to data (API.md §8.10 is only inferred; this is the spec)
    AdminClient.Answer r = admin.post(AdminClient.VERSION, ORDERS_ONLY, "application/json",
        "{\"query\":\"{ orders(first: 1) { nodes { name returns(first: 1) { nodes { id } } } } }\"}", Duration.ofSeconds(10));
    assertThat(r.body().path("data").isNull()).isTrue();
    assertThat(r.error(0).path("extensions").path("requiredAccess").asText()).isEqualTo("`read_returns` access scope.");
  }

  @Test
  void a_query_over_the_single_query_cost_limit_is_refused_with_max_cost_exceeded() {
    AdminClient.Answer a = admin.query("{ orders(first: 250) { nodes { lineItems(first: 250) { nodes { title } } } } }");

    JsonNode e = a.error(0);
    assertThat(e.path("extensions").path("code").asText()).isEqualTo("MAX_COST_EXCEEDED");
    assertThat(e.path("extensions").path("maxCost").asInt()).isEqualTo(1000);
    assertThat(e.path("extensions").path("cost").asInt()).isGreaterThan(1000);
    assertThat(e.path("message").asText()).startsWith("Query cost is ");
  }

  @Test
  void a_variable_of_the_wrong_type_is_an_invalid_variable_error() {
    AdminClient.Answer a = admin.query("query($n: Int!) { orders(first: $n) { nodes { id } } }", Map.of("n", "many"));
    assertThat(a.error(0).path("extensions").path("code").asText()).isEqualTo("INVALID_VARIABLE");

    AdminClient.Answer empty = admin.query("query($e: String) { customerByIdentifier(identifier: {emailAddress: $e}) { id } }",
        Map.of("e", ""));
    assertThat(empty.error(0).path("extensions").path("code").asText()).isEqualTo("INVALID_VARIABLE");
  }
}
