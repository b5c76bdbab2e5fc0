package dev.sidekick.runtime.responder.calibration;

import dev.sidekick.runtime.responder.knowledge.KnowledgeBase;
import dev.sidekick.runtime.responder.retrieval.Candidate;
import dev.sidekick.runtime.responder.retrieval.Decision;
import dev.sidekick.runtime.responder.retrieval.Passage;
import dev.sidekick.runtime.responder.retrieval.Ranking;
import dev.sidekick.runtime.responder.retrieval.Retriever;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A knowledge base checked against its own examples: each example message (of an entry, or of a message that
 * must be handed off) is held out and ranked against all the other passages, as an unseen customer message would
 * be; the decision is then replayed at any threshold and margin. This is what the start-up check and
 * {@code scripts/knowledge-base calibrate} report, and how the threshold and the margin are recommended.
 */
public final class Calibration {
  // The thresholds and margins the recommendation considers.
  private static final double HIGHEST = 0.95;
  private static final double MAX_MARGIN = 0.15;
  // Two entries this close are always asked about: a difference within rounding says nothing.
  private static final double MIN_MARGIN = 0.03;
  private static final double STEP = 0.01;

  /** One held-out example: the entry it belongs to (empty: it must be handed off) and how it ranked. */
  public record Trial(String example, Optional<String> expected, Ranking ranking) {}

  /** What the decision does with one trial. */
  public enum Outcome {
    CORRECT("correct"),
    MENU("menu"),
    WRONG_ENTRY("wrong entry"),
    MISSED("missed"),
    HANDED_OFF("handed off"),
    FALSE_ANSWER("false answer");

    private final String label;

    Outcome(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** Whether a customer would get a wrong answer. */
    public boolean wrong() {
      return this == WRONG_ENTRY || this == FALSE_ANSWER;
    }
  }

  /** A recommended threshold and margin, and how the examples fare with them. */
  public record Recommendation(double threshold, double margin, Scorecard scorecard, String why) {}

  private final List<Trial> trials;

  private Calibration(List<Trial> trials) {
    this.trials = List.copyOf(trials);
  }

  /** Holds out every example of the retriever's knowledge base in turn. */
  public static Calibration of(Retriever retriever, Duration budgetPerExample) {
    List<Trial> trials = new ArrayList<>();
    List<Passage> passages = retriever.passages();
    KnowledgeBase kb = retriever.knowledgeBase();
    for (int i = 0; i < passages.size(); i++) {
      Passage p = passages.get(i);
      if (!p.isExample()) {
        continue;
      }
      Optional<String> expected =
          p.entry() == Passage.MUST_HAND_OFF ? Optional.empty() : Optional.of(kb.entries().get(p.entry()).id());
      Ranking ranking = retriever.without(i).rank(p.text(), retriever.vector(i), budgetPerExample);
      trials.add(new Trial(p.text(), expected, ranking));
    }
    return new Calibration(trials);
  }

  public List<Trial> trials() {
    return trials;
  }

  public static Outcome outcome(Trial trial, double threshold, double margin) {
    Decision d = Decision.of(trial.ranking(), threshold, margin);
    if (trial.expected().isEmpty()) {
      if (d instanceof Decision.Confident) {
        return Outcome.FALSE_ANSWER;
      }
      return d instanceof Decision.Ambiguous ? Outcome.MENU : Outcome.HANDED_OFF;
    }
    String expected = trial.expected().get();
    if (d instanceof Decision.Confident c) {
      return c.best().entry().id().equals(expected) ? Outcome.CORRECT : Outcome.WRONG_ENTRY;
    }
    if (d instanceof Decision.Ambiguous a) {
      return a.candidates().stream().anyMatch(c -> c.entry().id().equals(expected)) ? Outcome.MENU : Outcome.MISSED;
    }
    return Outcome.MISSED;
  }

