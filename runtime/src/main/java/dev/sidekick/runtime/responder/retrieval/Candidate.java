package dev.sidekick.runtime.responder.retrieval;

import dev.sidekick.runtime.responder.knowledge.KnowledgeBase;
import java.util.Locale;

/**
 * How well a message matches one entry: the classifier's probability, which the decision uses, and the retrieval
 * evidence the agent's note shows: the lexical score (typo-tolerant word overlap, 0..1) and the semantic one (cosine
 * similarity of the sentence embeddings of the message and of the entry's nearest passage).
 */
public record Candidate(KnowledgeBase.Entry entry, double score, double lexical, double semantic) {

  /** For notes and logs: {@code order-status 0.71 (lexical 0.55, semantic 0.82)}. */
  public String explained() {
    return String.format(Locale.ROOT, "%s %.2f (lexical %.2f, semantic %.2f)", entry.id(), score, lexical, semantic);
  }
}
