package dev.sidekick.gladlysim.api;

import dev.sidekick.gladlysim.SimOptions;
import java.util.HashMap;
import java.util.Map;

/** Gladly's limit: N requests per second per organization and method (or in total), in one-second windows of wall time. */
final class RateLimiter {
  private static final class Window {
    long second;
    int count;
  }

  private final SimOptions options;
  private final Map<String, Window> windows = new HashMap<>();

  RateLimiter(SimOptions options) {
    this.options = options;
  }

  /** Counts one request; returns the remaining budget of this second, or -1 when the budget is spent. */
  int take(String orgKey, String method) {
    String key = options.rateLimitScope() == SimOptions.RateLimitScope.TOTAL ? orgKey : orgKey + ' ' + method;
    long second = System.currentTimeMillis() / 1000;
    int limit = options.rateLimitPerSecond();
    synchronized (windows) {
      Window w = windows.computeIfAbsent(key, k -> new Window());
      if (w.second != second) {
        w.second = second;
        w.count = 0;
      }
      if (w.count >= limit) return -1;
      w.count++;
      return limit - w.count;
    }
  }

  void reset() {
    synchronized (windows) {
      windows.clear();
    }
  }
}
