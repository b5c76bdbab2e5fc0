package dev.sidekick.gladlysim.state;

import dev.sidekick.gladlysim.seed.Seed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * All organizations of the simulator. One lock guards everything: Vert.x event loops and test threads both touch the
 * state, and each touch is short, so correctness wins over concurrency here.
 */
public final class SimState {
  private final Object lock = new Object();
  private final Seed seed;
  private final Supplier<Instant> clock;
  private final IntSupplier historySize;
  private Map<String, Org> orgs;

  public SimState(Seed seed, Supplier<Instant> clock) {
    this(seed, clock, () -> 50_000);
  }

  /** @param historySize how many events each organization keeps for the Events API (the oldest go first) */
  public SimState(Seed seed, Supplier<Instant> clock, IntSupplier historySize) {
    this.seed = seed;
    this.clock = clock;
    this.historySize = historySize;
    reset();
  }

  public void reset() {
    synchronized (lock) {
      Map<String, Org> fresh = new LinkedHashMap<>();
      for (Seed.OrgSeed s : seed.organizations) {
        fresh.put(s.key, new Org(s, clock, java.util.UUID.randomUUID().toString()));
      }
      orgs = fresh;
    }
  }

  /**
   * Runs {@code action} under the lock and returns its result together with the events it raised, which also go into
   * the organization's event history (the Events API's source).
   */
  public <T> Result<T> change(String orgKey, Function<Work, T> action) {
    synchronized (lock) {
      Work work = new Work(org(orgKey));
      T value = action.apply(work);
      work.org.history.record(work.events, historySize.getAsInt());
      return new Result<>(value, List.copyOf(work.events));
    }
  }

  public <T> T read(Function<SimState, T> reader) {
    synchronized (lock) {
      return reader.apply(this);
    }
  }

  public Object lock() {
    return lock;
  }

  /** The organization with this key (null = the default, the first of the seed). Call with the lock held. */
  public Org org(String key) {
    Org org = key == null ? orgs.values().iterator().next() : orgs.get(key);
    if (org == null) throw new IllegalArgumentException("no organization with key " + key);
    return org;
  }

  /** Like {@link #orgOrNull} for callers that already hold the lock (inside {@link #read}). */
  public Org orgOrNullLocked(String key) {
    return orgs.get(key);
  }

  public Org orgOrNull(String key) {
    synchronized (lock) {
      return orgs.get(key);
    }
  }

  public List<Org> orgs() {
    synchronized (lock) {
      return new ArrayList<>(orgs.values());
    }
  }

  public String defaultOrgKey() {
    return seed.organizations.get(0).key;
  }

  /** The agent whose email and API token these are, in the given organization or (key null) in any. */
  public Caller authenticate(String orgKey, String email, String token) {
    synchronized (lock) {
      for (Org org : orgs.values()) {
        if (orgKey != null && !org.key.equals(orgKey)) continue;
        for (Agent a : org.agents.values()) {
          if (a.token != null && a.email.equalsIgnoreCase(email) && constantTimeEquals(a.token, token)) {
            return new Caller(org.key, a.id);
          }
        }
      }
      return null;
    }
  }

  private static boolean constantTimeEquals(String a, String b) {
    return java.security.MessageDigest.isEqual(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public record Caller(String orgKey, String agentId) {}

  public record Result<T>(T value, List<Event> events) {}

  /** A change in progress: the organization and the events it raises. */
  public static final class Work {
    public final Org org;
    public final List<Event> events = new ArrayList<>();

    Work(Org org) {
      this.org = org;
    }
  }
}
