package dev.sidekick.runtime.responder.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Splitting a customer's long message, and a knowledge base's answer, into sentences. */
class SentencesTest {
  @Test
  void an_answer_is_split_at_its_full_stops_but_not_inside_a_link_or_a_price() {
    assertThat(Sentences.all("Standard shipping is $4.50. Express: see https://shop.example.com/express.\nThanks!"))
        .containsExactly("Standard shipping is $4.50.", "Express: see https://shop.example.com/express.", "Thanks!");
    assertThat(Sentences.all("  One sentence only  ")).containsExactly("One sentence only");
    assertThat(Sentences.all(" \n ")).isEmpty();
  }

  @Test
  void a_long_message_gives_its_questions_first_then_its_longest_sentences() {
    String email = "Hi there, I hope you are well. We moved house last month and the kids started a new school. "
        + "Anyway, how long does shipping take? Thanks, Jo";
    assertThat(Sentences.of(email, 2))
        .containsExactly("how long does shipping take?", "We moved house last month and the kids started a new school.");
    assertThat(Sentences.of("where is my order", 2)).isEmpty();
  }
}
