package dev.sidekick.runtime.responder.retrieval;

import java.time.Duration;
import java.util.List;

/**
 * Turns texts into sentence embeddings (unit-length vectors, so that a dot product is their cosine similarity):
 * the in-process model of the JVM image, or an OpenAI-compatible {@code /v1/embeddings} endpoint.
 */
public interface Embedder {

  /** What it is, for logs and the calibration report (never a secret). */
  String name();

  /**
   * One unit-length vector per text, in order, within the budget.
   *
   * @throws EmbeddingFailed when the model fails or does not answer in time
   */
  List<float[]> embed(List<String> texts, Duration budget);

  /** The embedder could not embed: retrieval hands the customer to a person rather than guess without it. */
  final class EmbeddingFailed extends RuntimeException {
    public EmbeddingFailed(String message) {
      super(message);
    }
  }

  static float[] unit(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    if (norm == 0) {
      return v;
    }
    float[] u = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      u[i] = (float) (v[i] / norm);
    }
    return u;
  }
}
