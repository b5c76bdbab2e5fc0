package dev.sidekick.runtime;

import dev.sidekick.runtime.config.RuntimeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Whether the runtime may take events: its configuration is loaded and its identity is known. */
@ApplicationScoped
public class RuntimeState {
  private volatile RuntimeConfig config;
  private volatile boolean identityKnown;
  private volatile String waitingFor = "configuration";
  // What the runtime lacks for good (not something it waits for): it stays not ready.
  private volatile String missing;

  public Optional<RuntimeConfig> config() {
    return Optional.ofNullable(config);
  }

  public boolean ready() {
    return config != null && identityKnown && missing == null;
  }

  public String waitingFor() {
    if (missing != null) {
      return missing;
    }
    return ready() ? "" : waitingFor;
  }

  /** The runtime cannot answer safely as configured: not ready, events 503, until it is configured otherwise. */
  void missing(String what) {
    this.missing = what;
  }

  void configLoaded(RuntimeConfig config) {
    this.config = config;
    this.waitingFor = "the agent id and hand-off topic from Gladly";
  }

  void identityKnown() {
    this.identityKnown = true;
  }

  void waitingFor(String what) {
    this.waitingFor = what;
  }
}
