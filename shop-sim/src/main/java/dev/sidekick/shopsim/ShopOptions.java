package dev.sidekick.shopsim;

import java.time.Duration;
import java.util.List;

/**
 * How the shop simulator starts and behaves. Fluent and mutable; the behaviour switches may change while it runs
 * ({@code sim.options().latency(...)}); {@link ShopSimulator#reset()} does not touch them.
 */
public final class ShopOptions {
  private volatile String seed = "acme";
  private volatile String host = "127.0.0.1";
  private volatile int port = 0;
  // API.md §1: on 2026-12-02 the supported stable versions, plus unstable
  private volatile List<String> supportedVersions = List.of("2026-01", "2026-04", "2026-07", "2026-10", "unstable");
  private volatile int throttledStatus = 200;
  private volatile double bucketSize = 2000;
  private volatile double restoreRate = 100;
  private volatile Duration latency = Duration.ZERO;
  private volatile Duration faultTimeoutHold = Duration.ofSeconds(60);
  private volatile int callLogSize = 10_000;

  public static ShopOptions defaults() {
    return new ShopOptions();
  }

  /** A file path, a classpath resource, or a short name ("acme" = classpath {@code shop/acme.yaml}). */
  public ShopOptions seed(String nameOrPath) {
    this.seed = nameOrPath;
    return this;
  }

  public String seed() {
    return seed;
  }

  public ShopOptions host(String host) {
    this.host = host;
    return this;
  }

  public String host() {
    return host;
  }

  /** 0 = a random free port. */
  public ShopOptions port(int port) {
    this.port = port;
    return this;
  }

  public int port() {
    return port;
  }

  /** The API versions served as themselves; an older quarterly version is served as the oldest of these. */
  public ShopOptions supportedVersions(List<String> versions) {
    this.supportedVersions = List.copyOf(versions);
    return this;
  }

  public List<String> supportedVersions() {
    return supportedVersions;
  }

  /** The HTTP status of a THROTTLED answer: 200 (S11) or 429 (S13); API.md §9 leaves it open. */
  public ShopOptions throttledStatus(int status) {
    this.throttledStatus = status;
    return this;
  }

  public int throttledStatus() {
    return throttledStatus;
  }

  /** The cost bucket of each access token: size (maximumAvailable) and restore rate per second (Basic: 2000 and 100). */
  public ShopOptions bucket(double size, double restorePerSecond) {
    this.bucketSize = size;
    this.restoreRate = restorePerSecond;
    return this;
  }

  public double bucketSize() {
    return bucketSize;
  }

  public double restoreRate() {
    return restoreRate;
  }

  /** Added to every call (a realistic Shopify latency for benchmarks and the demo). */
  public ShopOptions latency(Duration latency) {
    this.latency = latency;
    return this;
  }

  public Duration latency() {
    return latency;
  }

  /** How long a timeout fault holds a request before closing the connection. */
  public ShopOptions faultTimeoutHold(Duration hold) {
    this.faultTimeoutHold = hold;
    return this;
  }

  public Duration faultTimeoutHold() {
    return faultTimeoutHold;
  }

  public ShopOptions callLogSize(int size) {
    this.callLogSize = size;
    return this;
  }

  public int callLogSize() {
    return callLogSize;
  }

  @Override
  public String toString() {
    return "ShopOptions[seed=" + seed + ", port=" + port + ", versions=" + supportedVersions + ", bucket=" + bucketSize + "/"
        + restoreRate + " per s, throttledStatus=" + throttledStatus + ", latency=" + latency + "]";
  }
}
