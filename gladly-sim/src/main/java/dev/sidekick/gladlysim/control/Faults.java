package dev.sidekick.gladlysim.control;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** The injected faults: per-path failures and 429 bursts. */
public final class Faults {
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private final AtomicInteger burst = new AtomicInteger();

  public Faults add(Fault fault) {
    faults.add(fault);
    return this;
  }

  /** The next {@code n} Gladly API calls answer 429, as if other clients of the organization used up its budget. */
  public Faults rateLimitBurst(int n) {
    burst.set(n);
    return this;
  }

  public void clear() {
    faults.clear();
    burst.set(0);
  }

  public List<Fault> list() {
    return List.copyOf(faults);
  }

  public int burstRemaining() {
    return burst.get();
  }

  /** Takes one 429 from the burst, if any is left. */
  public boolean takeBurst() {
    while (true) {
      int b = burst.get();
      if (b <= 0) return false;
      if (burst.compareAndSet(b, b - 1)) return true;
    }
  }

  /** The first fault matching the call, consuming one of its uses; null when none applies. Cheap when empty. */
  public Fault match(String method, String path) {
    if (faults.isEmpty()) return null;
    for (Fault f : faults) {
      if (f.matches(method, path) && f.consume()) return f;
    }
    return null;
  }
}
