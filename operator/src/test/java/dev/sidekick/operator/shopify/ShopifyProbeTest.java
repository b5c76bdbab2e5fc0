package dev.sidekick.operator.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.operator.SampleConfig;
import dev.sidekick.operator.api.Conditions.Reason;
import dev.sidekick.shopsim.ShopSimExtension;
import dev.sidekick.shopsim.control.ShopFault;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the operator finds when it asks a shop about an endpoint's access token, against the simulated shop. */
class ShopifyProbeTest {
  @RegisterExtension static final ShopSimExtension shop = ShopSimExtension.seeded("acme");
  private final ShopifyProbe probe = new ShopifyProbe(SampleConfig.operatorConfig(Map.of("sidekick.shopify.call-timeout", "2s")));

  private String domain() {
    URI u = URI.create(shop.baseUrl());
    return u.getHost() + ":" + u.getPort();
  }

  private ShopifyProbe.Finding check(String token) {
    return check(domain(), "2026-10", token);
  }

  private ShopifyProbe.Finding check(String domain, String version, String token) {
    return probe.checkAsync(domain, version, token).join();
  }

  private static ShopifyProbe.Problem problem(ShopifyProbe.Finding f) {
    assertThat(f).isInstanceOf(ShopifyProbe.Problem.class);
    return (ShopifyProbe.Problem) f;
  }

  @Test
  void a_token_with_every_scope_sidekick_needs_is_fine_and_costs_one_query() {
    assertThat(check("shpat_acme_sidekick")).isEqualTo(new ShopifyProbe.Answers("Acme Outfitters"));
    assertThat(shop.calls().count()).isEqualTo(1);
    assertThat(shop.calls().all().get(0).operationName()).isEqualTo("SidekickProbe");
  }

  @Test
  void a_wrong_token_is_unauthorized_and_the_message_never_shows_it() {
    ShopifyProbe.Problem p = problem(check("shpat_not_the_token"));
    assertThat(p.reason()).isEqualTo(Reason.SHOPIFY_UNAUTHORIZED);
    assertThat(p.message()).contains("refused the access token (401)").doesNotContain("shpat_not_the_token");
  }

  @Test
  void a_token_without_a_scope_names_the_scopes_it_lacks() {
    ShopifyProbe.Problem p = problem(check("shpat_acme_orders_only"));
    assertThat(p.reason()).isEqualTo(Reason.SHOPIFY_SCOPE_MISSING);
    assertThat(p.message()).contains("lacks the scopes read_customers, read_returns");
  }

  @Test
  void a_frozen_or_locked_shop_is_unavailable_and_an_unknown_version_or_shop_is_not_found() {
    shop.faults().add(ShopFault.status(402).times(1));
    assertThat(problem(check("shpat_acme_sidekick")).reason()).isEqualTo(Reason.SHOP_UNAVAILABLE);
    shop.faults().add(ShopFault.status(423).times(1));
    assertThat(problem(check("shpat_acme_sidekick")).message()).contains("is locked (423)");
    ShopifyProbe.Problem notFound = problem(check(domain(), "2027-04", "shpat_acme_sidekick"));
    assertThat(notFound.reason()).isEqualTo(Reason.SHOP_NOT_FOUND);
    assertThat(notFound.message()).contains("no Admin API at version 2027-04 (404)");
  }

  @Test
  void a_shop_that_cannot_be_reached_is_unreachable() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    ShopifyProbe.Problem p = problem(check("127.0.0.1:" + closed, "2026-10", "shpat_acme_sidekick"));
    assertThat(p.reason()).isEqualTo(Reason.SHOP_UNREACHABLE);
  }

  @Test
  void a_shop_that_fails_for_a_moment_or_throttles_is_asked_again_later() {
    shop.faults().add(ShopFault.status(503).times(1));
    assertThat(check("shpat_acme_sidekick")).isInstanceOf(ShopifyProbe.NotAnswering.class);
    shop.faults().add(ShopFault.throttled().times(1));
    assertThat(check("shpat_acme_sidekick")).isInstanceOf(ShopifyProbe.NotAnswering.class);
  }
}
