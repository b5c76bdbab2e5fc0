package dev.sidekick.shopsim.control;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.IntSupplier;

/** The log of Admin API calls received (bounded; the oldest drop first). */
public final class ShopCalls {
  private final Deque<ShopCall> calls = new ArrayDeque<>();
  private final IntSupplier capacity;
  private long generation;

  public ShopCalls(IntSupplier capacity) {
    this.capacity = capacity;
  }

  /** The log's generation, to hand back to {@link #add}: it changes with each {@link #clear}. */
  public long generation() {
    synchronized (calls) {
      return generation;
    }
  }

  /**
   * Logs a call received in {@code generation}; a call begun before a clear (a slow answer a test gave up on) is not
   * logged after it, where it would pass for one of the next test's calls.
   */
  public void add(ShopCall call, long generation) {
    synchronized (calls) {
      if (generation != this.generation) return;
      calls.addLast(call);
      while (calls.size() > capacity.getAsInt()) calls.removeFirst();
    }
  }

  public List<ShopCall> all() {
    synchronized (calls) {
      return new ArrayList<>(calls);
    }
  }

  /** Calls whose query has this root field (e.g. "orders", "customerByIdentifier"). */
  public List<ShopCall> withRoot(String rootField) {
    return all().stream().filter(c -> c.rootFields().contains(rootField)).toList();
  }

  public int count() {
    synchronized (calls) {
      return calls.size();
    }
  }

  public void clear() {
    synchronized (calls) {
      generation++;
      calls.clear();
    }
  }
}
