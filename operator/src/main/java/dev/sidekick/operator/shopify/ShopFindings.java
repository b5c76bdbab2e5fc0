package dev.sidekick.operator.shopify;

import dev.sidekick.operator.config.OperatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each shop last said about an access token, so that reconciles ask Shopify only when the answer may have
 * changed: a working token is asked about again after {@code sidekick.shopify.recheck-interval}, a problem after
 * {@code sidekick.shopify.problem-recheck-interval} (time to grant a scope in Shopify's admin), a shop that did not
 * answer at the next reconcile. Another token (the Secret changed), domain or API version is a new question at once.
 * Questions are asked concurrently, and two reconciles asking the same one share its answer. Tokens are kept only as
 * their SHA-256.
 */
@ApplicationScoped
public class ShopFindings {
  private record Question(String domain, String apiVersion, String tokenSha256) {}

  private record Asked(CompletableFuture<ShopifyProbe.Finding> finding, Instant at) {}

  private final ShopifyProbe probe;
  private final Duration answersKept;
  private final Duration problemsKept;
  private final Clock clock;
  private final Map<Question, Asked> asked = new ConcurrentHashMap<>();

  @Inject
  public ShopFindings(ShopifyProbe probe, OperatorConfig config) {
    this(probe, config.shopify().recheckInterval(), config.shopify().problemRecheckInterval(), Clock.systemUTC());
  }

  ShopFindings(ShopifyProbe probe, Duration answersKept, Duration problemsKept, Clock clock) {
    this.probe = probe;
    this.answersKept = answersKept;
    this.problemsKept = problemsKept;
    this.clock = clock;
  }

  /** What the shop says about the token: remembered while still fresh, else asked now (without blocking). */
  public CompletableFuture<ShopifyProbe.Finding> find(String domain, String apiVersion, String token) {
    Instant now = clock.instant();
    asked.values().removeIf(a -> stale(a, now)); // bounded by the shops and tokens of the last interval
    return asked.compute(new Question(domain, apiVersion, sha256(token)),
        (q, before) -> before != null && !stale(before, now) ? before : new Asked(probe.checkAsync(domain, apiVersion, token), now))
        .finding();
  }

  private boolean stale(Asked a, Instant now) {
    if (!a.finding().isDone()) {
      return false; // still being asked: share it
    }
    ShopifyProbe.Finding f = a.finding().join();
    Duration kept = f instanceof ShopifyProbe.Answers ? answersKept : f instanceof ShopifyProbe.Problem ? problemsKept : Duration.ZERO;
    return !now.isBefore(a.at().plus(kept));
  }

  private static String sha256(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
