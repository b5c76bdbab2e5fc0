package dev.sidekick.runtime.responder.retrieval;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The entries ordered by how well they match a message, best first; the closest example of a message that must
 * be handed off, with its combined score; and the typos that were corrected on the way.
 */
public record Ranking(List<Candidate> entries, Optional<Neighbour> mustHandOff, Map<String, String> corrections) {

  /** The closest must-hand-off example and how close it is (same scale as the entries' scores). */
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
