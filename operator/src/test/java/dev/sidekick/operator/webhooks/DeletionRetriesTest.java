package dev.sidekick.operator.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeletionRetriesTest {

  private static final Duration INTERVAL = Duration.ofSeconds(5);
  private static final Instant DELETED = Instant.parse("2026-11-24T00:00:00Z");

  @Test
  void retries_until_the_maximum_number_of_attempts() {
    assertThat(new DeletionRetries(5, INTERVAL).spent(4, DELETED.toString(), DELETED.plusSeconds(10))).isFalse();
    assertThat(new DeletionRetries(5, INTERVAL).spent(5, DELETED.toString(), DELETED.plusSeconds(10))).isTrue();
  }

  @Test
  void a_restarted_operator_counting_from_one_still_stops_once_the_whole_schedule_has_passed() {
    // 5 attempts at 5 s, 10 s, ... 25 s apart: 75 s after the deletion request
    assertThat(new DeletionRetries(5, INTERVAL).spent(1, DELETED.toString(), DELETED.plusSeconds(74))).isFalse();
    assertThat(new DeletionRetries(5, INTERVAL).spent(1, DELETED.toString(), DELETED.plusSeconds(75))).isTrue();
  }

  @Test
  void without_a_deletion_timestamp_only_the_attempts_count() {
    assertThat(new DeletionRetries(5, INTERVAL).spent(1, null, DELETED.plusSeconds(3600))).isFalse();
  }
}
