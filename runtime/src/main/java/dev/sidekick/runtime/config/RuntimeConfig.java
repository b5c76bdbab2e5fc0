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
    List<EndpointSettings> endpoints,
    int replicas,
    Optional<Store> store,
    CatchUp catchUp,
    Duration resolvedAfter) {

  /** Where Gladly is and who Sidekick is there. */
  public record Gladly(
      URI baseUrl,
      Path emailFile,
      Path tokenFile,
      Optional<String> agentId,
      int requestsPerSecond,
      Duration callTimeout,
      Optional<Path> trustedCaFile) {}

  /**
   * The shared store of several replicas: Redis at {@code url} ({@code redis://} or {@code rediss://}), with an ACL
   * user and a password from files when set; every key starts with {@code keyPrefix}.
   */
  public record Store(
      URI url, Optional<Path> usernameFile, Optional<Path> passwordFile, String keyPrefix, Duration timeout) {}

  /** Answering the customers of an outage from Gladly's Events API (the last 24 hours, {@code lag} behind). */
  public record CatchUp(boolean enabled, Duration lookBack, Duration lag) {}

  public Optional<EndpointSettings> endpoint(String name) {
    return endpoints.stream().filter(e -> e.name().equals(name)).findFirst();
  }
}
