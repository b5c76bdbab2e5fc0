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

  public ShopCalls(IntSupplier capacity) {
    this.capacity = capacity;
  }

  public void add(ShopCall call) {
    synchronized (calls) {
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
      calls.clear();
    }
  }
}
