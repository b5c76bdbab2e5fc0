package dev.sidekick.runtime.responder.classify;

import dev.sidekick.runtime.responder.text.Words;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the classifier sees of a text (Rasa DIET's mix): its sentence embedding, dense, together with sparse features
 * that the embedding blurs: the stems of its words and pairs of neighbouring words ("not arrived", "charged twice"),
 * and the character 3- to 5-grams of its words, which a typo leaves mostly intact ("shiping" shares most of
 * "shipping"'s). Each group is scaled to unit length and weighed, so that no group drowns the others whatever the
 * text's length. And, per class, how close the text comes to that class's own passages (semantic, its nearest one):
 * the evidence of the retrieval stage, which a brand's handful of examples makes more reliable than the raw embedding.
 */
public final class Features {
  /** A text's features: names and values, each name once. */
  public record Vector(String[] names, double[] values) {}

  /** How much each group weighs. */
  public record Weights(double dense, double words, double chars, double nearest) {
    public static final Weights DEFAULT = new Weights(1.0, 1.0, 1.0, 2.0);

    /** The same weights without the per-class closeness (a classifier with other classes). */
    public Weights withoutNearest() {
      return new Weights(dense, words, chars, 0);
    }
  }

  private static final String[] DENSE = new String[1024];

  static {
    for (int i = 0; i < DENSE.length; i++) {
      DENSE[i] = "e" + i;
    }
  }

  private final Weights weights;
  private final String[] classNames;

  /** @param classNames the classes' names, for the per-class closeness features */
  public Features(Weights weights, List<String> classNames) {
    this.weights = weights;
    this.classNames = classNames.stream().map(c -> "k:" + c).toArray(String[]::new);
  }

  /**
   * @param words the text's plain words (see {@link Words#plain}), typos corrected where retrieval corrected them
   * @param embedding its sentence embedding (unit length), or null without an embedder
   * @param nearest per class, the cosine similarity of the class's nearest passage (empty without an embedder)
   */
  public Vector of(List<String> words, float[] embedding, double[] nearest) {
    Map<String, Double> f = new LinkedHashMap<>();
    if (embedding != null && weights.dense() > 0) {
      for (int i = 0; i < embedding.length; i++) {
        f.put(DENSE[i], weights.dense() * embedding[i]);
      }
    }
    if (weights.words() > 0) {
      Map<String, Double> w = new LinkedHashMap<>();
      String previous = null;
      for (String plain : words) {
        String stem = Words.stem(plain);
        if (!Words.STOP.contains(plain)) {
          w.put("w:" + stem, 1.0);
        }
        if (previous != null) {
          w.put("b:" + previous + "_" + stem, 1.0);
        }
        previous = stem;
      }
      addScaled(f, w, weights.words());
    }
    if (weights.chars() > 0) {
      Map<String, Double> c = new LinkedHashMap<>();
      for (String plain : words) {
        if (Words.STOP.contains(plain)) {
          continue;
        }
        String padded = "<" + plain + ">";
        for (int n = 3; n <= 5; n++) {
          for (int i = 0; i + n <= padded.length(); i++) {
            c.merge("c:" + padded.substring(i, i + n), 1.0, Double::sum);
          }
        }
      }
      addScaled(f, c, weights.chars());
    }
    if (weights.nearest() > 0) {
      for (int i = 0; i < nearest.length && i < classNames.length; i++) {
        f.put(classNames[i], weights.nearest() * nearest[i]);
      }
    }
    String[] names = new String[f.size()];
    double[] values = new double[f.size()];
    int i = 0;
    for (Map.Entry<String, Double> e : f.entrySet()) {
      names[i] = e.getKey();
      values[i++] = e.getValue();
    }
    return new Vector(names, values);
  }

  private static void addScaled(Map<String, Double> into, Map<String, Double> group, double weight) {
    double norm = Math.sqrt(group.values().stream().mapToDouble(v -> v * v).sum());
    if (norm == 0) {
      return;
    }
    group.forEach((k, v) -> into.put(k, weight * v / norm));
  }
}
