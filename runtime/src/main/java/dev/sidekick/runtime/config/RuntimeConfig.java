package dev.sidekick.runtime.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The validated runtime configuration (docs/runtime-config.md). Holds paths to secrets, never secrets. */
public record RuntimeConfig(
    Gladly gladly,
    Optional<String> personaName,
    String handoffTopic,
    Duration eventDeadline,
    Path keysDir,
    List<EndpointSettings> endpoints) {

  /** Where Gladly is and who Sidekick is there. */
  public record Gladly(
      URI baseUrl,
      Path emailFile,
      Path tokenFile,
      Optional<String> agentId,
      int requestsPerSecond,
      Duration callTimeout,
      Optional<Path> trustedCaFile) {}

  public Optional<EndpointSettings> endpoint(String name) {
    return endpoints.stream().filter(e -> e.name().equals(name)).findFirst();
  }
}
