package dev.sidekick.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ShopifyShopTest {

  @Test
  void a_shop_is_reached_over_https_and_only_a_simulated_shop_on_this_machine_over_http() {
    assertThat(ShopifyShop.url("acme-outfitters.myshopify.com")).isEqualTo(URI.create("https://acme-outfitters.myshopify.com"));
    assertThat(ShopifyShop.url("127.0.0.1:8091")).isEqualTo(URI.create("http://127.0.0.1:8091"));
    assertThat(ShopifyShop.url("localhost:8091")).isEqualTo(URI.create("http://localhost:8091"));
    assertThat(ShopifyShop.plainHttpAllowed(URI.create("http://shop.internal:8091"))).isFalse();
  }

  @Test
  void a_domain_is_a_host_name_with_an_optional_port_and_nothing_else() {
    assertThat("acme.myshopify.com").matches(ShopifyShop.DOMAIN);
    assertThat("127.0.0.1:8091").matches(ShopifyShop.DOMAIN);
    assertThat("https://acme.myshopify.com").doesNotMatch(ShopifyShop.DOMAIN);
    assertThat("acme.myshopify.com/admin").doesNotMatch(ShopifyShop.DOMAIN);
    assertThat("ACME.myshopify.com").doesNotMatch(ShopifyShop.DOMAIN);
  }

  @Test
  void api_versions_are_quarterly_releases_or_unstable() {
    assertThat(ShopifyShop.isApiVersion("2026-10")).isTrue();
    assertThat(ShopifyShop.isApiVersion("unstable")).isTrue();
    assertThat(ShopifyShop.isApiVersion("2026-05")).isFalse();
    assertThat(ShopifyShop.isApiVersion("latest")).isFalse();
    assertThat(ShopifyShop.graphqlPath("2026-10")).isEqualTo("/admin/api/2026-10/graphql.json");
  }
}
