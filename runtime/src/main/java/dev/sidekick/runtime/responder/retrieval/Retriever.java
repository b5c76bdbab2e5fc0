package dev.sidekick.runtime.responder.retrieval;

import dev.sidekick.runtime.responder.knowledge.KnowledgeBase;
import dev.sidekick.runtime.responder.text.Sentences;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ranks a knowledge base's entries for a message with two stages: the lexical one ({@link LexicalIndex}) and the
 * semantic one, the best cosine similarity between the message's sentence embedding (and that of its
 * typo-corrected text, when a typo was corrected) and the embeddings of an entry's title, phrases, examples and the
 * sentences of its answers (what the brand says about a question is evidence of the question, as its examples are). A
 * long message is embedded as its most telling sentences only: its whole text would cost most and say least.
 * An entry's score is {@value #SEMANTIC_WEIGHT} of the semantic score plus the rest of the lexical one. Without an
 * embedder (a native image with no embeddings endpoint) the lexical score alone.
 *
 * <p>The passages are embedded once, when the retriever is built.
 */
public final class Retriever {
  /** Chosen on the sample knowledge base's own examples (scripts/knowledge-base calibrate --weights), not on the labelled set. */
  static final double SEMANTIC_WEIGHT = 0.8;
  /** A long message's sentences matched on their own (lexically besides the whole message; semantically instead of it). */
  static final int MAX_SENTENCES = 2;

  private final KnowledgeBase kb;
  private final List<Passage> passages;
  private final List<float[]> vectors;
  private final boolean[] excluded;
  private final LexicalIndex lexical;
  private final Optional<Embedder> embedder;
  private final double semanticWeight;

  private Retriever(
      KnowledgeBase kb, List<Passage> passages, List<float[]> vectors, boolean[] excluded, Optional<Embedder> embedder,
      double semanticWeight) {
    this.kb = kb;
    this.passages = passages;
    this.vectors = vectors;
    this.excluded = excluded;
    this.embedder = embedder;
    this.semanticWeight = embedder.isPresent() ? semanticWeight : 0;
    this.lexical = new LexicalIndex(passages, excluded, kb.entries().size(), kb.synonyms());
  }

  /** Embeds every passage of the knowledge base (when there is an embedder) within the budget. */
  public static Retriever build(KnowledgeBase kb, Optional<Embedder> embedder, Duration budget) {
    List<Passage> passages = passages(kb);
    List<float[]> vectors =
        embedder.map(e -> e.embed(passages.stream().map(Passage::text).toList(), budget)).orElse(List.of());
    return new Retriever(kb, passages, vectors, new boolean[passages.size()], embedder, SEMANTIC_WEIGHT);
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
    return List.copyOf(passages);
  }

  /** The same retriever without one passage: calibration scores each example against all the others. */
  public Retriever without(int passage) {
    boolean[] out = excluded.clone();
    out[passage] = true;
    return new Retriever(kb, passages, vectors, out, embedder, semanticWeight);
  }

  /** The same passages, with another weight of the semantic stage (calibration compares weights). */
  public Retriever withSemanticWeight(double weight) {
    return new Retriever(kb, passages, vectors, excluded, embedder, weight);
  }

  public KnowledgeBase knowledgeBase() {
    return kb;
  }

  public List<Passage> passages() {
    return passages;
  }

  /** The passage's embedding, when there is an embedder. */
  public Optional<float[]> vector(int passage) {
    return vectors.isEmpty() ? Optional.empty() : Optional.of(vectors.get(passage));
  }

  public Optional<Embedder> embedder() {
    return embedder;
  }

  /**
   * Ranks the entries for the message.
   *
   * @throws Embedder.EmbeddingFailed when the embedder fails or runs out of the budget
   */
  public Ranking rank(String message, Duration budget) {
    return rank(message, Optional.empty(), budget);
  }

  /** As {@link #rank(String, Duration)}, with the message's embedding already known (calibration). */
  public Ranking rank(String message, Optional<float[]> known, Duration budget) {
    // A long message is also matched sentence by sentence: its question is not diluted by the rest.
    List<String> parts = new ArrayList<>();
    parts.add(message);
    parts.addAll(Sentences.of(message, MAX_SENTENCES));
    int classes = kb.entries().size() + 1;
    int[] closest = new int[classes];
    double[] lex = new double[classes];
    java.util.Arrays.fill(closest, -1);
    Map<String, String> corrections = new LinkedHashMap<>();
    List<String> toEmbed = new ArrayList<>();
    for (int k = 0; k < parts.size(); k++) {
      LexicalIndex.Query q = lexical.query(parts.get(k));
      int[] partClosest = new int[classes];
      double[] partLex = lexical.scores(q, partClosest);
      for (int c = 0; c < classes; c++) {
        if (partLex[c] > lex[c] || closest[c] < 0) {
          lex[c] = Math.max(lex[c], partLex[c]);
          closest[c] = partClosest[c];
        }
      }
      corrections.putAll(q.corrections());
      boolean whole = k == 0;
      if (whole && parts.size() > 1) {
        continue; // a long message is embedded sentence by sentence only: the whole would cost most and say least
      }
      if (!whole || known.isEmpty()) {
        toEmbed.add(!whole && !q.corrections().isEmpty() ? q.correctedText() : parts.get(k));
      }
      if (whole && !q.corrections().isEmpty()) {
        toEmbed.add(q.correctedText());
      }
    }
    double[] sem = new double[classes];
    if (embedder.isPresent()) {
      List<float[]> queries = new ArrayList<>();
      known.filter(k -> parts.size() == 1).ifPresent(queries::add);
      if (!toEmbed.isEmpty()) {
        queries.addAll(embedder.get().embed(toEmbed, budget));
      }
      if (!queries.isEmpty() && queries.get(0).length != vectors.get(0).length) {
        throw new Embedder.EmbeddingFailed("the embedding model changed its dimension: restart to embed the passages again");
      }
      java.util.Arrays.fill(sem, -1);
      for (int i = 0; i < passages.size(); i++) {
        if (excluded[i]) {
          continue;
        }
        int c = passages.get(i).entry() == Passage.MUST_HAND_OFF ? kb.entries().size() : passages.get(i).entry();
        double similarity = -1;
        for (float[] v : queries) {
          similarity = Math.max(similarity, dot(v, vectors.get(i)));
        }
        if (similarity > sem[c]) {
          sem[c] = similarity;
          closest[c] = i;
        }
      }
    }
    List<Candidate> entries = new ArrayList<>();
    for (int c = 0; c < kb.entries().size(); c++) {
      entries.add(new Candidate(kb.entries().get(c), combined(lex[c], sem[c]), lex[c], Math.max(0, sem[c])));
    }
    entries.sort(Comparator.comparingDouble(Candidate::score).reversed());
    int h = kb.entries().size();
    Optional<Ranking.Neighbour> mustHandOff = Optional.empty();
    if (closest[h] >= 0) {
      mustHandOff = Optional.of(new Ranking.Neighbour(passages.get(closest[h]).text(), combined(lex[h], sem[h])));
    }
    return new Ranking(entries, mustHandOff, corrections);
  }

  private double combined(double lexicalScore, double semanticScore) {
    return semanticWeight * Math.max(0, semanticScore) + (1 - semanticWeight) * lexicalScore;
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
