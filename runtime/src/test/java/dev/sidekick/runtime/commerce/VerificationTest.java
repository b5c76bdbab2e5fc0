package dev.sidekick.runtime.commerce;

import static dev.sidekick.runtime.commerce.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who may see which order: the customer's contact, a proven number, or nothing; three misses hand off. */
class VerificationTest {
  private static final Order JANES = order("#1001").of("jane.doe@example.com", "+1 613 555 0101").zip("K2P 2L8").build();
  private static final Order BOS = order("#1003").of("bo.wang@example.com").zip("94110-1234").build();
  private static final Contact JANE = Contact.of(Optional.of("Jane.Doe@Example.com"), Optional.empty());
  private static final Contact JANE_BY_PHONE = Contact.of(Optional.empty(), Optional.of("(613) 555-0101"));
  private static final Contact NOBODY = Contact.none();

  private static Verification.Decision decide(VerificationState state, Contact known, String message, List<Order> found) {
    return Verification.decide(state, known, OrderClaim.read(message), found);
  }

  @Test
  void a_customer_whose_gladly_email_or_phone_is_on_the_order_sees_it() {
    assertThat(decide(VerificationState.fresh(), JANE, "where is my order?", List.of(JANES)))
        .isEqualTo(new Verification.Disclose(List.of(JANES), VerificationState.fresh()));
    assertThat(decide(VerificationState.fresh(), JANE_BY_PHONE, "where is my order?", List.of(JANES)))
        .isInstanceOf(Verification.Disclose.class);
  }

  @Test
  void of_the_orders_a_contact_lookup_found_only_those_with_the_customers_contact_are_disclosed() {
    Verification.Decision d = decide(VerificationState.fresh(), JANE, "where is my order?", List.of(JANES, BOS));
    assertThat(((Verification.Disclose) d).orders()).containsExactly(JANES);
  }

  @Test
  void an_unknown_customer_is_asked_for_proof_and_then_sees_the_order_their_number_and_email_or_postal_code_match() {
    Verification.Decision ask = decide(VerificationState.fresh(), NOBODY, "where is my order?", List.of());
    assertThat(ask).isEqualTo(new Verification.AskForProof(false, 3, VerificationState.fresh()));

    for (String proof : List.of("#1003 bo.wang@example.com", "order 1003, zip 94110", "1003 94110-1234", "Order number: 1003, postal code 94110")) {
      Verification.Decision d = decide(VerificationState.fresh(), NOBODY, proof, List.of(BOS));
      assertThat(d).as(proof).isInstanceOf(Verification.Disclose.class);
      assertThat(((Verification.Disclose) d).orders()).containsExactly(BOS);
      assertThat(d.next().provenOrderId()).contains(BOS.id());
    }
    assertThat(decide(VerificationState.fresh(), NOBODY, "1001 k2p2l8", List.of(JANES))).isInstanceOf(Verification.Disclose.class);
  }

  @Test
  void a_number_without_an_email_or_postal_code_asks_for_them_without_counting_an_attempt() {
    Verification.Decision d = decide(VerificationState.fresh(), NOBODY, "it's order #1003", List.of(BOS));
    assertThat(d).isEqualTo(new Verification.AskForProof(false, 3, VerificationState.fresh()));
  }

  @Test
  void someone_elses_order_number_discloses_nothing_and_reads_exactly_like_a_number_that_does_not_exist() {
    Verification.Decision theirs = decide(VerificationState.fresh(), JANE, "what about order #1003 jane.doe@example.com", List.of(BOS));
    Verification.Decision none = decide(VerificationState.fresh(), JANE, "what about order #1999 jane.doe@example.com", List.of());
    assertThat(theirs).isEqualTo(none).isEqualTo(new Verification.AskForProof(true, 2, new VerificationState(1, Optional.empty(), Optional.empty())));

    Verification.Decision bare = decide(VerificationState.fresh(), JANE, "order #1003", List.of(BOS));
    assertThat(bare).isInstanceOf(Verification.AskForProof.class);
  }

  @Test
  void three_claims_that_do_not_match_hand_off_and_afterwards_even_a_right_claim_discloses_nothing() {
    VerificationState state = VerificationState.fresh();
    Verification.Decision d = null;
    for (int i = 1; i <= 3; i++) {
      d = decide(state, NOBODY, "#1003 wrong" + i + "@example.com", List.of(BOS));
      state = d.next();
    }
    assertThat(d).isInstanceOf(Verification.TooManyAttempts.class);
    assertThat(state.lockedOut()).isTrue();
    assertThat(decide(state, NOBODY, "#1003 bo.wang@example.com", List.of(BOS))).isInstanceOf(Verification.TooManyAttempts.class);
    assertThat(decide(state, Contact.of(Optional.of("bo.wang@example.com"), Optional.empty()), "hello", List.of(BOS)))
        .isInstanceOf(Verification.TooManyAttempts.class);
  }

  @Test
  void an_order_proven_earlier_in_the_conversation_is_disclosed_again_without_proof_and_a_success_clears_the_misses() {
    VerificationState afterMiss = decide(VerificationState.fresh(), NOBODY, "#1003 wrong@example.com", List.of(BOS)).next();
    VerificationState proven = decide(afterMiss, NOBODY, "#1003 bo.wang@example.com", List.of(BOS)).next();
    assertThat(proven.failedAttempts()).isZero();

    assertThat(decide(proven, NOBODY, "#1003", List.of(BOS))).isInstanceOf(Verification.Disclose.class);
    assertThat(Verification.decide(proven, NOBODY, OrderClaim.none(), List.of(BOS))).isInstanceOf(Verification.Disclose.class);
    assertThat(Verification.decide(proven, NOBODY, OrderClaim.none(), List.of(JANES))).isInstanceOf(Verification.AskForProof.class);
  }

  @Test
  void the_state_survives_a_round_trip_through_its_stored_form_and_a_damaged_one_starts_fresh() {
    VerificationState s = new VerificationState(2, Optional.of("gid://shopify/Order/6600000000003"), Optional.of("1003"));
    assertThat(VerificationState.decode(s.encode())).isEqualTo(s);
    assertThat(VerificationState.decode(VerificationState.fresh().encode())).isEqualTo(VerificationState.fresh());
    assertThat(VerificationState.decode("v0|9||")).isEqualTo(VerificationState.fresh());
    assertThat(VerificationState.decode("garbage")).isEqualTo(VerificationState.fresh());
    assertThat(VerificationState.decode(null)).isEqualTo(VerificationState.fresh());
  }

  @Test
  void nothing_personal_shows_in_the_string_forms_that_logs_could_print() {
    String printed = List.of(JANES, JANE, OrderClaim.read("#1003 bo.wang@example.com zip 94110"),
        new VerificationState(1, Optional.of(BOS.id()), Optional.of("1003"))).toString();
    assertThat(printed).doesNotContain("jane", "bo.wang", "1003", "1001", "94110", "613");
  }
}
