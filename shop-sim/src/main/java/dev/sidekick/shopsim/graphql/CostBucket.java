package dev.sidekick.shopsim.graphql;

/**
 * Shopify's leaky bucket of query cost points per app and shop (API.md §5): it holds at most {@code maximumAvailable},
 * refills at {@code restoreRate} points per second, and a query runs only when the bucket holds its requested cost; the
 * requested cost is taken first and the unused part given back. Wall-clock time.
 */
public final class CostBucket {
  /** What {@code extensions.cost.throttleStatus} shows. */
  public record Status(double maximumAvailable, double currentlyAvailable, double restoreRate) {}

  private double maximum;
  private double restoreRate;
  private double available;
  private long lastNanos = System.nanoTime();

  public CostBucket(double maximum, double restoreRate) {
    this.maximum = maximum;
    this.restoreRate = restoreRate;
    this.available = maximum;
  }

  /** Takes {@code cost} points when the bucket holds them; false (and nothing taken) when it does not. */
  public synchronized boolean tryTake(int cost) {
    restore();
    if (available < cost) return false;
    available -= cost;
    return true;
  }

  public synchronized void refund(int points) {
    restore();
    available = Math.min(maximum, available + Math.max(0, points));
  }

  public synchronized Status status() {
    restore();
    return new Status(maximum, Math.floor(available), restoreRate);
  }

  /** Sets the bucket (tests: an empty bucket, a plan with another size); null leaves a value as it is. */
  public synchronized void set(Double maximumAvailable, Double currentlyAvailable, Double restoreRatePerSecond) {
    restore();
    if (maximumAvailable != null) maximum = maximumAvailable;
    if (restoreRatePerSecond != null) restoreRate = restoreRatePerSecond;
    if (currentlyAvailable != null) available = currentlyAvailable;
    available = Math.min(available, maximum);
  }

  public synchronized void fill() {
    available = maximum;
    lastNanos = System.nanoTime();
  }

  private void restore() {
    long now = System.nanoTime();
    available = Math.min(maximum, available + restoreRate * (now - lastNanos) / 1e9);
    lastNanos = now;
  }
}
