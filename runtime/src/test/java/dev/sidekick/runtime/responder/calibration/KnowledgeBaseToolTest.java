package dev.sidekick.runtime.responder.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The knowledge-base author's command: calibrate a knowledge base on its own examples, evaluate a labelled set. */
class KnowledgeBaseToolTest {
  @TempDir Path dir;

  private record Run(int exit, String out) {}

  private static Run run(String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit = KnowledgeBaseTool.run(List.of(args), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return new Run(exit, bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void the_sample_knowledge_base_answers_none_of_its_own_examples_wrongly_and_keeps_the_recommended_values() {
    Run r = run("calibrate", "../examples/knowledge-base.yaml");
    assertThat(r.out())
        .contains("| threshold | correct | menu | wrong entry | missed | handed off | false answer |")
        .contains("Recommended: confidenceThreshold: 0.54, margin: 0.07")
        .contains("entry examples that reach it lead the next entry by")
        .contains("With the file's values (confidenceThreshold 0.54, margin 0.07)")
        .contains("0 answered wrongly");
    assertThat(r.exit()).isZero();
  }

  @Test
  void a_knowledge_base_whose_examples_would_be_answered_wrongly_is_reported_by_name_and_fails() throws IOException {
    Path kb = Files.writeString(dir.resolve("kb.yaml"), """
        confidenceThreshold: 0.1
        margin: 0.0
        entries:
          - { id: track, phrases: [track my order], examples: [where is my order, track my parcel], answer: a }
          - { id: cancel, phrases: [change my order], examples: [cancel my order please, where can I cancel], answer: b }
        handoffExamples: [my order arrived broken, track a competitor order]
        """);
    Run r = run("calibrate", kb.toString(), "--lexical-only");
    assertThat(r.out()).contains("embeddings: none (lexical stage only)").contains("would get");
    assertThat(r.exit()).isEqualTo(1);
  }

  @Test
  void a_labelled_set_is_scored_per_category_with_the_decision_time() throws IOException {
    Path set = Files.writeString(dir.resolve("set.yaml"), """
        messages:
          - { category: typo, expect: password, text: "frgot my pasword" }
          - { category: near-miss, expect: handoff, text: "do you sell gift cards" }
          - { category: transfer, expect: "handoff:manager", text: "let me talk to your manager" }
          - { category: small-talk, expect: greeting, text: "hello there" }
        """);
    Run r = run("evaluate", "../examples/knowledge-base.yaml", set.toString(), "--lexical-only", "--rounds", "2", "--show");
    assertThat(r.out())
        .contains("| category | messages | correct | menu | wrong entry | false answer | missed |")
        .contains("| typo | 1 | 1 | 0 | 0 | 0 | 0 |")
        .contains("| transfer | 1 | 1 | 0 | 0 | 0 | 0 |")
        .contains("Hand-offs naming the expected transfer reason: 1 of 1")
        .contains("Decision time over 8 decisions: p50");
    assertThat(r.exit()).isZero();
  }

  @Test
  void the_evaluation_says_which_messages_an_endpoint_with_a_commerce_backend_takes_to_the_order_desk() throws IOException {
    Path set = Files.writeString(dir.resolve("set.yaml"), """
        messages:
          - { category: paraphrase, expect: order-status, text: "where is my order" }
          - { category: paraphrase, expect: returns, text: "what is your return policy" }
          - { category: near-miss, expect: handoff, text: "cancel my order" }
          - { category: paraphrase, expect: hours, text: "what are your opening hours" }
        """);
    Run r = run("evaluate", "../examples/knowledge-base.yaml", set.toString(), "--lexical-only", "--rounds", "1", "--show");
    assertThat(r.out())
        .contains("2 of 4 messages go to the order desk (status 1, return 0, cancel 1); 2 of them expect an entry marked"
            + " with that order question")
        .contains("taken from an answer that needs no order data or from a hand-off: 0 (goal 0)")
        .contains("[paraphrase] right status: \"where is my order\"")
        .contains("[near-miss] right cancel: \"cancel my order\" (expects handoff)");
  }
}
