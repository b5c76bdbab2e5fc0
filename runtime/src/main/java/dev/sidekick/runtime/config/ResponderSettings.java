package dev.sidekick.runtime.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** How an endpoint answers: exactly one kind of responder. */
public sealed interface ResponderSettings {

  /** Answers from a YAML knowledge base; its retrieval embeds with the in-process model unless an endpoint is set. */
  record KnowledgeBase(Path file, Optional<Embeddings> embeddings) implements ResponderSettings {
    public KnowledgeBase(Path file) {
      this(file, Optional.empty());
    }
  }

  /** An OpenAI-compatible {@code /v1/embeddings} endpoint for the semantic stage of retrieval. */
  record Embeddings(URI url, String model, Optional<Path> apiKeyFile, Duration timeout) {}

  /**
   * Asks an OpenAI-compatible chat-completions endpoint, grounded in what retrieval finds in the knowledge base;
   * its answers are at most {@code maxAnswerLength} characters.
   */
  record ChatCompletions(
      URI url, String model, Optional<Path> apiKeyFile, Duration timeout, KnowledgeBase knowledgeBase,
      int maxAnswerLength)
      implements ResponderSettings {}
}
