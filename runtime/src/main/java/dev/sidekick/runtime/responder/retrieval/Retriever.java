package dev.sidekick.runtime.responder.retrieval;

import dev.sidekick.runtime.responder.classify.EntryClassifier;
import dev.sidekick.runtime.responder.classify.Features;
import dev.sidekick.runtime.responder.knowledge.HandoffScenarios;
import dev.sidekick.runtime.responder.knowledge.KnowledgeBase;
import dev.sidekick.runtime.responder.text.Segmenter;
import dev.sidekick.runtime.responder.text.Segments;
import dev.sidekick.runtime.responder.text.Sentences;
import dev.sidekick.runtime.responder.text.Words;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;

/**
 * A knowledge base made ready to understand customers: its passages (titles, phrases, menu labels, examples, the
 * sentences of its answers, and the messages that must be handed off, its own and the built-in scenarios'), their
 * sentence embeddings, the lexical index (typo corrections, word overlap for the agent's note), and two classifiers
 * trained on them ({@link EntryClassifier}): which of the entries, or which kind of message for a person, a message is;
 * and whether it needs a person at all, learnt from the must-hand-off messages against questions (the entries' and the
 * built-in general questions of any business). An entry's probability is the first's times the second's "no person".
 * Built once, when the knowledge base is loaded.
 */
public final class Retriever {
  /** The class of the knowledge base's own must-hand-off messages; each built-in scenario is a class of its own. */
  public static final String PERSON = "(a person)";
  /** A general question is adopted by the entry whose own passage it comes this close to (cosine similarity)... */
  static final double ADOPTED_SIMILARITY = 0.5;
  /** ...when at least this share of its topic's questions comes nearest to that entry. */
  static final double ADOPTED_SHARE = 0.5;

  private final KnowledgeBase kb;
  private final List<Passage> passages;
  private final List<float[]> vectors;
  private final LexicalIndex lexical;
  private final Optional<Embedder> embedder;
  private final Method method;
  private final Features features;
  private final Features detectorFeatures;
  private final List<String> classes;
  private final List<Training> training;
  private final Model model;
  private final long trainingMillis;
  private final int[] adopted;

  /**
   * How the classifiers are fed and trained: the weights of the feature groups, and how closely each classifier fits
   * its rows (chosen on the development halves of three brands' labelled sets, docs/benchmarks.md).
   */
  private record Method(Features.Weights weights, EntryClassifier.Settings entries, EntryClassifier.Settings detector) {}

  private static final Method METHOD =
      new Method(Features.Weights.DEFAULT, new EntryClassifier.Settings(100), new EntryClassifier.Settings(10));

  /**
   * A passage a classifier is trained on, with its features as an unseen message would have them (its nearest
   * passages found without it): {@code row} for the entries' classifier, {@code detectorRow} for the detector (either
   * may be absent).
   */
  public record Training(int passage, Optional<EntryClassifier.Row> row, Optional<EntryClassifier.Row> detectorRow) {}

  /** The trained classifiers. */
  public record Model(EntryClassifier classifier, Optional<EntryClassifier> detector) {}

  private Retriever(
      KnowledgeBase kb, List<Passage> passages, List<float[]> vectors, Optional<Embedder> embedder, Method method) {
    this.kb = kb;
    this.passages = passages;
    this.vectors = vectors;
    this.embedder = embedder;
    this.method = method;
    this.lexical = new LexicalIndex(passages, kb.entries().size(), kb.synonyms());
    List<String> names = new ArrayList<>();
    kb.entries().forEach(e -> names.add(e.id()));
    names.add(PERSON);
    kb.scenarios().forEach(x -> names.add(PERSON + " " + x.id()));
    this.classes = List.copyOf(names);
    this.features = new Features(method.weights(), classes);
    this.detectorFeatures = new Features(method.weights().withoutNearest(), List.of());
    long start = System.nanoTime();
    this.adopted = adopted();
    this.training = training();
    this.model = train(i -> true);
    this.trainingMillis = (System.nanoTime() - start) / 1_000_000;
  }

  /** Embeds every passage (when there is an embedder) within the budget and trains the classifiers. */
  public static Retriever build(KnowledgeBase kb, Optional<Embedder> embedder, Duration budget) {
    List<Passage> passages = passages(kb);
    List<float[]> vectors = embedder.map(e -> embed(e, passages, budget)).orElse(List.of());
    return new Retriever(kb, passages, vectors, embedder, METHOD);
  }

  // The built-in scenarios' and general questions' embeddings, per embedder: every knowledge base of a runtime shares them.
  private static final Map<Embedder, Map<String, float[]>> BUILT_IN = Collections.synchronizedMap(new WeakHashMap<>());

