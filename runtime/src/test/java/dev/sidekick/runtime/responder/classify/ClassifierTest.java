package dev.sidekick.runtime.responder.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.runtime.responder.knowledge.KnowledgeBase;
import dev.sidekick.runtime.responder.retrieval.Decision;
import dev.sidekick.runtime.responder.retrieval.Embedder;
import dev.sidekick.runtime.responder.retrieval.Ranking;
import dev.sidekick.runtime.responder.retrieval.Retriever;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The knowledge base's classifiers, trained from the sample knowledge base and the built-in scenarios and general
 * questions, with the in-process model: a problem report is told from the question it resembles, and the same file
 * gives the same model.
 */
class ClassifierTest {
  private static final Duration BUDGET = Duration.ofMinutes(2);
  // by name: the native build compiles the tests without the in-process model's package (it runs none of them)
  private static final Embedder MODEL = inProcess();
  private static KnowledgeBase kb;
  private static Retriever retriever;

  private static Embedder inProcess() {
    try {
      return (Embedder) Class.forName("dev.sidekick.runtime.responder.retrieval.onnx.InProcessEmbedder")
          .getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  @BeforeAll
  static void train() {
    kb = KnowledgeBase.load(Path.of("../examples/knowledge-base.yaml"));
    retriever = Retriever.build(kb, Optional.of(MODEL), BUDGET);
  }

  private static Decision decide(String message) {
    return Decision.of(retriever.rank(message, BUDGET), kb);
  }

  @Test
  void a_problem_with_an_order_is_handed_off_and_the_question_it_resembles_is_answered() {
    assertThat(decide("how can I follow my order?")).isInstanceOfSatisfying(Decision.Confident.class,
        c -> assertThat(c.best().entry().id()).isEqualTo("order-status"));
    assertThat(decide("My order is missing one item")).isInstanceOfSatisfying(Decision.MustHandOff.class,
        m -> assertThat(m.ranking().personKind()).isEqualTo(Retriever.PERSON + " missing-item"));
    assertThat(decide("tracking says delivered but the parcel never came")).isInstanceOf(Decision.MustHandOff.class);
    assertThat(decide("you charged me twice for the same order")).isInstanceOf(Decision.MustHandOff.class);
  }

  @Test
  void the_same_knowledge_base_trains_the_same_classifiers() {
    Retriever again = Retriever.build(kb, Optional.of(MODEL), BUDGET);
    for (String message : new String[] {"how much is postage", "my parcel arrived broken", "wen r u open"}) {
      Ranking a = retriever.rank(message, BUDGET);
      Ranking b = again.rank(message, BUDGET);
      assertThat(b.person()).isEqualTo(a.person());
      assertThat(b.entries()).extracting(c -> c.entry().id() + "=" + c.score())
          .containsExactlyElementsOf(a.entries().stream().map(c -> c.entry().id() + "=" + c.score()).toList());
    }
  }

  @Test
  void probabilities_add_up_to_one_over_the_entries_and_a_person() {
    Ranking r = retriever.rank("do you ship express?", BUDGET);
    double total = r.person() + r.entries().stream().mapToDouble(c -> c.score()).sum();
    assertThat(total).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
  }
}