  public Scorecard scorecard(double threshold, double margin) {
    Scorecard card = new Scorecard();
    for (Trial t : trials) {
      Outcome o = outcome(t, threshold, margin);
      card.add(o);
      if (o.wrong()) {
        Decision d = Decision.of(t.ranking(), threshold, margin);
        card.problem(String.format(Locale.ROOT, "\"%s\" (%s) would get %s: %s", t.example(),
            t.expected().map(e -> "entry " + e).orElse("must be handed off"),
            o == Outcome.FALSE_ANSWER ? "an answer" : "the wrong entry", d.explained()));
      }
    }
    return card;
  }

  /**
   * The threshold and margin to use. The threshold keeps the examples that must be handed off below it with room
   * to spare: above the highest of their best scores, and above their mean plus 2.33 standard deviations, where
   * fewer than 1 in 100 such messages would score if their scores are about normal (the goal for
   * out-of-scope messages). The margin does the same for a wrong entry: over the entries' examples that reach the
   * threshold, the lead of their own entry over the best other one has a mean and a standard deviation; a margin of
   * 2.33 deviations minus the mean leaves fewer than 1 in 100 such messages answered with another entry, if the
   * leads are about normal, although none of the examples themselves may be (a knowledge base's examples are few,
   * and an unseen paraphrase falls between two entries more often than they do). From there (at least 0.03), the
   * smallest margin that leaves no example answered with a wrong entry. Without must-hand-off examples there is
   * nothing to calibrate the threshold on.
   */
  public Optional<Recommendation> recommend() {
    double[] negatives = trials.stream().filter(t -> t.expected().isEmpty()).mapToDouble(t -> t.ranking().score(0)).toArray();
    if (negatives.length < 3) {
      return Optional.empty();
    }
    Spread handOff = Spread.of(negatives);
    double max = Arrays.stream(negatives).max().orElse(0);
    double threshold = Math.min(HIGHEST, Math.ceil(Math.max(max + STEP, handOff.mean() + 2.33 * handOff.sd()) * 100) / 100);
    Spread leads = Spread.of(trials.stream()
        .filter(t -> t.expected().isPresent() && t.ranking().score(0) >= threshold)
        .mapToDouble(t -> lead(t.ranking(), t.expected().get()))
        .toArray());
    double fromMargin = Math.min(MAX_MARGIN, Math.max(MIN_MARGIN, Math.ceil((2.33 * leads.sd() - leads.mean()) * 100) / 100));
    for (double t = threshold; t <= HIGHEST + 1e-9; t += STEP) {
      for (double m = fromMargin; m <= MAX_MARGIN + 1e-9; m += STEP) {
        Scorecard c = scorecard(t, m);
        if (c.wrong() == 0) {
          double tr = round(t);
          double mr = round(m);
          return Optional.of(new Recommendation(tr, mr, scorecard(tr, mr), String.format(Locale.ROOT,
              "the must-hand-off examples score at most %.2f, mean %.2f, sd %.2f: below %.2f fewer than 1 in 100 would be "
                  + "answered; the %d entry examples that reach it lead the next entry by %.2f on average, sd %.2f: from a "
                  + "margin of %.2f fewer than 1 in 100 would get a wrong entry; the smallest from there with no example "
                  + "answered with a wrong entry is %.2f",
              max, handOff.mean(), handOff.sd(), tr, leads.count(), leads.mean(), leads.sd(), fromMargin, mr)));
        }
      }
    }
    return Optional.empty();
  }

  /** The count, mean and standard deviation of some scores (mean and deviation 0 with fewer than two). */
  private record Spread(int count, double mean, double sd) {
    static Spread of(double[] values) {
      if (values.length < 2) {
        return new Spread(values.length, 0, 0);
      }
      double mean = Arrays.stream(values).average().orElse(0);
      double sd = Math.sqrt(Arrays.stream(values).map(x -> (x - mean) * (x - mean)).sum() / (values.length - 1));
      return new Spread(values.length, mean, sd);
    }
  }

  /** How far the entry leads the best other entry in the ranking (negative when another ranks first). */
  private static double lead(Ranking ranking, String entry) {
    double own = 0;
    double other = 0;
    for (Candidate c : ranking.entries()) {
      if (c.entry().id().equals(entry)) {
        own = c.score();
      } else {
        other = Math.max(other, c.score());
      }
    }
    return own - other;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
