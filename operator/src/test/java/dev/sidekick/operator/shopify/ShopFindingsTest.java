package dev.sidekick.operator.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.operator.SampleConfig;
import dev.sidekick.shopsim.ShopSimExtension;
import dev.sidekick.shopsim.control.ShopFault;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reconciles ask a shop about a token only when its answer may have changed, counted in the simulated shop's call log. */
class ShopFindingsTest {
  @RegisterExtension static final ShopSimExtension shop = ShopSimExtension.seeded("acme");
  private static final String TOKEN = "shpat_acme_sidekick";

  private final MovableClock clock = new MovableClock();
  private final ShopFindings findings = new ShopFindings(
      new ShopifyProbe(SampleConfig.operatorConfig(Map.of("sidekick.shopify.call-timeout", "5s"))),
      Duration.ofMinutes(10), Duration.ofMinutes(1), clock);

  private String domain() {
    URI u = URI.create(shop.baseUrl());
    return u.getHost() + ":" + u.getPort();
  }

  private ShopifyProbe.Finding find(String token) {
    return findings.find(domain(), "2026-10", token).join();
  }

  @Test
  void a_working_token_is_asked_about_once_until_the_recheck_interval_has_passed() {
    assertThat(find(TOKEN)).isEqualTo(new ShopifyProbe.Answers("Acme Outfitters"));
    clock.advance(Duration.ofMinutes(9));
    assertThat(find(TOKEN)).isEqualTo(new ShopifyProbe.Answers("Acme Outfitters"));
    assertThat(shop.calls().count()).as("reconciles within the interval ask nothing").isEqualTo(1);

    clock.advance(Duration.ofMinutes(1));
    find(TOKEN);
    assertThat(shop.calls().count()).isEqualTo(2);
  }

  @Test
  void a_problem_stands_for_a_minute_and_another_token_is_asked_about_at_once() {
    assertThat(find("shpat_acme_orders_only")).isInstanceOf(ShopifyProbe.Problem.class);
    find("shpat_acme_orders_only");
    assertThat(shop.calls().count()).isEqualTo(1);

    clock.advance(Duration.ofMinutes(1)); // e.g. the scope was granted in Shopify's admin meanwhile
    find("shpat_acme_orders_only");
    assertThat(shop.calls().count()).isEqualTo(2);

    assertThat(find(TOKEN)).as("the Secret now holds another token").isInstanceOf(ShopifyProbe.Answers.class);
    assertThat(shop.calls().count()).isEqualTo(3);
  }

  @Test
  void a_shop_that_did_not_answer_is_asked_again_at_the_next_reconcile() {
    shop.faults().add(ShopFault.status(503).times(1));
    assertThat(find(TOKEN)).isInstanceOf(ShopifyProbe.NotAnswering.class);
    assertThat(find(TOKEN)).isInstanceOf(ShopifyProbe.Answers.class);
    assertThat(shop.calls().count()).isEqualTo(2);
  }

  @Test
  void shops_are_asked_without_waiting_for_each_other_and_one_question_in_flight_is_shared() {
    shop.faults().add(ShopFault.latency(Duration.ofSeconds(1)).times(2));
    CompletableFuture<ShopifyProbe.Finding> first = findings.find(domain(), "2026-10", TOKEN);
    CompletableFuture<ShopifyProbe.Finding> again = findings.find(domain(), "2026-10", TOKEN);
    CompletableFuture<ShopifyProbe.Finding> other = findings.find(domain(), "2026-07", TOKEN);
    assertThat(first).as("asking does not wait for the shop").isNotDone();
    assertThat(other).isNotDone();

    assertThat(first.join()).isInstanceOf(ShopifyProbe.Answers.class);
    assertThat(again.join()).isSameAs(first.join());
    assertThat(other.join()).isInstanceOf(ShopifyProbe.Answers.class);
    assertThat(shop.calls().count()).as("one call per question").isEqualTo(2);
  }

  private static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2026-12-02T12:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
