package dev.sidekick.runtime.responder.retrieval;

import dev.sidekick.runtime.responder.text.Spelling;
import dev.sidekick.runtime.responder.text.Words;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The lexical stage: the words of a message against the words of each passage, typo-tolerant and with the
 * knowledge base's synonyms. A word weighs its inverse document frequency over the entries (BM25's idf, the
 * must-hand-off examples counting as one more entry), so "order" that every entry mentions counts little and
 * "password" much; a word the knowledge base never uses ("cancel") weighs most, and lowers the score of every
 * entry. A passage's score is the product of two shares of that weight: of the passage's words found in the
 * message, and of the message's words explained by the passage or by the entry's own wording (its title, phrases,
 * menu labels and examples), so that both must be high ("cancel my order" covers all of "Where is my order?" but
 * "cancel" is not explained by that entry). The entry's wording, not only the passage's: "exchange it for a bigger
 * size" is explained by a phrase "exchange an item" and an example "the jacket is the wrong size" together. Not its
 * answers' words: those are the brand's sentences, with words no question of the entry asks about ("pick the order to
 * see its tracking link"). A corrected typo counts {@value #CORRECTED} of a word. (The product, and the entry's
 * wording, were chosen on the sample knowledge base's own examples, scripts/knowledge-base calibrate; leaving the
 * answers' words out was decided after one message of the labelled set, as docs/benchmarks.md says.)
 */
final class LexicalIndex {
  static final double CORRECTED = 0.8;

  /** A message as the lexical stage sees it: its weighted terms, and the text with its typos corrected. */
  record Query(Map<String, Double> terms, Map<String, String> corrections, String correctedText) {}

  private final Map<String, String> canonical = new HashMap<>();
  private final Spelling spelling;
  private final List<Set<String>> terms = new ArrayList<>();
  private final int[] classOf;
  /** Each class's own wording: the terms of its passages but its answers'. */
  private final List<Set<String>> wording = new ArrayList<>();
  private final int classes;
  private final Map<String, Double> idf = new HashMap<>();
  private final double unknownIdf;

  /**
   * @param entries the number of entries; class {@code entries} is the must-hand-off examples
   */
  LexicalIndex(List<Passage> passages, int entries, List<List<String>> synonyms) {
    for (List<String> group : synonyms) {
      String first = Words.stem(Words.plain(group.get(0)).get(0));
      for (String w : group) {
        canonical.put(Words.stem(Words.plain(w).get(0)), first);
      }
    }
    this.classes = entries + 1;
    this.classOf = new int[passages.size()];
    Set<String> vocabulary = new HashSet<>();
    List<Set<String>> termsByClass = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      termsByClass.add(new HashSet<>());
      wording.add(new HashSet<>());
    }
    for (int i = 0; i < passages.size(); i++) {
      Passage p = passages.get(i);
      classOf[i] = p.entry() < 0 ? entries : p.entry();
      // the built-in general questions are no entry's wording
      if (p.entry() == Passage.GENERAL) {
        terms.add(Set.of());
        continue;
      }
      List<String> plain = Words.plain(p.text());
      vocabulary.addAll(plain);
      Set<String> t = canonical(Words.content(plain));
      terms.add(t);
      termsByClass.get(classOf[i]).addAll(t);
      if (p.kind() != Passage.Kind.ANSWER) {
        wording.get(classOf[i]).addAll(t);
      }
    }
    this.spelling = new Spelling(vocabulary);
    int populated = (int) termsByClass.stream().filter(s -> !s.isEmpty()).count();
    Map<String, Integer> df = new HashMap<>();
    termsByClass.forEach(set -> set.forEach(t -> df.merge(t, 1, Integer::sum)));
    df.forEach((t, n) -> idf.put(t, Math.log((populated + 1.0) / (n + 0.5))));
    this.unknownIdf = Math.log((populated + 1.0) / 0.5);
  }

  Query query(String message) {
    List<String> plain = Words.plain(message);
    Map<String, String> corrections = new LinkedHashMap<>();
    List<String> corrected = new ArrayList<>(plain.size());
    for (String w : plain) {
      Optional<String> c = Words.STOP.contains(w) ? Optional.empty() : spelling.correct(w);
      c.ifPresent(fix -> corrections.put(w, fix));
      corrected.add(c.orElse(w));
    }
    Map<String, Double> weighted = new LinkedHashMap<>();
    for (String w : Words.content(corrected)) {
      weighted.put(canonical.getOrDefault(w, w), 1.0);
    }
    for (String fix : corrections.values()) {
      String t = canonical(Words.stem(fix));
      if (weighted.containsKey(t)) {
        weighted.put(t, CORRECTED);
      }
    }
    return new Query(weighted, corrections, String.join(" ", corrected));
  }

  /**
   * Each class's score: the best of its passages (0..1); the last class is the must-hand-off examples.
   *
   * @param closest filled with each class's best passage (-1 when the class has none)
   */
  double[] scores(Query q, int[] closest) {
    java.util.Arrays.fill(closest, -1);
    for (int i = 0; i < terms.size(); i++) {
      if (!terms.get(i).isEmpty() && closest[classOf[i]] < 0) {
        closest[classOf[i]] = i;
      }
    }
    double messageWeight = 0;
    for (String t : q.terms().keySet()) {
      messageWeight += weight(t);
    }
    double[] best = new double[classes];
    if (messageWeight == 0) {
      return best;
    }
    double[] explained = new double[classes];
    for (int c = 0; c < classes; c++) {
      for (Map.Entry<String, Double> t : q.terms().entrySet()) {
        if (wording.get(c).contains(t.getKey())) {
          explained[c] += weight(t.getKey()) * t.getValue();
        }
      }
      explained[c] /= messageWeight;
    }
    for (int i = 0; i < terms.size(); i++) {
      Set<String> p = terms.get(i);
      if (p.isEmpty()) {
        continue;
      }
      double passageWeight = 0;
      double shared = 0;
      for (String t : p) {
        double w = weight(t);
        passageWeight += w;
        Double found = q.terms().get(t);
        if (found != null) {
          shared += w * found;
        }
      }
      double score = (shared / passageWeight) * Math.max(shared / messageWeight, explained[classOf[i]]);
      if (score > best[classOf[i]]) {
        best[classOf[i]] = score;
        closest[classOf[i]] = i;
      }
    }
    return best;
  }

  private double weight(String term) {
    return idf.getOrDefault(term, unknownIdf);
  }

  private Set<String> canonical(Set<String> stems) {
    Set<String> out = new HashSet<>();
    for (String s : stems) {
      out.add(canonical.getOrDefault(s, s));
    }
    return out;
  }

  private String canonical(String stem) {
    return canonical.getOrDefault(stem, stem);
  }
}