  private static List<float[]> embed(Embedder embedder, List<Passage> passages, Duration budget) {
    Map<String, float[]> known = BUILT_IN.computeIfAbsent(embedder, e -> new ConcurrentHashMap<>());
    List<String> missing = passages.stream()
        .filter(p -> !builtIn(p) || !known.containsKey(p.text()))
        .map(Passage::text).distinct().toList();
    List<float[]> embedded = missing.isEmpty() ? List.of() : embedder.embed(missing, budget);
    Map<String, float[]> now = new HashMap<>(known);
    for (int i = 0; i < missing.size(); i++) {
      now.put(missing.get(i), embedded.get(i));
    }
    passages.stream().filter(Retriever::builtIn).forEach(p -> known.putIfAbsent(p.text(), now.get(p.text())));
    return passages.stream().map(p -> now.get(p.text())).toList();
  }

  private static boolean builtIn(Passage p) {
    return p.kind() == Passage.Kind.SCENARIO || p.kind() == Passage.Kind.GENERAL_QUESTION;
  }

  static List<Passage> passages(KnowledgeBase kb) {
    List<Passage> passages = new ArrayList<>();
    for (int i = 0; i < kb.entries().size(); i++) {
      KnowledgeBase.Entry e = kb.entries().get(i);
      passages.add(new Passage(i, e.title(), Passage.Kind.TITLE));
      for (String p : e.phrases()) {
        passages.add(new Passage(i, p, Passage.Kind.PHRASE));
      }
      for (KnowledgeBase.MenuItem m : e.menu()) {
        passages.add(new Passage(i, m.label(), Passage.Kind.MENU_LABEL));
      }
      for (String answer : e.answers()) {
        for (String sentence : Sentences.all(answer)) {
          passages.add(new Passage(i, sentence, Passage.Kind.ANSWER));
        }
      }
      for (String x : e.examples()) {
        passages.add(new Passage(i, x, Passage.Kind.EXAMPLE));
      }
    }
    for (String x : kb.handoffExamples()) {
      passages.add(new Passage(Passage.MUST_HAND_OFF, x, Passage.Kind.HANDOFF_EXAMPLE));
    }
    for (HandoffScenarios.Scenario s : kb.scenarios()) {
      for (String x : s.examples()) {
        passages.add(new Passage(Passage.MUST_HAND_OFF, x, Passage.Kind.SCENARIO, s.id()));
      }
    }
    for (HandoffScenarios.Scenario q : HandoffScenarios.generalQuestions()) {
      for (String x : q.examples()) {
        passages.add(new Passage(Passage.GENERAL, x, Passage.Kind.GENERAL_QUESTION, q.id()));
      }
    }
    return List.copyOf(passages);
  }

  public KnowledgeBase knowledgeBase() {
    return kb;
  }

  public List<Passage> passages() {
    return passages;
  }

  public Optional<Embedder> embedder() {
    return embedder;
  }

  /** How long the features of the training rows and the two classifiers took (not the embeddings). */
  public long trainingMillis() {
    return trainingMillis;
  }

  /** The classes' names: the entries' ids in order, then {@link #PERSON}, then one per built-in scenario. */
  public List<String> classes() {
    return classes;
  }

  /** What the classifiers are trained on, each passage's features computed as if it were an unseen message. */
  public List<Training> trainingSet() {
    return training;
  }

  /** The classifiers trained on the training set's passages that {@code included} accepts (calibration holds the rest out). */
  public Model train(IntPredicate included) {
    List<EntryClassifier.Row> rows = new ArrayList<>();
    List<EntryClassifier.Row> detectorRows = new ArrayList<>();
    for (Training t : training) {
      if (included.test(t.passage())) {
        t.row().ifPresent(rows::add);
        t.detectorRow().ifPresent(detectorRows::add);
      }
    }
    // without a message for a person (no handoffExamples, the built-in scenarios switched off) there is nothing to detect
    boolean persons = detectorRows.stream().anyMatch(r -> r.label() == 1);
    return new Model(EntryClassifier.train(rows, classes.size(), method.entries()),
        persons ? Optional.of(EntryClassifier.train(detectorRows, 2, method.detector())) : Optional.empty());
  }

  /**
   * Ranks the entries for the message by the classifiers' probabilities.
   *
   * @throws Embedder.EmbeddingFailed when the embedder fails or runs out of the budget
   */
  public Ranking rank(String message, Duration budget) {
    return rank(Segmenter.of(message), budget);
  }

