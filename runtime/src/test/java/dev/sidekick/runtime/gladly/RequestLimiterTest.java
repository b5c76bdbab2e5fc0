package dev.sidekick.runtime.gladly;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Gladly's 10 requests per second per method, and answers before typing indicators. */
class RequestLimiterTest {

  @Test
  void no_second_ever_holds_more_calls_of_one_method_than_the_budget() {
    RequestLimiter limiter = new RequestLimiter(10);
    List<Long> granted = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      assertThat(limiter.acquire("POST", Deadline.in(Duration.ofSeconds(10)))).isTrue();
      granted.add(System.nanoTime());
    }
    for (int i = 0; i + 10 < granted.size(); i++) {
      assertThat(granted.get(i + 10) - granted.get(i)).isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(1));
    }
    // Another method has its own budget.
    assertThat(limiter.tryAcquire("GET")).isTrue();
  }

  @Test
  void a_best_effort_call_is_dropped_when_it_would_use_the_slots_kept_for_answers() {
    RequestLimiter limiter = new RequestLimiter(10);
    for (int i = 0; i < 8; i++) {
      assertThat(limiter.acquire("POST", Deadline.in(Duration.ofSeconds(1)))).isTrue();
    }
    assertThat(limiter.tryAcquire("POST")).as("typing indicator").isFalse();
    assertThat(limiter.acquire("POST", Deadline.in(Duration.ofSeconds(1)))).as("an answer").isTrue();
  }

  @Test
  void a_caller_whose_deadline_comes_before_the_next_slot_is_refused_at_once() {
    RequestLimiter limiter = new RequestLimiter(1);
    assertThat(limiter.acquire("POST", Deadline.in(Duration.ofSeconds(1)))).isTrue();
    assertThat(limiter.acquire("POST", Deadline.in(Duration.ofMillis(100)))).isFalse();
  }

  @Test
  void zero_turns_the_limiter_off() {
    RequestLimiter limiter = new RequestLimiter(0);
    for (int i = 0; i < 100; i++) {
      assertThat(limiter.tryAcquire("POST")).isTrue();
    }
  }
}
