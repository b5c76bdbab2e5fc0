package dev.sidekick.operator.reconciler;

import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.config.OperatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to look at a resource again: at the resync interval when all is well; soon while something converges
 * (the runtime rolling, a key rotation); after a growing backoff while a problem lasts. A failure Gladly may get
 * over by itself (429, 5xx, no answer) is first retried quietly, without a word in status, by rescheduling
 * the reconcile: no reconcile thread sleeps through a backoff. Counted in memory per resource.
 */
@ApplicationScoped
class Schedule {
  private final OperatorConfig.Reconcile reconcile;
  private final OperatorConfig.Gladly gladly;
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();
  private final Map<String, Integer> quietRetries = new ConcurrentHashMap<>();

  Schedule(OperatorConfig config) {
    this.reconcile = config.reconcile();
    this.gladly = config.gladly();
  }

  Duration resync() {
    return reconcile.resyncInterval();
  }

  /** All is well for now: come back for drift correction, or soon while something still converges. */
  Duration afterSuccess(SidekickIntegration sk, boolean converging) {
    failures.remove(uid(sk));
    quietRetries.remove(uid(sk));
    return converging ? reconcile.progressInterval() : reconcile.resyncInterval();
  }

  Duration converging(SidekickIntegration sk) {
    quietRetries.remove(uid(sk));
    return reconcile.progressInterval();
  }

  /** The error backoff, doubled with each consecutive failure up to the resync interval. */
  Duration afterFailure(SidekickIntegration sk) {
    quietRetries.remove(uid(sk));
    int n = failures.merge(uid(sk), 1, Integer::sum);
    long millis = reconcile.errorBackoff().toMillis() * (1L << Math.min(n - 1, 10));
    return Duration.ofMillis(Math.min(millis, reconcile.resyncInterval().toMillis()));
  }

  /**
   * The delay of a quiet retry after a transient Gladly failure: the backoff with jitter, or longer when Gladly
   * asked to wait longer; empty once {@code sidekick.gladly.max-attempts} attempts in a row failed, and it must
   * be reported.
   */
  Optional<Duration> quietRetry(SidekickIntegration sk, Duration gladlyAskedToWait) {
    int retry = quietRetries.merge(uid(sk), 1, Integer::sum);
    if (retry >= gladly.maxAttempts()) {
      quietRetries.remove(uid(sk));
      return Optional.empty();
    }
    long base = gladly.backoff().toMillis();
    long jittered = ThreadLocalRandom.current().nextLong(base / 2, base * (1L << Math.min(retry, 6)) + 1);
    long millis = Math.max(jittered, gladlyAskedToWait.toMillis());
    return Optional.of(Duration.ofMillis(Math.min(millis, reconcile.resyncInterval().toMillis())));
  }

  void forget(SidekickIntegration sk) {
    failures.remove(uid(sk));
    quietRetries.remove(uid(sk));
  }

  private static String uid(SidekickIntegration sk) {
    return sk.getMetadata().getUid();
  }
}
