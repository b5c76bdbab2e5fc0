package dev.sidekick.shopsim.control;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An injected failure on Admin API calls: {@code ShopFault.status(503).times(2)}, {@code ShopFault.throttled()},
 * {@code ShopFault.latency(Duration.ofSeconds(5))}, {@code ShopFault.timeout()}. Applies to every GraphQL call after
 * authentication, the next n times (all of them by default).
 */
public final class ShopFault {
  /** What the fault does to a call. */
  public enum Kind {
    /** An HTTP status with the body Shopify sends for it. */
    STATUS,
    /** 200 with an INTERNAL_SERVER_ERROR GraphQL error and no data. */
    INTERNAL_ERROR,
    /** THROTTLED, as if the cost bucket were empty. */
    THROTTLED,
    /** Only the added latency; then the call is served. */
    LATENCY,
    /** Never answered: held, then the connection is closed. */
    TIMEOUT
  }

  private final Kind kind;
  private final int status;
  private Duration latency = Duration.ZERO;
  private final AtomicInteger remaining = new AtomicInteger(Integer.MAX_VALUE);

  private ShopFault(Kind kind, int status) {
    this.kind = kind;
    this.status = status;
  }

  public static ShopFault status(int status) {
    return new ShopFault(Kind.STATUS, status);
  }

  public static ShopFault internalError() {
    return new ShopFault(Kind.INTERNAL_ERROR, 200);
  }

  public static ShopFault throttled() {
    return new ShopFault(Kind.THROTTLED, 200);
  }

  /** Served, but this much later (the request is still answered if the client gave up). */
  public static ShopFault latency(Duration latency) {
    return new ShopFault(Kind.LATENCY, 200).after(latency);
  }

  public static ShopFault timeout() {
    return new ShopFault(Kind.TIMEOUT, 0);
  }

  /** Delays the fault's answer too (a slow 503, say). */
  public ShopFault after(Duration delay) {
    this.latency = delay;
    return this;
  }

  /** Applies to the next n calls only. */
  public ShopFault times(int n) {
    remaining.set(n);
    return this;
  }

  public Kind kind() {
    return kind;
  }

  public int statusCode() {
    return status;
  }

  public Duration delay() {
    return latency;
  }

  public int remaining() {
    return remaining.get();
  }

  /** Takes one use; false when used up. */
  boolean consume() {
    while (true) {
      int r = remaining.get();
      if (r <= 0) return false;
      if (r == Integer.MAX_VALUE || remaining.compareAndSet(r, r - 1)) return true;
    }
  }

  @Override
  public String toString() {
    return "ShopFault[" + kind + (kind == Kind.STATUS ? " " + status : "") + (latency.isZero() ? "" : " after " + latency)
        + (remaining.get() == Integer.MAX_VALUE ? "" : " times=" + remaining.get()) + "]";
  }
}
