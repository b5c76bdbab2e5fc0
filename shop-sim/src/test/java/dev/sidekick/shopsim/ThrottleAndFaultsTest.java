package dev.sidekick.shopsim;

import static dev.sidekick.shopsim.AdminClient.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidekick.shopsim.control.ShopCall;
import dev.sidekick.shopsim.control.ShopFault;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The cost-based rate limit, injected faults, and the call log a test asserts on. */
class ThrottleAndFaultsTest {
  @RegisterExtension static final ShopSimExtension shop = ShopSimExtension.seeded("acme");
  private final AdminClient admin = new AdminClient(shop);
  private static final String QUERY = "query Recent($q: String!) { orders(first: 5, query: $q) { nodes { name fulfillments(first: 2) { displayStatus } } } }";

  @Test
  void every_answer_carries_its_cost_and_the_buckets_state_and_unused_cost_is_given_back() {
    AdminClient.Answer a = admin.query(QUERY, Map.of("q", "email:jane.doe@example.com"));

    JsonNode cost = a.body().path("extensions").path("cost");
    int requested = cost.path("requestedQueryCost").asInt();
    int actual = cost.path("actualQueryCost").asInt();
    assertThat(requested).isEqualTo(2 + 5 * (1 + 2));
    assertThat(actual).as("three orders, one or no fulfilment each").isLessThan(requested).isPositive();
    JsonNode status = cost.path("throttleStatus");
    assertThat(status.path("maximumAvailable").asDouble()).isEqualTo(2000.0);
    assertThat(status.path("restoreRate").asDouble()).isEqualTo(100.0);
    assertThat(status.path("currentlyAvailable").asInt()).isBetween(2000 - actual, 2000);
  }

  @Test
  void a_query_the_bucket_cannot_cover_is_throttled_with_no_data_until_the_bucket_refills() {
    shop.bucket(TOKEN).set(null, 5.0, 100.0);

    AdminClient.Answer a = admin.query(QUERY, Map.of("q", "name:1001"));

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.body().has("data")).isFalse();
    assertThat(a.error(0).path("message").asText()).isEqualTo("Throttled");
    assertThat(a.error(0).path("extensions").path("code").asText()).isEqualTo("THROTTLED");
    JsonNode cost = a.body().path("extensions").path("cost");
    assertThat(cost.path("requestedQueryCost").asInt()).isEqualTo(17);
    assertThat(cost.path("actualQueryCost").isNull()).isTrue();
    assertThat(cost.path("throttleStatus").path("currentlyAvailable").asInt()).isLessThan(17);
    assertThat(shop.calls().all().get(0).throttled()).isTrue();

    shop.bucket(TOKEN).fill();
    assertThat(admin.query(QUERY, Map.of("q", "name:1001")).data().path("orders").path("nodes")).hasSize(1);
  }

  @Test
  void throttled_answers_can_be_switched_to_http_429() {
    shop.options().throttledStatus(429);
    try {
      shop.bucket(TOKEN).set(null, 0.0, 0.0);
      assertThat(admin.query(QUERY, Map.of("q", "name:1001")).status()).isEqualTo(429);
    } finally {
      shop.options().throttledStatus(200);
    }
  }

  @Test
  void injected_faults_answer_5xx_internal_errors_throttled_then_the_shop_recovers() {
    shop.faults().add(ShopFault.status(503).times(1)).add(ShopFault.internalError().times(1)).add(ShopFault.throttled().times(1));

    AdminClient.Answer down = admin.query(QUERY, Map.of("q", "name:1001"));
    assertThat(down.status()).isEqualTo(503);
    assertThat(down.body().path("errors").asText()).isEqualTo("Service Unavailable");

    AdminClient.Answer internal = admin.query(QUERY, Map.of("q", "name:1001"));
    assertThat(internal.status()).isEqualTo(200);
    assertThat(internal.error(0).path("extensions").path("code").asText()).isEqualTo("INTERNAL_SERVER_ERROR");
    assertThat(internal.error(0).path("message").asText()).startsWith("Internal error. Looks like something went wrong on our end.");

    AdminClient.Answer throttled = admin.query(QUERY, Map.of("q", "name:1001"));
    assertThat(throttled.error(0).path("extensions").path("code").asText()).isEqualTo("THROTTLED");

    assertThat(admin.query(QUERY, Map.of("q", "name:1001")).data().path("orders").path("nodes")).hasSize(1);
  }

  @Test
  void a_slow_shop_makes_a_client_with_a_shorter_timeout_give_up_and_a_timeout_fault_never_answers() {
    shop.faults().add(ShopFault.latency(Duration.ofSeconds(3)).times(1)).add(ShopFault.timeout().times(1));
    String body = "{\"query\":\"{ shop { name } }\"}";

    assertThatThrownBy(() -> admin.post(AdminClient.VERSION, TOKEN, "application/json", body, Duration.ofMillis(300)))
        .hasRootCauseInstanceOf(HttpTimeoutException.class);
    assertThatThrownBy(() -> admin.post(AdminClient.VERSION, TOKEN, "application/json", body, Duration.ofMillis(300)))
        .hasRootCauseInstanceOf(HttpTimeoutException.class);
  }

  @Test
  void the_call_log_records_the_version_operation_root_fields_variables_status_and_cost_but_never_the_token() {
    admin.query(QUERY, Map.of("q", "name:1001"));
    admin.query("query Who($e: String!) { customerByIdentifier(identifier: {emailAddress: $e}) { id } }", Map.of("e", "bo.wang@example.com"));

    assertThat(shop.calls().all()).hasSize(2);
    ShopCall first = shop.calls().all().get(0);
    assertThat(first.apiVersion()).isEqualTo("2026-10");
    assertThat(first.operationName()).as("the document's only operation").isEqualTo("Recent");
    assertThat(shop.calls().all().get(1).operationName()).isEqualTo("Who");
    assertThat(first.rootFields()).containsExactly("orders");
    assertThat(first.variables()).containsEntry("q", "name:1001");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.requestedCost()).isPositive();
    assertThat(shop.calls().withRoot("customerByIdentifier")).hasSize(1);
    assertThat(shop.calls().all().toString()).doesNotContain(TOKEN);
  }

  @Test
  void the_control_api_shows_the_call_log_as_json() throws Exception {
    admin.query(QUERY, Map.of("q", "name:1001"));

    var response = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(shop.baseUrl() + "/sim/calls")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    var call = AdminClient.JSON.readTree(response.body()).path("calls").path(0);
    assertThat(call.path("operationName").asText()).isEqualTo("Recent");
    assertThat(call.path("at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(call.path("requestedCost").asInt()).isPositive();
    assertThat(response.body()).doesNotContain(TOKEN);
  }
}
