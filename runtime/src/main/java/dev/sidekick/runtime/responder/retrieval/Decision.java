package dev.sidekick.runtime.responder.retrieval;

import java.util.List;
import java.util.Locale;

/**
 * What retrieval concludes from a ranking, with the knowledge base's calibrated threshold and margin: answer
 * with the best entry only when its score reaches the threshold <b>and</b> beats the second entry by the margin and
 * the closest must-hand-off example; ask "Did you mean" when the best entries are within the margin of each other; otherwise hand off.
 */
public sealed interface Decision {
  /** At most this many entries in a "Did you mean" menu (with "Talk to a person": 4 of Gladly's 10 items). */
  int MENU_CANDIDATES = 3;

  /** Why, with the scores, for logs and the agent's note. */
  String explained();

  /** The ranking decided on. */
  Ranking ranking();

  record Confident(Candidate best, Ranking ranking) implements Decision {
    @Override
    public String explained() {
      return String.format(Locale.ROOT, "%s at %.2f", best.entry().id(), best.score())
          + (ranking.entries().size() > 1
              ? String.format(Locale.ROOT, ", next %s at %.2f", ranking.entries().get(1).entry().id(), ranking.score(1))
              : "");
    }
  }

  record Ambiguous(List<Candidate> candidates, Ranking ranking) implements Decision {
    @Override
    public String explained() {
      return "close: " + String.join(", ", candidates.stream()
          .map(c -> String.format(Locale.ROOT, "%s at %.2f", c.entry().id(), c.score())).toList());
    }
  }

  /** Nothing reaches the threshold. */
  record NoMatch(Ranking ranking, double threshold) implements Decision {
    @Override
    public String explained() {
      return ranking.best()
          .map(b -> String.format(Locale.ROOT, "best: %s at %.2f, below %.2f", b.entry().id(), b.score(), threshold))
          .orElse("nothing in the knowledge base matches");
    }
  }

  /** The message is as close to a message that must be handed off as to the best entry. */
  record MustHandOff(Ranking.Neighbour neighbour, Candidate best, Ranking ranking) implements Decision {
    @Override
    public String explained() {
      return String.format(Locale.ROOT, "closer to \"%s\" (%.2f, must be handed off) than to %s (%.2f)",
          neighbour.example(), neighbour.score(), best.entry().id(), best.score());
    }
  }

  public static Decision of(Ranking ranking, double threshold, double margin) {
    if (ranking.best().isEmpty() || ranking.score(0) < threshold) {
      return new NoMatch(ranking, threshold);
    }
    Candidate best = ranking.entries().get(0);
    if (ranking.mustHandOff().isPresent() && ranking.mustHandOff().get().score() >= best.score()) {
      return new MustHandOff(ranking.mustHandOff().get(), best, ranking);
    }
    List<Candidate> close =
        ranking.top(MENU_CANDIDATES).stream()
            .filter(c -> best.score() - c.score() < margin)
            .toList();
    if (close.size() > 1) {
      return new Ambiguous(close, ranking);
    }
    return new Confident(best, ranking);
  }

  /** The decision for this ranking with the knowledge base's threshold and margin. */
  public static Decision of(Ranking ranking, dev.sidekick.runtime.responder.knowledge.KnowledgeBase kb) {
    return of(ranking, kb.confidenceThreshold(), kb.margin());
  }
}
