package dev.sidekick.runtime.gladly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Gladly's {@code Ratelimit-Remaining-Second}: at 0 no call of that method before Gladly's next second. */
class SpentBudgetTest {

  @Test
  void budget_left_or_no_header_means_no_pause() {
    assertThat(GladlyClient.spentBudgetPauseNanos(null, 1_700_000_000_250L)).isZero();
    assertThat(GladlyClient.spentBudgetPauseNanos("3", 1_700_000_000_250L)).isZero();
    assertThat(GladlyClient.spentBudgetPauseNanos("junk", 1_700_000_000_250L)).isZero();
  }

  @Test
  void a_spent_budget_holds_the_method_until_just_past_the_next_second_of_wall_time() {
    // 250 ms into a second: 750 ms to the next one, plus the margin.
    assertThat(GladlyClient.spentBudgetPauseNanos("0", 1_700_000_000_250L))
        .isEqualTo(TimeUnit.MILLISECONDS.toNanos(770));
    assertThat(GladlyClient.spentBudgetPauseNanos(" 0 ", 1_700_000_000_999L))
        .isEqualTo(TimeUnit.MILLISECONDS.toNanos(21));
  }
}
