package dev.sidekick.gladlysim.control;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An injected failure on Gladly API calls: {@code Fault.on("POST", "/api/v1/conversation-items/*\/reply").status(503).times(2)}.
 * Paths are matched without the {@code /org/{key}} prefix; {@code *} is one path segment, {@code **} anything.
 */
public final class Fault {
  private final String method;
  private final PathPattern path;
  private Integer status;
  private Duration latency = Duration.ZERO;
  private boolean timeout;
  private boolean reset;
  private boolean afterApplying;
  private final AtomicInteger remaining = new AtomicInteger(Integer.MAX_VALUE);
  private final AtomicInteger skip = new AtomicInteger();
  private volatile double rate = 1.0;
  // seeded, so that a flaky-Gladly test fails the same calls on every run
  private final java.util.Random random = new java.util.Random(42);

  private Fault(String method, String path) {
    this.method = method == null ? "*" : method.toUpperCase();
    this.path = PathPattern.of(path);
  }

  /** {@code method} may be "*" for any. */
  public static Fault on(String method, String path) {
    return new Fault(method, path);
  }

  /** Answer with this status and a Gladly error body. */
  public Fault status(int status) {
    this.status = status;
    return this;
  }

  /** Delay the answer (the real one, or the injected status). */
  public Fault latency(Duration latency) {
    this.latency = latency;
    return this;
  }

  /** Never answer: hold the request, then drop the connection. */
  public Fault timeout() {
    this.timeout = true;
    return this;
  }

  /** Drop the connection without an answer, as a proxy or a crashing server does. */
  public Fault reset() {
    this.reset = true;
    return this;
  }

  /**
   * Gladly does the work, and then the answer is lost: the status, reset or timeout of this fault replaces Gladly's
   * answer (after the latency, if any). A gateway's 502 or 504 can follow a request that was applied.
   */
  public Fault afterApplying() {
    this.afterApplying = true;
    return this;
  }

  /** Apply to the next n matching calls only. */
  public Fault times(int n) {
    remaining.set(n);
    return this;
  }

  /** Let the first n matching calls through untouched (to fail, say, the second write of an event). */
  public Fault skip(int n) {
    skip.set(n);
    return this;
  }

  /** Apply to this fraction (0..1) of the matching calls, chosen by a seeded random: an error rate. */
  public Fault rate(double fraction) {
    if (fraction < 0 || fraction > 1) throw new IllegalArgumentException("rate must be between 0 and 1");
    this.rate = fraction;
    return this;
  }

  public double rate() {
    return rate;
  }

  public String method() {
    return method;
  }

  public String path() {
    return path.toString();
  }

  public Integer status() {
    return status;
  }

  public Duration latency() {
    return latency;
  }

  public boolean isTimeout() {
    return timeout;
  }

  public boolean isReset() {
    return reset;
  }

  public boolean isAfterApplying() {
    return afterApplying;
  }

  /** Whether it ends the call (a status, a reset or a timeout) rather than only delaying it. */
  public boolean endsTheCall() {
    return status != null || reset || timeout;
  }

  public int remaining() {
    return remaining.get();
  }

  boolean matches(String m, String p) {
    return (method.equals("*") || method.equals(m)) && path.matches(p);
  }

  /** Takes one use; false when used up or when the error rate spares this call. */
  boolean consume() {
    while (true) {
      int s = skip.get();
      if (s <= 0) break;
      if (skip.compareAndSet(s, s - 1)) return false;
    }
    if (rate < 1.0) {
      synchronized (random) {
        if (random.nextDouble() >= rate) return false;
      }
    }
    while (true) {
      int r = remaining.get();
      if (r <= 0) return false;
      if (r == Integer.MAX_VALUE || remaining.compareAndSet(r, r - 1)) return true;
    }
  }

  @Override
  public String toString() {
    return "Fault[" + method + " " + path + (status != null ? " status=" + status : "") + (latency.isZero() ? "" : " latency=" + latency)
        + (timeout ? " timeout" : "") + (reset ? " reset" : "") + (afterApplying ? " afterApplying" : "") + (rate < 1.0 ? " rate=" + rate : "") + (remaining.get() == Integer.MAX_VALUE ? "" : " times=" + remaining.get()) + "]";
  }
}
