package dev.sidekick.runtime.commerce.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * The shop's cost bucket as its last answer described it ({@code extensions.cost.throttleStatus}, API.md §5), restored
 * at its rate since: how long a query of a given cost must wait so that Shopify does not refuse it.
 */
final class ThrottleState {
  private double available = Double.MAX_VALUE;
  private double restoreRate = 100;
  private double maximum = Double.MAX_VALUE;
  private long atNanos = System.nanoTime();

  /** Records a {@code throttleStatus} (numbers may come as 2000 or 2000.0). */
  synchronized void update(JsonNode throttleStatus) {
    if (!throttleStatus.path("currentlyAvailable").isNumber()) return;
    available = throttleStatus.path("currentlyAvailable").asDouble();
    maximum = throttleStatus.path("maximumAvailable").asDouble(maximum);
    restoreRate = Math.max(1, throttleStatus.path("restoreRate").asDouble(restoreRate));
    atNanos = System.nanoTime();
  }

  /** How long until the bucket holds {@code cost} points (zero when it does now, or nothing is known yet). */
  synchronized Duration waitFor(int cost) {
    if (available == Double.MAX_VALUE) return Duration.ZERO;
    double now = Math.min(maximum, available + restoreRate * (System.nanoTime() - atNanos) / 1e9);
    if (now >= cost) return Duration.ZERO;
    return Duration.ofMillis((long) Math.ceil((cost - now) / restoreRate * 1000));
  }
}
