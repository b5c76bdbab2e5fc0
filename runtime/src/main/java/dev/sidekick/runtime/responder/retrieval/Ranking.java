package dev.sidekick.runtime.responder.retrieval;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The entries ordered by the classifiers' probability for a message, best first; the probability that a person must
 * take it, and which kind of message for a person it most resembles (the knowledge base's own must-hand-off messages, or
 * a built-in scenario: {@code "(a person) damaged-item"}); the closest message that must be handed off, with its
 * similarity; and the typos that were corrected on the way.
 */
public record Ranking(
    List<Candidate> entries, double person, String personKind, Optional<Neighbour> mustHandOff, Map<String, String> corrections) {

  /** The closest must-hand-off message and how close it is (cosine similarity of the embeddings). */
  public record Neighbour(String example, double score) {}

  public Ranking {
    entries = List.copyOf(entries);
    corrections = Map.copyOf(corrections);
  }

  public Optional<Candidate> best() {
    return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(0));
  }

  public double score(int rank) {
    return rank < entries.size() ? entries.get(rank).score() : 0;
  }

  public List<Candidate> top(int n) {
    return entries.subList(0, Math.min(n, entries.size()));
  }
}
