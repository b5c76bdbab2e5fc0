package dev.sidekick.runtime.gladly;

/** Under Gladly's rate limit answers come first: a best-effort call is dropped rather than wait or retry. */
public enum Priority {
  ANSWER,
  BEST_EFFORT
}
