package dev.sidekick.runtime.responder.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.runtime.responder.knowledge.KnowledgeBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without sentence embeddings (a native image without an embeddings endpoint) the classifiers read words and their
 * letters alone, and the lexical stage gives the agent's note its evidence: typos, synonyms and unknown words.
 */
class LexicalStageTest {
  private final Retriever retriever =
      Retriever.build(KnowledgeBase.load(Path.of("src/test/resources/kb.yaml")), Optional.empty(), Duration.ofSeconds(1));

  @TempDir Path dir;

  private Ranking rank(String message) {
    return retriever.rank(message, Duration.ofSeconds(1));
  }

  @Test
  void typos_are_corrected_and_find_their_entry() {
    Ranking r = rank("frgot my pasword");
    assertThat(r.best().orElseThrow().entry().id()).isEqualTo("password");
    assertThat(r.corrections()).containsEntry("frgot", "forgot").containsEntry("pasword", "password");
    assertThat(rank("how do i retrun an item").best().orElseThrow().entry().id()).isEqualTo("returns");
  }

  @Test
  void a_word_the_knowledge_base_never_uses_lowers_the_score() {
    double asked = rank("where is my order").score(0);
    double other = rank("cancel my order").score(0);
    assertThat(other).isLessThan(asked / 2);
  }

  @Test
  void a_long_message_is_matched_by_its_question_too() {
    String email = "Hi there, I hope you are well. We moved house last month and the kids started a new school. "
        + "Anyway, how long does shipping take? Thanks, Jo";
    assertThat(rank(email).best().orElseThrow().entry().id()).isEqualTo("shipping");
  }

  @Test
  void what_an_answer_says_is_evidence_of_the_question_it_answers() throws IOException {
    KnowledgeBase kb = KnowledgeBase.load(Files.writeString(dir.resolve("kb.yaml"), """
        entries:
          - id: gift-cards
            phrases: [buy a gift card]
            answer: "Our gift cards never expire. See what is left on one at https://shop.example.com/balance, any time."
          - { id: hours, phrases: [opening hours], answer: "We are open from 9 to 5." }
        """));
    Retriever r = Retriever.build(kb, Optional.empty(), Duration.ofSeconds(1));
    assertThat(r.passages()).filteredOn(p -> p.kind() == Passage.Kind.ANSWER).extracting(Passage::text).containsExactly(
        "Our gift cards never expire.", "See what is left on one at https://shop.example.com/balance, any time.",
        "We are open from 9 to 5.");
    Ranking ranking = r.rank("does the balance expire", Duration.ofSeconds(1));
    assertThat(ranking.best().orElseThrow().entry().id()).isEqualTo("gift-cards");
    assertThat(ranking.best().orElseThrow().lexical()).isPositive();
    assertThat(ranking.entries().get(1).lexical()).isZero();
  }

  @Test
  void a_message_is_explained_by_the_whole_wording_of_an_entry_not_its_answers() throws IOException {
    String returns = """
        entries:
          - id: returns
            phrases: [exchange an item]
            examples: [the jacket is the wrong %s]
            answer: "Exchanges are free: pick the new size at https://shop.example.com/returns."
          - { id: hours, phrases: [opening hours], answer: "We are open from 9 to 5." }
        """;
    double sizeInAnExample = lexicalScore(returns.formatted("size"), "exchange it for a bigger size");
    double sizeInTheAnswerOnly = lexicalScore(returns.formatted("colour"), "exchange it for a bigger size");
    assertThat(sizeInAnExample).isGreaterThan(sizeInTheAnswerOnly * 1.3);
  }

  private double lexicalScore(String yaml, String message) throws IOException {
    KnowledgeBase kb = KnowledgeBase.load(Files.writeString(Files.createTempFile(dir, "kb", ".yaml"), yaml));
    Ranking ranking = Retriever.build(kb, Optional.empty(), Duration.ofSeconds(1)).rank(message, Duration.ofSeconds(1));
    Candidate returns = ranking.entries().stream().filter(c -> c.entry().id().equals("returns")).findFirst().orElseThrow();
    return returns.lexical();
  }
}
