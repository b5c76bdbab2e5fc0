package dev.sidekick.runtime.responder.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.runtime.responder.knowledge.KnowledgeBase;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Answer only the clearly likeliest entry; ask when two entries share the likelihood; hand off when a person is
 * likelier than any entry, or nothing is likely enough.
 */
class DecisionTest {
  private static KnowledgeBase.Entry entry(String id) {
    return new KnowledgeBase.Entry(id, id, List.of(id), List.of(), "answer " + id, List.of());
  }

  private static Ranking ranking(double first, double second, double third) {
    return new Ranking(
        List.of(new Candidate(entry("a"), first, 0, 0), new Candidate(entry("b"), second, 0, 0),
            new Candidate(entry("c"), third, 0, 0)),
        1 - first - second - third, Retriever.PERSON + " damaged-item",
        Optional.of(new Ranking.Neighbour("the mug arrived smashed", 0.7)), Map.of());
  }

  @Test
  void the_likeliest_entry_is_answered_only_above_the_threshold_and_clear_of_the_second() {
    assertThat(Decision.of(ranking(0.80, 0.10, 0.05), 0.55, 0.0)).isInstanceOf(Decision.Confident.class);
    assertThat(Decision.of(ranking(0.60, 0.30, 0.05), 0.55, 0.40)).isNotInstanceOf(Decision.Confident.class);
    assertThat(Decision.of(ranking(0.45, 0.08, 0.07), 0.55, 0.0)).isInstanceOf(Decision.NoMatch.class);
  }

  @Test
  void two_entries_that_share_the_likelihood_are_offered_in_a_menu() {
    assertThat(Decision.of(ranking(0.40, 0.35, 0.05), 0.55, 0.0)).isInstanceOfSatisfying(Decision.Ambiguous.class,
        a -> assertThat(a.candidates()).extracting(c -> c.entry().id()).containsExactly("a", "b"));
    // an entry hardly likely is not offered
    assertThat(Decision.of(ranking(0.50, 0.06, 0.05), 0.55, 0.0)).isInstanceOf(Decision.NoMatch.class);
  }

  @Test
  void a_message_that_reads_as_one_for_a_person_is_handed_off_with_what_it_resembles() {
    Decision d = Decision.of(ranking(0.30, 0.10, 0.05), 0.25, 0.0);
    assertThat(d).isInstanceOfSatisfying(Decision.MustHandOff.class,
        m -> assertThat(m.explained()).contains("needs a person at 0.55, like built-in scenario damaged-item")
            .contains("the mug arrived smashed"));
  }
}
