package dev.sidekick.operator.bench;

import java.time.Duration;

/** The benchmark's knobs, as system properties ({@code scripts/bench-operator} passes them with -D). */
record BenchSettings(
    int integrations,
    Duration resyncInterval,
    Duration steadyWindow,
    Duration settle,
    Duration readyTimeout,
    boolean serverSideApply,
    boolean precreateServices) {

  static final Duration PRODUCTION_RESYNC = Duration.ofMinutes(5);

  static BenchSettings fromSystemProperties() {
    return new BenchSettings(
        Integer.getInteger("bench.integrations", 100),
        duration("bench.resync", "30s"),
        duration("bench.steady", "120s"),
        duration("bench.settle", "10s"),
        duration("bench.ready-timeout", "600s"),
        Boolean.parseBoolean(System.getProperty("bench.ssa", "true")),
        Boolean.parseBoolean(System.getProperty("bench.precreate-services", "false")));
  }

  private static Duration duration(String property, String fallback) {
    String v = System.getProperty(property, fallback).trim().toLowerCase();
    if (v.endsWith("ms")) return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
    if (v.endsWith("s")) return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
    if (v.endsWith("m")) return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
    return Duration.ofSeconds(Long.parseLong(v));
  }

  /** Quarkus' duration syntax. */
  static String quarkus(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
