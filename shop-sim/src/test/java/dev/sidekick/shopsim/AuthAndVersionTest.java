package dev.sidekick.shopsim;

import static dev.sidekick.shopsim.AdminClient.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What Shopify answers before any GraphQL runs: the token, the API version, the request body. */
class AuthAndVersionTest {
  @RegisterExtension static final ShopSimExtension shop = ShopSimExtension.seeded("acme");
  private final AdminClient admin = new AdminClient(shop);
  private static final String QUERY = "{\"query\":\"{ shop { name } }\"}";
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void a_missing_or_wrong_token_gets_401_with_shopifys_string_body_and_is_logged_without_the_token() {
    for (String token : new String[] {null, "shpat_wrong", ""}) {
      AdminClient.Answer a = admin.post("2026-10", token, "application/json", QUERY, WAIT);
      assertThat(a.status()).isEqualTo(401);
      assertThat(a.body().path("errors").asText())
          .isEqualTo("[API] Invalid API key or access token (unrecognized login or wrong password)");
    }
    assertThat(shop.calls().all()).hasSize(3).allSatisfy(c -> assertThat(c.status()).isEqualTo(401));
    assertThat(shop.calls().all().toString()).doesNotContain("shpat_wrong");
  }

  @Test
  void an_admin_token_sent_as_a_bearer_token_is_refused() {
    HttpRequest r = HttpRequest.newBuilder(URI.create(shop.graphqlUrl("2026-10"))).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString(QUERY)).build();
    assertThat(admin.send(r).status()).isEqualTo(401);
  }

  @Test
  void a_supported_version_is_served_as_itself_a_retired_one_as_the_oldest_supported_and_an_unreleased_one_is_404() {
    AdminClient.Answer current = admin.post("2026-10", TOKEN, "application/json", QUERY, WAIT);
    assertThat(current.status()).isEqualTo(200);
    assertThat(current.header("X-Shopify-API-Version")).isEqualTo("2026-10");
    assertThat(current.data().path("shop").path("name").asText()).isEqualTo("Acme Outfitters");

    AdminClient.Answer retired = admin.post("2024-10", TOKEN, "application/json", QUERY, WAIT);
    assertThat(retired.status()).isEqualTo(200);
    assertThat(retired.header("X-Shopify-API-Version")).isEqualTo("2026-01");

    assertThat(admin.post("unstable", TOKEN, "application/json", QUERY, WAIT).header("X-Shopify-API-Version")).isEqualTo("unstable");
    for (String bad : new String[] {"2027-04", "2026-05", "latest"}) {
      AdminClient.Answer a = admin.post(bad, TOKEN, "application/json", QUERY, WAIT);
      assertThat(a.status()).as(bad).isEqualTo(404);
      assertThat(a.body().path("errors").asText()).isEqualTo("Not Found");
    }
  }

  @Test
  void a_body_that_is_not_a_json_graphql_request_gets_400() {
    for (String[] req : new String[][] {
        {"application/json", "{not json"},
        {"application/json", "{\"variables\":{}}"},
        {"application/json", "{\"query\":\"{ shop { name } }\",\"variables\":[]}"},
        {"text/plain", QUERY}}) {
      AdminClient.Answer a = admin.post("2026-10", TOKEN, req[0], req[1], WAIT);
      assertThat(a.status()).as(req[1]).isEqualTo(400);
      assertThat(a.body().path("errors").path("query").asText()).isEqualTo("Required parameter missing or invalid");
    }
  }
}
