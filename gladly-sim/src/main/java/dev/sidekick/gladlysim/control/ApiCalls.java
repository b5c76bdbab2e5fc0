package dev.sidekick.gladlysim.control;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.IntSupplier;

/** The log of Gladly API calls received (bounded; the oldest calls drop first). */
public final class ApiCalls {
  private final Deque<ApiCall> calls = new ArrayDeque<>();
  private final IntSupplier capacity;
  private long generation;

  public ApiCalls(IntSupplier capacity) {
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
  public void add(ApiCall call, long generation) {
    synchronized (calls) {
      if (generation != this.generation) return;
      calls.addLast(call);
      int cap = capacity.getAsInt();
      while (calls.size() > cap) calls.removeFirst();
    }
  }

  public List<ApiCall> all() {
    synchronized (calls) {
      return new ArrayList<>(calls);
    }
  }

  /** Calls with this method ("*" = any) and path glob ({@code *} = one segment, {@code **} = any rest). */
  public List<ApiCall> matching(String method, String pathGlob) {
    PathPattern p = PathPattern.of(pathGlob);
    return all().stream().filter(c -> ("*".equals(method) || c.method().equalsIgnoreCase(method)) && p.matches(c.path())).toList();
  }

  public int count(String method, String pathGlob) {
    return matching(method, pathGlob).size();
  }

  public int size() {
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
