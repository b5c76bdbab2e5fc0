package dev.sidekick.runtime.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** An endpoint's commerce backend (exactly one kind) and the brand's return rule. Paths to secrets, never secrets. */
public record CommerceSettings(Backend backend, int returnWindowDays, Optional<URI> returnsUrl) {

  /** Which platform holds the brand's orders. */
  public sealed interface Backend {}

  /** Shopify's Admin GraphQL API: {@code {shopUrl}/admin/api/{apiVersion}/graphql.json} with the token in the file. */
  public record Shopify(URI shopUrl, String apiVersion, Path accessTokenFile, Duration callTimeout) implements Backend {}
}