  /** As {@link #rank(String, Duration)}, for a message already segmented: its body is what is classified. */
  public Ranking rank(Segments segments, Duration budget) {
    Read body = read(segments.body(), budget);
    double[] p = probabilities(model, body.features(), body.detectorFeatures());
    return ranking(p, body.lexical(), body.nearest(), body.mustHandOff(), body.corrections());
  }

  /** A text as the classifiers see it, and the evidence for the agent's note. */
  private record Read(Features.Vector features, Features.Vector detectorFeatures, double[] lexical, double[] nearest,
      Optional<Ranking.Neighbour> mustHandOff, Map<String, String> corrections) {}

  private Read read(String text, Duration budget) {
    LexicalIndex.Query q = lexical.query(text);
    double[] lexicalScores = lexical.scores(q, new int[entries() + 1]);
    List<String> words = Words.plain(q.correctedText());
    String toEmbed = q.corrections().isEmpty() ? text : q.correctedText();
    float[] v = embedder.isPresent() ? embedder.get().embed(List.of(toEmbed), budget).get(0) : null;
    if (v != null && v.length != vectors.get(0).length) {
      throw new Embedder.EmbeddingFailed("the embedding model changed its dimension: restart to embed the passages again");
    }
    int[] closest = new int[classes.size()];
    double[] nearest = nearest(v, -1, closest);
    double[] lex = new double[classes.size()];
    for (int c = 0; c < classes.size(); c++) {
      // the lexical index knows the entries and the must-hand-off messages as one class
      lex[c] = lexicalScores[Math.min(c, entries())];
    }
    int nearestPerson = -1;
    for (int c = entries(); c < classes.size(); c++) {
      if (closest[c] >= 0 && (nearestPerson < 0 || nearest[c] > nearest[nearestPerson])) {
        nearestPerson = c;
      }
    }
    Optional<Ranking.Neighbour> mustHandOff = nearestPerson < 0 ? Optional.empty()
        : Optional.of(new Ranking.Neighbour(passages.get(closest[nearestPerson]).text(), nearest[nearestPerson]));
    return new Read(features.of(words, v, nearest), detectorFeatures.of(words, v, new double[0]), lex, nearest, mustHandOff,
        q.corrections());
  }

  /** A held-out passage of the training set ranked by classifiers trained without it (calibration). */
  public Ranking ranking(Model m, Training t) {
    Passage p = passages.get(t.passage());
    float[] v = vectors.isEmpty() ? null : vectors.get(t.passage());
    Features.Vector f = t.row().map(EntryClassifier.Row::features)
        .orElseGet(() -> features.of(Words.plain(p.text()), v, nearest(v, t.passage(), new int[classes.size()])));
    Features.Vector d = t.detectorRow().map(EntryClassifier.Row::features)
        .orElseGet(() -> detectorFeatures.of(Words.plain(p.text()), v, new double[0]));
    return ranking(probabilities(m, f, d), new double[classes.size()], new double[classes.size()], Optional.empty(), Map.of());
  }

  /** Each class's probability: the entries' times the detector's "no person needed"; the rest is a person's. */
  private double[] probabilities(Model m, Features.Vector f, Features.Vector d) {
    double[] p = m.classifier().probabilities(f);
    if (m.detector().isPresent()) {
      double question = m.detector().get().probabilities(d)[0];
      double onEntries = 0;
      double onPersons = 0;
      for (int c = 0; c < p.length; c++) {
        if (c < entries()) {
          p[c] *= question;
          onEntries += p[c];
        } else {
          onPersons += p[c];
        }
      }
      for (int c = entries(); c < p.length; c++) {
        p[c] = onPersons == 0 ? (1 - onEntries) / (p.length - entries()) : p[c] / onPersons * (1 - onEntries);
      }
    }
    return p;
  }

  private int entries() {
    return kb.entries().size();
  }


  private Ranking ranking(double[] probabilities, double[] lex, double[] semantic, Optional<Ranking.Neighbour> mustHandOff,
      Map<String, String> corrections) {
    List<Candidate> entries = new ArrayList<>();
    for (int c = 0; c < entries(); c++) {
      entries.add(new Candidate(kb.entries().get(c), probabilities[c], lex[c], semantic[c]));
    }
    entries.sort(Comparator.comparingDouble(Candidate::score).reversed());
    double person = 0;
    int likeliest = entries();
    for (int c = entries(); c < probabilities.length; c++) {
      person += probabilities[c];
      likeliest = probabilities[c] > probabilities[likeliest] ? c : likeliest;
    }
    return new Ranking(entries, person, classes.get(likeliest), mustHandOff, corrections);
  }

