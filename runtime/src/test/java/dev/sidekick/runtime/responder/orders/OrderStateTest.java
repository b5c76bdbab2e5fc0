package dev.sidekick.runtime.responder.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.runtime.commerce.VerificationState;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrderStateTest {

  @Test
  void what_a_conversation_remembers_reads_back_as_itself() {
    OrderState waiting = new OrderState(new VerificationState(2, Optional.empty(), Optional.empty()),
        Optional.of(OrderIntent.RETURN), List.of("1002", "1001"), Optional.empty());
    OrderState proven = new OrderState(new VerificationState(0, Optional.of("gid://shopify/Order/6600000000003"),
        Optional.of("1003")), Optional.empty(), List.of(), Optional.of("1003"));

    assertThat(OrderState.decode(waiting.encode())).isEqualTo(waiting);
    assertThat(OrderState.decode(proven.encode())).isEqualTo(proven);
  }

  @Test
  void nothing_stored_or_something_unreadable_starts_afresh() {
    assertThat(OrderState.decode(null)).isEqualTo(OrderState.fresh());
    assertThat(OrderState.decode("v0;status")).isEqualTo(OrderState.fresh());
    assertThat(OrderState.decode("o2;status;12a,1001;;v1|1||").menu()).containsExactly("1001");
  }

  @Test
  void it_shows_nothing_of_the_order_in_logs() {
    OrderState proven = new OrderState(new VerificationState(0, Optional.of("gid://shopify/Order/6600000000003"),
        Optional.of("1003")), Optional.of(OrderIntent.STATUS), List.of("1003"), Optional.of("1003"));
    assertThat(proven.toString()).doesNotContain("1003").doesNotContain("6600000000003");
  }
}
