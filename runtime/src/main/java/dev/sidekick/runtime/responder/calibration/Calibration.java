package dev.sidekick.runtime.responder.calibration;

import dev.sidekick.runtime.responder.knowledge.KnowledgeBase;
import dev.sidekick.runtime.responder.retrieval.Candidate;
import dev.sidekick.runtime.responder.retrieval.Decision;
import dev.sidekick.runtime.responder.retrieval.Passage;
import dev.sidekick.runtime.responder.retrieval.Ranking;
import dev.sidekick.runtime.responder.retrieval.Retriever;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A knowledge base checked against its own examples by cross-validation: the example messages (the entries', the
 * must-hand-off ones and the built-in scenarios') are dealt into {@value #FOLDS} folds, class by class; each fold is
 * held out in turn while the classifier is trained on everything else (titles, phrases and menu labels always train),
 * and its examples are classified as unseen customer messages would be. The decision is then replayed at any
 * threshold and margin. This is what the start-up check and {@code scripts/knowledge-base calibrate} report, and how
 * the threshold and the margin are recommended. Deterministic: the folds follow the file's order, the training its seed.
 */
public final class Calibration {
  static final int FOLDS = 5;
  /** At most this share of the must-hand-off examples may be answered (1 in 50). */
  public static final double MAX_FALSE_ANSWERS = 0.02;
  /** At most this share of the entries' examples may get a wrong entry (1 in 100). */
  public static final double MAX_WRONG_ENTRIES = 0.01;
  private static final double LOWEST = 0.50;
  private static final double HIGHEST = 0.95;
  private static final double MAX_MARGIN = 0.50;
  private static final double STEP = 0.01;

  /**
   * One held-out example: the entry it belongs to (empty: it must be handed off), the built-in scenario it comes from
   * (empty: the author wrote it), and how it ranked.
   */
  public record Trial(String example, Optional<String> expected, Optional<String> scenario, Ranking ranking) {
    public boolean builtIn() {
      return scenario.isPresent();
    }
  }

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

  /** Cross-validates the retriever's classifiers on its knowledge base's examples. */
  public static Calibration of(Retriever retriever) {
    KnowledgeBase kb = retriever.knowledgeBase();
    List<Passage> passages = retriever.passages();
    int[] fold = folds(passages);
    List<Trial> trials = new ArrayList<>();
    for (int f = 0; f < FOLDS; f++) {
      int heldOut = f;
      Retriever.Model model = retriever.train(i -> fold[i] != heldOut);
      for (Retriever.Training t : retriever.trainingSet()) {
        Passage p = passages.get(t.passage());
        if (fold[t.passage()] != heldOut) {
          continue;
        }
        Optional<String> expected =
            p.entry() == Passage.MUST_HAND_OFF ? Optional.empty() : Optional.of(kb.entries().get(p.entry()).id());
        trials.add(new Trial(p.text(), expected, p.scenario().isEmpty() ? Optional.empty() : Optional.of(p.scenario()),
            retriever.ranking(model, t)));
      }
    }
    return new Calibration(trials);
  }

  /** Each passage's fold: the examples dealt class by class in the file's order; -1 for passages that always train. */
  private static int[] folds(List<Passage> passages) {
    int[] fold = new int[passages.size()];
    Map<Integer, Integer> dealt = new TreeMap<>();
    for (int i = 0; i < passages.size(); i++) {
      Passage p = passages.get(i);
      if (!p.isExample()) {
        fold[i] = -1;
        continue;
      }
      int n = dealt.merge(p.entry(), 1, Integer::sum);
      fold[i] = (n - 1) % FOLDS;
    }
    return fold;
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
      Scorecard.Group group = t.builtIn() ? Scorecard.Group.BUILT_IN
          : t.expected().isPresent() ? Scorecard.Group.ENTRY : Scorecard.Group.HANDOFF;
      card.add(group, o);
      if (o.wrong()) {
        Decision d = Decision.of(t.ranking(), threshold, margin);
        card.problem(group, String.format(Locale.ROOT, "\"%s\" (%s) would get %s: %s", t.example(),
            t.expected().map(e -> "entry " + e).orElse(t.scenario().map(s -> "built-in scenario " + s + ", must be handed off")
                .orElse("must be handed off")),
            o == Outcome.FALSE_ANSWER ? "an answer" : "the wrong entry", d.explained()));
      }
    }
    return card;
  }

  /**
   * Whether a scorecard meets the goals: at most 1 in 100 of the entries' examples with a wrong entry (one of up to 100:
   * a knowledge base's examples are few, and the one that collides is listed for its author), at most 1 in 50 of the
   * must-hand-off examples answered.
   */
  public static boolean acceptable(Scorecard c) {
    return beyondLimits(c) == 0;
  }

  /**
   * How many examples are answered wrongly beyond what the goals accept: wrong entries beyond 1 in 100 of the entries'
   * examples, answered must-hand-off examples beyond 1 in 50 (what the start-up check reports as answered wrongly).
   */
  public static int beyondLimits(Scorecard c) {
    int wrong = (int) Math.max(0, c.count(Outcome.WRONG_ENTRY) - Math.ceil(MAX_WRONG_ENTRIES * c.size(Scorecard.Group.ENTRY)));
    int answered = (int) Math.max(0, c.count(Outcome.FALSE_ANSWER) - Math.floor(MAX_FALSE_ANSWERS * c.mustHandOff()));
    return wrong + answered;
  }

  /** The scorecard in a line: the entries' examples, then the must-hand-off ones (the built-in scenarios' apart). */
  public static String summary(Scorecard c) {
    return String.format(Locale.ROOT, "entry examples %d: correct %d, menu %d, missed %d, wrong entry %d; must-hand-off "
            + "examples %d (%d built-in): answered %d",
        c.size(Scorecard.Group.ENTRY), c.count(Scorecard.Group.ENTRY, Outcome.CORRECT),
        c.count(Scorecard.Group.ENTRY, Outcome.MENU), c.count(Scorecard.Group.ENTRY, Outcome.MISSED),
        c.count(Outcome.WRONG_ENTRY), c.mustHandOff(), c.size(Scorecard.Group.BUILT_IN), c.count(Outcome.FALSE_ANSWER));
  }

  /**
   * The threshold and margin that answer the most examples with the right entry while no example gets a wrong entry
   * and at most 1 in 50 of the must-hand-off examples (the author's and the built-in ones together) are answered; of
   * the values that answer as many, the highest threshold (the most room for messages unlike the examples), then the
   * smallest margin. Empty when no values meet both.
   */
  public Optional<Recommendation> recommend() {
    Recommendation best = null;
    for (double t = HIGHEST; t >= LOWEST - 1e-9; t -= STEP) {
      for (double m = 0; m <= MAX_MARGIN + 1e-9; m += STEP) {
        double tr = round(t);
        double mr = round(m);
        Scorecard c = scorecard(tr, mr);
        if (!acceptable(c)) {
          continue;
        }
        if (best == null || c.correct() > best.scorecard().correct()) {
          best = new Recommendation(tr, mr, c, "");
        }
        break; // a larger margin at this threshold only answers fewer
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    Scorecard c = best.scorecard();
    return Optional.of(new Recommendation(best.threshold(), best.margin(), c, String.format(Locale.ROOT,
        "held out in %d folds: %d of %d entry examples answered right, none with a wrong entry; %d of %d must-hand-off "
            + "examples answered (at most 1 in 50 may be)",
        FOLDS, c.correct(), c.size(Scorecard.Group.ENTRY), c.count(Outcome.FALSE_ANSWER), c.mustHandOff())));
  }

  /**
   * What the author should rewrite, most confident first: examples of one entry that read as another (the likelier
   * entry named), examples of an entry that read as a message for a person (the kind named: the knowledge base's own
   * must-hand-off messages, or a built-in scenario the brand may answer itself), and must-hand-off examples that read as
   * an entry.
   */
  public List<String> collisions(int max) {
    List<Trial> sorted = new ArrayList<>(trials);
    sorted.sort(Comparator.comparingDouble((Trial t) -> -Math.max(t.ranking().score(0), t.ranking().person())));
    List<String> out = new ArrayList<>();
    for (Trial t : sorted) {
      Optional<Candidate> best = t.ranking().best();
      if (best.isEmpty()) {
        continue;
      }
      boolean person = t.ranking().person() >= best.get().score();
      if (t.expected().isPresent() && person && t.ranking().person() >= 0.5) {
        out.add(String.format(Locale.ROOT, "example of %s reads as a message for a person (%.2f, like %s): \"%s\"",
            t.expected().get(), t.ranking().person(), kind(t.ranking().personKind()), t.example()));
      } else if (t.expected().isPresent() && !person && !t.expected().get().equals(best.get().entry().id())) {
        out.add(String.format(Locale.ROOT, "example of %s reads as %s (%.2f): \"%s\"", t.expected().get(),
            best.get().entry().id(), best.get().score(), t.example()));
      } else if (t.expected().isEmpty() && !person && best.get().score() >= 0.5) {
        out.add(String.format(Locale.ROOT, "must-hand-off example%s reads as %s (%.2f): \"%s\"",
            t.scenario().map(s -> " of built-in scenario " + s).orElse(""), best.get().entry().id(), best.get().score(),
            t.example()));
      }
      if (out.size() >= max) {
        break;
      }
    }
    return out;
  }

  /**
   * The built-in scenarios whose messages the knowledge base's entries answer: per scenario, how many of its examples
   * read as an entry, and how many of the entries' examples read as that scenario; those where either is at least two
   * may be what the brand answers itself ({@code handoffScenarios.exclude}).
   */
  public List<String> scenarioOverlaps() {
    Map<String, int[]> counts = new TreeMap<>();
    for (Trial t : trials) {
      Optional<Candidate> best = t.ranking().best();
      if (best.isEmpty()) {
        continue;
      }
      boolean person = t.ranking().person() >= best.get().score();
      if (t.scenario().isPresent() && !person) {
        counts.computeIfAbsent(t.scenario().get(), k -> new int[2])[0]++;
      } else if (t.expected().isPresent() && person && t.ranking().personKind().startsWith(Retriever.PERSON + " ")) {
        counts.computeIfAbsent(t.ranking().personKind().substring(Retriever.PERSON.length() + 1), k -> new int[2])[1]++;
      }
    }
    List<String> out = new ArrayList<>();
    counts.forEach((scenario, n) -> {
      if (n[0] >= 2 || n[1] >= 2) {
        out.add(String.format(Locale.ROOT, "%s: %d of its examples read as an entry, %d of the entries' examples read as it",
            scenario, n[0], n[1]));
      }
    });
    return out;
  }

  private static String kind(String personKind) {
    return personKind.equals(Retriever.PERSON) ? "your handoffExamples"
        : "the built-in scenario " + personKind.substring(Retriever.PERSON.length() + 1);
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
