package dev.sidekick.runtime.harvest;

import dev.sidekick.runtime.responder.knowledge.KnowledgeBase;
import dev.sidekick.runtime.responder.text.Words;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which label of the knowledge base an agent's reply gives: the entry (or the farewell, {@code close}; the greeting,
 * {@code greeting}) whose answer's words the reply holds most of. An agent who pastes an entry's answer between a
 * greeting and a signature holds all of its words; one who explains something else holds few.
 */
final class ReplyMatcher {
  /** Share of an answer's meaningful words a reply must hold to count as giving that answer. */
  static final double ENOUGH = 0.6;
  /**
   * And how many at least: an answer of one or two meaningful words ("What do you need help with?") is held by any
   * reply that happens to use them, which says nothing about the answer the agent gave.
   */
  static final int FEWEST_WORDS = 3;

  private record Candidate(String label, Set<String> words) {}

  /** The best candidate: its label and how many of its answer's words the reply holds. */
  record Match(String label, int shared, int of) {
    double share() {
      return of == 0 ? 0 : (double) shared / of;
    }

    boolean enough() {
      return share() >= ENOUGH && shared >= FEWEST_WORDS;
    }

    String describe() {
      return String.format(Locale.ROOT, "%d of the %d words of the answer of %s", shared, of, label);
    }
  }

  private final List<Candidate> candidates = new ArrayList<>();

  ReplyMatcher(KnowledgeBase kb) {
    for (KnowledgeBase.Entry e : kb.entries()) {
      candidates.add(new Candidate(e.id(), Words.content(e.answer())));
      e.menu().forEach(o -> candidates.add(new Candidate(e.id(), Words.content(o.answer()))));
    }
    candidates.add(new Candidate("close", Words.content(kb.farewell())));
    kb.greeting().ifPresent(g -> candidates.add(new Candidate("greeting", Words.content(g))));
  }

  /**
   * The candidate the reply gives best: among the answers it holds enough of, the one it shares the most words with
   * (a long answer held whole is stronger evidence than a short one); else the largest share, to say how close it
   * came. The first of equals; empty without any candidate.
   */
  Optional<Match> best(String reply) {
    Set<String> words = Words.content(reply);
    Comparator<Match> stronger = Comparator.comparing(Match::enough)
        .thenComparing(m -> m.enough() ? m.shared() : 0)
        .thenComparingDouble(Match::share);
    Match best = null;
    for (Candidate c : candidates) {
      Set<String> shared = new HashSet<>(c.words());
      shared.retainAll(words);
      Match m = new Match(c.label(), shared.size(), c.words().size());
      if (best == null || stronger.compare(m, best) > 0) {
        best = m;
      }
    }
    return Optional.ofNullable(best);
  }
}
