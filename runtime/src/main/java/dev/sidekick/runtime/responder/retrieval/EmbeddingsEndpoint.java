package dev.sidekick.runtime.responder.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidekick.runtime.config.SecretFile;
import dev.sidekick.runtime.responder.OpenAiEndpoint;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An OpenAI-compatible {@code POST /v1/embeddings} endpoint ({@code {"model", "input": [texts]}} →
 * {@code {"data": [{"index", "embedding"}]}}): the semantic stage of a native image, or of a JVM image that
 * prefers a model of its own. Texts go in batches of {@value #BATCH}; each call is bounded by the configured
 * timeout and what is left of the caller's budget.
 */
public final class EmbeddingsEndpoint implements Embedder {
  static final int BATCH = 64;

  private final OpenAiEndpoint endpoint;
  private final String model;
  private final Duration timeout;
  private final ObjectMapper json;

  public EmbeddingsEndpoint(URI url, String model, Optional<SecretFile> apiKey, Duration timeout, ObjectMapper json) {
    this.endpoint = new OpenAiEndpoint(url, "the embeddings endpoint", apiKey, timeout);
    this.model = model;
    this.timeout = timeout;
    this.json = json;
  }

  @Override
  public String name() {
    URI url = endpoint.url();
    return "embeddings endpoint " + url.getScheme() + "://" + url.getAuthority() + url.getPath() + " (model " + model + ")";
  }

  @Override
  public List<float[]> embed(List<String> texts, Duration budget) {
    long until = System.nanoTime() + budget.toNanos();
    List<float[]> vectors = new ArrayList<>(texts.size());
    for (int from = 0; from < texts.size(); from += BATCH) {
      List<String> batch = texts.subList(from, Math.min(texts.size(), from + BATCH));
      Duration left = Duration.ofNanos(until - System.nanoTime());
      vectors.addAll(call(batch, left.compareTo(timeout) < 0 ? left : timeout));
    }
    return vectors;
  }

  private List<float[]> call(List<String> texts, Duration limit) {
    if (limit.toMillis() < 20) {
      throw new EmbeddingFailed("no time left to ask the embeddings endpoint");
    }
    ObjectNode body = json.createObjectNode().put("model", model);
    texts.forEach(body.putArray("input")::add);
    try {
      return vectors(endpoint.post(body, limit, json), texts.size());
    } catch (OpenAiEndpoint.Failed e) {
      throw new EmbeddingFailed(e.getMessage());
    }
  }

  /** The vectors of {@code data}, put in the order of their {@code index}, all of one length. */
  private static List<float[]> vectors(JsonNode answer, int expected) {
    JsonNode data = answer.path("data");
    if (!data.isArray() || data.size() != expected) {
      throw new EmbeddingFailed("the embeddings endpoint gave " + data.size() + " embeddings for " + expected + " texts");
    }
    float[][] out = new float[expected][];
    for (JsonNode d : data) {
      int index = d.path("index").asInt(-1);
      JsonNode e = d.path("embedding");
      if (index < 0 || index >= expected || out[index] != null || !e.isArray() || e.isEmpty()) {
        throw new EmbeddingFailed("the embeddings endpoint gave a malformed embedding");
      }
      float[] v = new float[e.size()];
      for (int i = 0; i < v.length; i++) {
        if (!e.get(i).isNumber()) {
          throw new EmbeddingFailed("the embeddings endpoint gave a malformed embedding");
        }
        v[i] = (float) e.get(i).asDouble();
      }
      out[index] = Embedder.unit(v);
    }
    for (float[] v : out) {
      if (v.length != out[0].length) {
        throw new EmbeddingFailed("the embeddings endpoint gave embeddings of different lengths");
      }
    }
    return List.of(out);
  }
}
