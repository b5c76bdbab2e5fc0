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
  void a_429_halves_the_allowance_once_per_burst_and_quiet_seconds_give_it_back() throws InterruptedException {
    RequestLimiter limiter = new RequestLimiter(10);
    limiter.rateLimited("POST", 0);
    limiter.rateLimited("POST", 0);
    limiter.rateLimited("POST", 0);
    assertThat(limiter.allowance("POST")).as("three 429s of one burst").isEqualTo(5);
    assertThat(limiter.allowance("GET")).as("another method").isEqualTo(10);

    List<Long> granted = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      assertThat(limiter.acquire("POST", Deadline.in(Duration.ofSeconds(10)))).isTrue();
      granted.add(System.nanoTime());
    }
    assertThat(granted.get(5) - granted.get(0))
        .as("the sixth call waits for the first to leave the window")
        .isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(1));

    Thread.sleep(2200);
    limiter.acquire("POST", Deadline.in(Duration.ofSeconds(1)));
    assertThat(limiter.allowance("POST")).as("after two quiet seconds").isGreaterThanOrEqualTo(6).isLessThan(10);
  }

  @Test
  void a_pause_that_starts_while_a_caller_waits_for_its_slot_holds_that_caller_back_too() throws Exception {
    RequestLimiter limiter = new RequestLimiter(1);
    assertThat(limiter.acquire("POST", Deadline.in(Duration.ofSeconds(5)))).isTrue();
    long start = System.nanoTime();
    var waiting = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> limiter.acquire("POST", Deadline.in(Duration.ofSeconds(5))) ? System.nanoTime() : -1L);
    Thread.sleep(200); // the caller now waits for the slot about 1 s away
    limiter.rateLimited("POST", TimeUnit.MILLISECONDS.toNanos(1800));
    long grantedAt = waiting.get(10, TimeUnit.SECONDS);
    assertThat(grantedAt - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(1900));
  }

  @Test
  void zero_turns_the_limiter_off() {
    RequestLimiter limiter = new RequestLimiter(0);
    for (int i = 0; i < 100; i++) {
      assertThat(limiter.tryAcquire("POST")).isTrue();
    }
  }
}
