package dev.sidekick.gladlysim;

import static dev.sidekick.gladlysim.testing.Gladly.anonymous;
import static dev.sidekick.gladlysim.testing.Gladly.api;
import static dev.sidekick.gladlysim.testing.Gladly.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.sidekick.gladlysim.control.ApiCall;
import io.restassured.response.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Only an agent's email and API token open the API, and an organization gets 10 requests a second per method. */
class AuthAndRateLimitTest {
  @RegisterExtension
  static final GladlySimExtension gladly = GladlySimExtension.seeded("acme");

  @Test
  void calls_without_valid_basic_credentials_are_401() {
    anonymous(gladly).get("/api/v1/organization").then().statusCode(401).header("WWW-Authenticate", "Basic realm=\"Gladly\"");
    as(gladly, "sidekick@acme.example", "wrong-token").get("/api/v1/organization").then().statusCode(401);
    as(gladly, "nobody@acme.example", "sidekick-token").get("/api/v1/organization").then().statusCode(401);
    anonymous(gladly).header("Authorization", "Bearer sidekick-token").get("/api/v1/organization").then().statusCode(401);
    api(gladly).get("/api/v1/organization").then().statusCode(200);
    as(gladly, "hank@acme.example", "hank-token").get("/api/v1/organization").then().statusCode(200);
  }

  @Test
  void a_revoked_token_stops_working() {
    gladly.admin().revokeToken("sidekick@acme.example");
    api(gladly).get("/api/v1/agents").then().statusCode(401);
  }

  @Test
  void the_eleventh_request_in_a_second_is_429_and_the_budget_comes_back() {
    Response limited = null;
    int lastRemaining = Integer.MAX_VALUE;
    for (int i = 0; i < 100 && limited == null; i++) {
      Response r = api(gladly).get("/api/v1/inboxes");
      assertThat(r.header("Ratelimit-Limit-Second")).isEqualTo("10");
      if (r.statusCode() == 429) {
        limited = r;
      } else {
        assertThat(r.statusCode()).isEqualTo(200);
        lastRemaining = Integer.parseInt(r.header("Ratelimit-Remaining-Second"));
      }
    }
    assertThat(limited).as("a 429 within 100 quick requests").isNotNull();
    assertThat(lastRemaining).isZero();
    assertThat(limited.header("Ratelimit-Remaining-Second")).isEqualTo("0");
    assertThat(limited.jsonPath().getString("errors[0].code")).isEqualTo("rate_limited");
    // the budget is per method: a POST still passes in the same second
    api(gladly).body("{\"url\":\"https://hooks.acme.example/r\",\"events\":[\"CONVERSATION/CLOSED\"]}").post("/api/v1/webhooks")
        .then().statusCode(201);

    await().atMost(Duration.ofSeconds(5)).until(() -> api(gladly).get("/api/v1/inboxes").statusCode() == 200);
    assertThat(gladly.apiCalls().count("GET", "/api/v1/inboxes")).isGreaterThanOrEqualTo(12);
    assertThat(gladly.apiCalls().matching("GET", "/api/v1/inboxes")).extracting(ApiCall::status).contains(200, 429);
  }

  @Test
  void the_limit_can_count_all_methods_together_or_be_switched_off() {
    gladly.options().rateLimitScope(SimOptions.RateLimitScope.TOTAL).rateLimitPerSecond(3);
    try {
      int limitedPosts = 0;
      for (int i = 0; i < 8; i++) {
        api(gladly).get("/api/v1/topics");
        if (api(gladly).body("{}").post("/api/v1/webhooks").statusCode() == 429) limitedPosts++;
      }
      assertThat(limitedPosts).as("GETs spend the budget of POSTs").isPositive();

      gladly.options().rateLimitEnabled(false);
      for (int i = 0; i < 30; i++) {
        api(gladly).get("/api/v1/topics").then().statusCode(200).header("Ratelimit-Limit-Second", (String) null);
      }
    } finally {
      gladly.options().rateLimitScope(SimOptions.RateLimitScope.PER_METHOD).rateLimitPerSecond(10).rateLimitEnabled(true);
    }
  }

  @Test
  void the_call_log_records_who_called_what_and_the_answer() {
    api(gladly).get("/api/v1/organization").then().statusCode(200);
    anonymous(gladly).get("/api/v1/organization").then().statusCode(401);
    assertThat(gladly.apiCalls().all()).extracting(ApiCall::method, ApiCall::path, ApiCall::status, ApiCall::agentId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("GET", "/api/v1/organization", 200, "sidekick-agent-id"),
            org.assertj.core.groups.Tuple.tuple("GET", "/api/v1/organization", 401, null));
    api(gladly).get("/api/v1/nothing-here").then().statusCode(404).body("errors[0].code", equalTo("not_exist"));
  }
}
