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
  void the_sample_knowledge_base_is_cross_validated_and_keeps_the_values_calibrate_recommends() {
    Run r = run("calibrate", "../examples/knowledge-base.yaml");
    assertThat(r.out())
        .contains("cross-validated in 5 folds:")
        .contains("| threshold | correct | menu | wrong entry | missed | answered: own | answered: built-in |")
        .contains("Recommended: confidenceThreshold: 0.55, margin: 0.00")
        .contains("none with a wrong entry")
        .contains("With the file's values (confidenceThreshold 0.55, margin 0.00)")
        .contains(": acceptable");
    assertThat(r.exit()).isZero();
  }

  @Test
  void write_puts_the_recommended_values_into_the_authors_file_and_keeps_the_rest() throws IOException {
    Path kb = Files.writeString(dir.resolve("kb.yaml"), Files.readString(Path.of("../examples/knowledge-base.yaml"))
        .replaceFirst("(?m)^confidenceThreshold:.*$", "confidenceThreshold: 0.9")
        .replaceFirst("(?m)^margin:.*$", "margin: 0.3"));
    Path out = dir.resolve("written.yaml");
    Run r = run("calibrate", kb.toString(), "--write", out.toString());
    assertThat(r.out()).contains("Wrote " + out + " with confidenceThreshold 0.55 and margin 0.00");
    String written = Files.readString(out);
    assertThat(written).contains("confidenceThreshold: 0.55").contains("margin: 0.00")
        .contains("# A sample knowledge base for Sidekick's built-in responder").contains("- id: order-status");
    assertThat(r.exit()).isZero();
  }

  @Test
  void colliding_examples_are_named_and_values_that_answer_them_wrongly_fail() throws IOException {
    Path kb = Files.writeString(dir.resolve("kb.yaml"), """
        confidenceThreshold: 0.3
        margin: 0.0
        entries:
          - id: track
            phrases: [track my order]
            examples: [where is my order, track my parcel, cancel my order please, has my order shipped, when will it come]
            answer: a
          - id: cancel
            phrases: [cancel an order]
            examples: [cancel my order please, how can I cancel, where is my order, stop my order, I want to cancel]
            answer: b
        handoffExamples: [my order arrived broken, the parcel never came, you charged me twice]
        """);
    Run r = run("calibrate", kb.toString(), "--lexical-only");
    assertThat(r.out())
        .contains("embedded by none (lexical features only)")
        .contains("Examples that collide")
        .contains("example of track reads as cancel")
        .contains("NOT acceptable");
    assertThat(r.exit()).isEqualTo(1);
  }

  @Test
  void a_labelled_set_is_scored_per_category_and_channel_with_the_decision_time() throws IOException {
    Path set = Files.writeString(dir.resolve("set.yaml"), """
        messages:
          - { category: typo, expect: password, text: "frgot my pasword" }
          - { category: transfer, expect: "handoff:manager", text: "let me talk to your manager" }
          - { category: small-talk, expect: greeting, text: "hello there" }
          - { category: small-talk, channel: email, expect: close, text: "Thanks, that's all sorted now.\\n\\nBest,\\nAnn" }
        """);
    Run r = run("evaluate", "../examples/knowledge-base.yaml", set.toString(), "--lexical-only", "--rounds", "2", "--show");
    assertThat(r.out())
        .contains("| category | messages | correct | menu | wrong entry | false answer | missed |")
        .contains("| transfer | 1 | 1 | 0 | 0 | 0 | 0 |")
        .contains("| small-talk | 2 | 2 | 0 | 0 | 0 | 0 |")
        .contains("| channel | messages |")
        .contains("| email | 1 | 1 | 0 | 0 | 0 | 0 |")
        .contains("Hand-offs naming the expected transfer reason: 1 of 1")
        .contains("Decision time over 8 decisions: p50");
    assertThat(r.exit()).isZero();
  }

  @Test
  void a_half_of_a_set_follows_from_each_message_alone() throws IOException {
    StringBuilder yaml = new StringBuilder("messages:\n");
    for (int i = 0; i < 40; i++) {
      yaml.append("  - { category: small-talk, expect: greeting, text: \"hello ").append(i).append("\" }\n");
    }
    LabelledSet set = LabelledSet.load(Files.writeString(dir.resolve("set.yaml"), yaml.toString()));
    LabelledSet dev = set.half(LabelledSet.Half.DEV);
    LabelledSet test = set.half(LabelledSet.Half.TEST);
    assertThat(dev.messages().size() + test.messages().size()).isEqualTo(40);
    assertThat(dev.messages()).isNotEmpty().doesNotContainAnyElementsOf(test.messages());
    // the same message is in the same half in any set, whatever its place
    List<LabelledSet.Message> backwards = new java.util.ArrayList<>(set.messages());
    java.util.Collections.reverse(backwards);
    LabelledSet reversed = new LabelledSet(backwards);
    assertThat(reversed.half(LabelledSet.Half.DEV).messages()).containsExactlyInAnyOrderElementsOf(dev.messages());
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
