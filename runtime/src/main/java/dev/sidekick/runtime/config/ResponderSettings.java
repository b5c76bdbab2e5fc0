package dev.sidekick.runtime.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** How an endpoint answers: exactly one kind of responder. */
public sealed interface ResponderSettings {

  /** Answers from a YAML knowledge base. */
  record KnowledgeBase(Path file) implements ResponderSettings {}

  /** Asks an OpenAI-compatible chat-completions endpoint, with an optional knowledge base as context. */
  record ChatCompletions(
      URI url, String model, Optional<Path> apiKeyFile, Duration timeout, Optional<Path> knowledgeBaseFile)
      implements ResponderSettings {}
}
