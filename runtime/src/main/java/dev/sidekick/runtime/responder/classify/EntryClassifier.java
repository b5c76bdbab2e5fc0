package dev.sidekick.runtime.responder.classify;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A classifier of customer messages trained from what a knowledge base's author wrote: L2-regularised logistic
 * regression, one class against the rest, its probabilities normalised over the classes, as LIBLINEAR trains it
 * (its Java port, de.bwaldvogel:liblinear) over {@link Features}. The classes' problems are solved in parallel (a knowledge
 * base has some forty classes with the built-in scenarios; one after the other they took twice as long at start-up).
 * LIBLINEAR's primal solver draws nothing at random: the runtime and {@code scripts/knowledge-base calibrate} get the same
 * model from the same file.
 *
 * <p>Chosen over Tribuo's linear SGD with AdaGrad, which has no regularisation term and on a knowledge base's few examples
 * grew too sure of itself (docs/benchmarks.md: the same features, fewer brand messages answered right on the development
 * halves), and trained directly rather than through Tribuo's LIBLINEAR wrapper, which solves the classes one after the
 * other.
 */
public final class EntryClassifier {
  private static final int MAX_ITERATIONS = 1000;
  private static final double TOLERANCE = 0.01;
  private static final double BIAS = 1.0;

  static {
    Linear.disableDebugOutput();
  }

  /** How strongly it fits the rows: LIBLINEAR's C (larger fits closer, smaller regularises more). */
  public record Settings(double cost) {}

  /** One training text: its features and its class. */
  public record Row(Features.Vector features, int label) {}

  private final Map<String, Integer> index;
  // per class, the weights of the features (by index - 1) and the bias last; null for a class with no row
  private final double[][] weights;

  private EntryClassifier(Map<String, Integer> index, double[][] weights) {
    this.index = index;
    this.weights = weights;
  }

  /** Trains on the rows, one problem per class of {@code classes}. */
  public static EntryClassifier train(List<Row> rows, int classes, Settings settings) {
    Map<String, Integer> index = new HashMap<>();
    for (Row r : rows) {
      for (String name : r.features().names()) {
        index.putIfAbsent(name, index.size() + 1);
      }
    }
    Feature[][] x = new Feature[rows.size()][];
    for (int i = 0; i < x.length; i++) {
      x[i] = nodes(rows.get(i).features(), index, true);
    }
    Parameter parameter = new Parameter(SolverType.L2R_LR, settings.cost(), TOLERANCE, MAX_ITERATIONS, 0.1);
    double[][] weights = new double[classes][];
    IntStream.range(0, classes).parallel().forEach(c -> {
      Problem problem = new Problem();
      problem.l = x.length;
      problem.n = index.size() + 1;
      problem.x = x;
      problem.bias = BIAS;
      problem.y = rows.stream().mapToDouble(r -> r.label() == c ? 1 : -1).toArray();
      if (Arrays.stream(problem.y).anyMatch(y -> y > 0)) {
        weights[c] = positive(Linear.train(problem, parameter.clone()));
      }
    });
    return new EntryClassifier(index, weights);
  }

  /** The weights that speak for the class (LIBLINEAR keeps those of the label it met first). */
  private static double[] positive(Model m) {
    double[] w = m.getFeatureWeights().clone();
    if (m.getLabels()[0] < 0) {
      for (int i = 0; i < w.length; i++) {
        w[i] = -w[i];
      }
    }
    return w;
  }

  /**
   * The probability of each class, in the order of the classes: each class's logistic probability against the rest,
   * normalised to add up to 1 (0 for a class it never saw).
   */
  public double[] probabilities(Features.Vector features) {
    Feature[] x = nodes(features, index, false);
    double[] p = new double[weights.length];
    double sum = 0;
    for (int c = 0; c < weights.length; c++) {
      double[] w = weights[c];
      if (w == null) {
        continue;
      }
      double z = w[w.length - 1] * BIAS;
      for (Feature f : x) {
        z += w[f.getIndex() - 1] * f.getValue();
      }
      p[c] = 1 / (1 + Math.exp(-z));
      sum += p[c];
    }
    for (int c = 0; c < p.length && sum > 0; c++) {
      p[c] /= sum;
    }
    return p;
  }

  /** A text's features as LIBLINEAR reads them: known ones only, by ascending index. */
  private static Feature[] nodes(Features.Vector v, Map<String, Integer> index, boolean withBias) {
    List<Feature> nodes = new ArrayList<>(v.names().length + 1);
    for (int i = 0; i < v.names().length; i++) {
      Integer at = index.get(v.names()[i]);
      if (at != null && v.values()[i] != 0) {
        nodes.add(new FeatureNode(at, v.values()[i]));
      }
    }
    nodes.sort(Comparator.comparingInt(Feature::getIndex));
    if (withBias) {
      nodes.add(new FeatureNode(index.size() + 1, BIAS));
    }
    return nodes.toArray(Feature[]::new);
  }
}
