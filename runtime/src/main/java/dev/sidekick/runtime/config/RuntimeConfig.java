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
   * The shared store of several replicas: Redis at {@code url} ({@code redis://} or {@code rediss://}), or the primary the
   * {@code sentinel}s name (exactly one of the two); with an ACL user and a password from files when set, and the CAs of
   * {@code caFile} for TLS; every key starts with {@code keyPrefix}.
   */
  public record Store(
      Optional<URI> url, Optional<Sentinel> sentinel, Optional<Path> usernameFile, Optional<Path> passwordFile,
      Optional<Path> caFile, String keyPrefix, Duration timeout) {

    /** Where the store is, for logs and readiness: the URL's host, or the Sentinels' name for the primary. */
    public String where() {
      return url.map(URI::getHost).orElseGet(() -> sentinel.orElseThrow().masterName() + " (through Sentinel)");
    }

    public boolean tls() {
      return url.map(u -> u.getScheme().equals("rediss")).orElseGet(() -> sentinel.orElseThrow().tls());
    }
  }

  /**
   * Redis behind Sentinel: the Sentinels at {@code hosts} ({@code host:port}) name the primary of {@code masterName};
   * {@code database} and {@code tls} apply to the primary (TLS to the Sentinels too); the Sentinels' own ACL user and
   * password come from files when set; each write waits until {@code waitForReplicas} replicas hold it (Redis WAIT).
   */
  public record Sentinel(
      String masterName, List<String> hosts, int database, boolean tls, Optional<Path> usernameFile,
      Optional<Path> passwordFile, int waitForReplicas) {}

  /** Answering the customers of an outage from Gladly's Events API (the last 24 hours, {@code lag} behind). */
  public record CatchUp(boolean enabled, Duration lookBack, Duration lag) {}

  public Optional<EndpointSettings> endpoint(String name) {
    return endpoints.stream().filter(e -> e.name().equals(name)).findFirst();
  }
}
