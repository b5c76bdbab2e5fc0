package dev.sidekick.runtime.responder.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.runtime.responder.knowledge.KnowledgeBase;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Answer only the clear best; ask when two are close; hand off when nothing is close enough. */
class DecisionTest {
  private static KnowledgeBase.Entry entry(String id) {
    return new KnowledgeBase.Entry(id, id, List.of(id), List.of(), "answer " + id, List.of());
  }

  private static Ranking ranking(double first, double second, Double mustHandOff) {
    return new Ranking(
        List.of(new Candidate(entry("a"), first, first, first), new Candidate(entry("b"), second, second, second)),
        Optional.ofNullable(mustHandOff).map(s -> new Ranking.Neighbour("cancel my order", s)), Map.of());
  }

  @Test
  void the_best_entry_is_answered_only_above_the_threshold_and_clear_of_the_second() {
    assertThat(Decision.of(ranking(0.70, 0.40, null), 0.54, 0.03)).isInstanceOf(Decision.Confident.class);
    assertThat(Decision.of(ranking(0.50, 0.20, null), 0.54, 0.03)).isInstanceOf(Decision.NoMatch.class);
    assertThat(Decision.of(ranking(0.70, 0.68, null), 0.54, 0.03)).isInstanceOfSatisfying(Decision.Ambiguous.class,
        a -> assertThat(a.candidates()).extracting(c -> c.entry().id()).containsExactly("a", "b"));
  }

  @Test
  void a_message_closer_to_one_that_must_be_handed_off_is_handed_off() {
    assertThat(Decision.of(ranking(0.70, 0.30, 0.72), 0.54, 0.03)).isInstanceOfSatisfying(Decision.MustHandOff.class,
        m -> assertThat(m.explained()).contains("cancel my order"));
    assertThat(Decision.of(ranking(0.70, 0.30, 0.60), 0.54, 0.03)).isInstanceOf(Decision.Confident.class);
  }
}
