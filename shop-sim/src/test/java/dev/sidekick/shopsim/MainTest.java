package dev.sidekick.shopsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The runner's command line. */
class MainTest {
  @Test
  void flags_set_the_options_and_unknown_ones_are_refused() {
    ShopOptions o = Main.parse(new String[] {"--seed", "acme", "--port", "18091", "--latency-ms", "150", "--bucket", "4000/200",
        "--throttled-status", "429"});
    assertThat(o.port()).isEqualTo(18091);
    assertThat(o.latency()).isEqualTo(Duration.ofMillis(150));
    assertThat(o.bucketSize()).isEqualTo(4000);
    assertThat(o.restoreRate()).isEqualTo(200);
    assertThat(o.throttledStatus()).isEqualTo(429);
    assertThat(Main.parse(new String[] {"--help"})).isNull();
    assertThatThrownBy(() -> Main.parse(new String[] {"--bogus"})).hasMessageContaining("--bogus");
    assertThatThrownBy(() -> Main.parse(new String[] {"--bucket", "2000"})).hasMessageContaining("SIZE/RATE");
  }
}
