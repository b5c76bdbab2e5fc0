package dev.sidekick.runtime.responder.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** A model's answer reaches the customer only with links, prices and a language that the entries it was given allow. */
class AnswerCheckTest {
  private static final String GIVEN =
      "- Shipping times and costs\n  Answer: Standard shipping takes 3-5 business days and is free over $50; express "
          + "takes 1-2 days for $12. Track it at https://shop.example.com/orders.\n";

  private static java.util.Optional<String> check(String answer) {
    return AnswerCheck.problem(answer, GIVEN, "how much is express shipping?", Set.of("en"), 600);
  }

  @Test
  void an_answer_drawn_from_the_entries_passes() {
    assertThat(check("Express shipping takes 1-2 days and costs $12.00. Follow it at shop.example.com/orders.")).isEmpty();
  }

  @Test
  void a_link_or_a_price_the_entries_do_not_have_is_refused() {
    assertThat(check("See https://evil.example.net/deal for express shipping.")).hasValueSatisfying(
        p -> assertThat(p).contains("address that is not in the knowledge base (evil.example.net/deal)"));
    assertThat(check("Write to help@shop.example.com.")).isPresent();
    assertThat(check("Express shipping costs $15.")).hasValueSatisfying(p -> assertThat(p).contains("amount").contains("15"));
    assertThat(check("Express shipping costs 9.99 dollars.")).isPresent();
  }

  @Test
  void an_answer_in_another_language_or_too_long_is_refused() {
    assertThat(check("Der Expressversand dauert 1-2 Tage und kostet $12, die Lieferung ist schnell und wir danken Ihnen."))
        .hasValueSatisfying(p -> assertThat(p).contains("the answer is in de"));
    assertThat(AnswerCheck.problem("x".repeat(700), GIVEN, "hi", Set.of("en"), 600)).isPresent();
  }
}