  /** Per class, the cosine similarity of its nearest passage to the vector, leaving out passage {@code skip}. */
  private double[] nearest(float[] v, int skip, int[] closest) {
    double[] best = new double[classes.size()];
    java.util.Arrays.fill(closest, -1);
    if (v == null) {
      return best;
    }
    java.util.Arrays.fill(best, -1);
    for (int i = 0; i < passages.size(); i++) {
      int c = classOf(i);
      if (i == skip || c < 0) {
        continue;
      }
      double s = dot(v, vectors.get(i));
      if (s > best[c]) {
        best[c] = s;
        closest[c] = i;
      }
    }
    for (int c = 0; c < best.length; c++) {
      best[c] = Math.max(0, best[c]);
    }
    return best;
  }

  /** The entries' classifier's class of a passage; -1 for the general questions, which only the detector learns. */
  private int classOf(int i) {
    Passage p = passages.get(i);
    if (p.entry() >= 0) {
      return p.entry();
    }
    return switch (p.kind()) {
      case SCENARIO -> classes.indexOf(PERSON + " " + p.scenario());
      case HANDOFF_EXAMPLE -> entries();
      default -> adopted[i];
    };
  }

  /**
   * The built-in general questions an entry answers: of a topic whose questions mostly come nearest to one entry's own
   * passages, those that do, close enough. They teach the entry the many ways customers ask it (a story before the
   * question, "I ordered ... on Monday, when will it come?") that its author's handful of examples does not show.
   */
  private int[] adopted() {
    int[] out = new int[passages.size()];
    java.util.Arrays.fill(out, -1);
    if (vectors.isEmpty()) {
      return out;
    }
    Map<String, List<Integer>> byTopic = new LinkedHashMap<>();
    int[] nearestEntry = new int[passages.size()];
    for (int i = 0; i < passages.size(); i++) {
      if (passages.get(i).kind() != Passage.Kind.GENERAL_QUESTION) {
        continue;
      }
      byTopic.computeIfAbsent(passages.get(i).scenario(), t -> new ArrayList<>()).add(i);
      double best = ADOPTED_SIMILARITY;
      nearestEntry[i] = -1;
      for (int j = 0; j < passages.size(); j++) {
        Passage q = passages.get(j);
        if (q.entry() >= 0 && q.kind() != Passage.Kind.ANSWER) {
          double sim = dot(vectors.get(i), vectors.get(j));
          if (sim >= best) {
            best = sim;
            nearestEntry[i] = q.entry();
          }
        }
      }
    }
    for (List<Integer> topic : byTopic.values()) {
      Map<Integer, Integer> votes = new HashMap<>();
      topic.stream().filter(i -> nearestEntry[i] >= 0).forEach(i -> votes.merge(nearestEntry[i], 1, Integer::sum));
      votes.entrySet().stream().max(Map.Entry.comparingByValue()).ifPresent(v -> {
        if (v.getValue() >= ADOPTED_SHARE * topic.size()) {
          topic.stream().filter(i -> nearestEntry[i] == v.getKey()).forEach(i -> out[i] = v.getKey());
        }
      });
    }
    return out;
  }

  /**
   * The training rows. The entries' classifier: every passage of the knowledge base, answers' sentences included (what
   * the brand says about a question is evidence of the question), the must-hand-off messages as their own class and each
   * built-in scenario as one (a union of so many kinds of message is no region a linear model can draw). The detector:
   * the entries' titles, phrases and examples and the general questions against all must-hand-off messages.
   */
  private List<Training> training() {
    List<Training> rows = new ArrayList<>();
    for (int i = 0; i < passages.size(); i++) {
      Passage p = passages.get(i);
      float[] v = vectors.isEmpty() ? null : vectors.get(i);
      List<String> words = Words.plain(p.text());
      int c = classOf(i);
      Optional<EntryClassifier.Row> row = c < 0 ? Optional.empty()
          : Optional.of(new EntryClassifier.Row(features.of(words, v, nearest(v, i, new int[classes.size()])), c));
      Optional<EntryClassifier.Row> detectorRow = Optional.empty();
      if (asksQuestion(p) || p.entry() == Passage.MUST_HAND_OFF) {
        detectorRow = Optional.of(new EntryClassifier.Row(detectorFeatures.of(words, v, new double[0]),
            p.entry() == Passage.MUST_HAND_OFF ? 1 : 0));
      }
      if (row.isPresent() || detectorRow.isPresent()) {
        rows.add(new Training(i, row, detectorRow));
      }
    }
    return List.copyOf(rows);
  }

  /** A question a help page answers: an entry's title, phrase or example, or a built-in general question. */
  private static boolean asksQuestion(Passage p) {
    return switch (p.kind()) {
      case TITLE, PHRASE, EXAMPLE, GENERAL_QUESTION -> true;
      default -> false;
    };
  }


  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
