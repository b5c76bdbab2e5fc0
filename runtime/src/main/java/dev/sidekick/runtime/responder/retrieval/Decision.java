package dev.sidekick.runtime.responder.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the classifier's probabilities conclude, with the knowledge base's calibrated threshold and margin: answer with
 * the best entry only when its probability reaches the threshold <b>and</b> beats the second entry's by the margin; ask
 * "Did you mean" when two or three entries together reach the threshold but none alone is sure; hand off when "a person"
 * is the likeliest class, and otherwise.
 */
public sealed interface Decision {
  /** At most this many entries in a "Did you mean" menu (with "Talk to a person": 4 of Gladly's 10 items). */
  int MENU_CANDIDATES = 3;
  /** An entry less likely than this is not offered in a menu. */
  double MENU_FLOOR = 0.1;

  /** Why, with the probabilities, for logs and the agent's note. */
  String explained();

  /** The ranking decided on. */
  Ranking ranking();

  record Confident(Candidate best, Ranking ranking) implements Decision {
    @Override
    public String explained() {
      return String.format(Locale.ROOT, "%s at %.2f", best.entry().id(), best.score())
          + (ranking.entries().size() > 1
              ? String.format(Locale.ROOT, ", next %s at %.2f", ranking.entries().get(1).entry().id(), ranking.score(1))
              : "")
          + String.format(Locale.ROOT, ", a person %.2f", ranking.person());
    }
  }

  record Ambiguous(List<Candidate> candidates, Ranking ranking) implements Decision {
    @Override
    public String explained() {
      return "close: " + String.join(", ", candidates.stream()
          .map(c -> String.format(Locale.ROOT, "%s at %.2f", c.entry().id(), c.score())).toList())
          + String.format(Locale.ROOT, ", a person %.2f", ranking.person());
    }
  }

  /** No entry is likely enough. */
  record NoMatch(Ranking ranking, double threshold) implements Decision {
    @Override
    public String explained() {
      return ranking.best()
          .map(b -> String.format(Locale.ROOT, "best: %s at %.2f, below %.2f; a person %.2f", b.entry().id(), b.score(),
              threshold, ranking.person()))
          .orElse("nothing in the knowledge base matches");
    }
  }

  /** "A person" is likelier than any entry: the message reads as one that must be handed off. */
  record MustHandOff(Ranking ranking) implements Decision {
    @Override
    public String explained() {
      String near = ranking.mustHandOff()
          .map(n -> String.format(Locale.ROOT, "; closest: \"%s\" (%.2f)", n.example(), n.score())).orElse("");
      String like = ranking.personKind().equals(Retriever.PERSON) ? "the knowledge base's must-hand-off messages"
          : "built-in scenario " + ranking.personKind().substring(Retriever.PERSON.length() + 1);
      return String.format(Locale.ROOT, "needs a person at %.2f, like %s", ranking.person(), like)
          + ranking.best().map(b -> String.format(Locale.ROOT, " (best entry %s at %.2f)", b.entry().id(), b.score())).orElse("")
          + near;
    }
  }

  public static Decision of(Ranking ranking, double threshold, double margin) {
    if (ranking.best().isEmpty()) {
      return new NoMatch(ranking, threshold);
    }
    Candidate best = ranking.entries().get(0);
    if (ranking.person() >= best.score()) {
      return new MustHandOff(ranking);
    }
    if (best.score() >= threshold && best.score() - ranking.score(1) >= margin) {
      return new Confident(best, ranking);
    }
    List<Candidate> offered = new ArrayList<>();
    double together = 0;
    for (Candidate c : ranking.top(MENU_CANDIDATES)) {
      if (together >= threshold || c.score() < MENU_FLOOR) {
        break;
      }
      offered.add(c);
      together += c.score();
    }
    if (offered.size() > 1 && together >= threshold && ranking.person() < together) {
      return new Ambiguous(offered, ranking);
    }
    return new NoMatch(ranking, threshold);
  }

  /** The decision for this ranking with the knowledge base's threshold and margin. */
  public static Decision of(Ranking ranking, dev.sidekick.runtime.responder.knowledge.KnowledgeBase kb) {
    return of(ranking, kb.confidenceThreshold(), kb.margin());
  }
}
