package dev.sidekick.runtime;

import dev.sidekick.runtime.commerce.CommerceBackends;
import dev.sidekick.runtime.catchup.CatchUp;
import dev.sidekick.runtime.config.ConfigException;
import dev.sidekick.runtime.config.ConfigLoader;
import dev.sidekick.runtime.config.RuntimeConfig;
import dev.sidekick.runtime.gladly.GladlyClient;
import dev.sidekick.runtime.outcomes.ResolutionWatch;
import dev.sidekick.runtime.responder.Responders;
import dev.sidekick.runtime.store.Store;
import dev.sidekick.runtime.store.StoreUnavailable;
import dev.sidekick.runtime.webhook.EndpointKeys;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Start-up: load and validate the configuration (a bad file stops start-up with a message naming the
 * field), then build the Gladly client and look up Sidekick's identity in the background; readiness is DOWN
 * until then.
 */
@ApplicationScoped
public class Sidekick {
  private static final Logger LOG = Logger.getLogger(Sidekick.class);

  // SIDEKICK_CONFIG in the environment maps onto this property.
  @ConfigProperty(name = "sidekick.config", defaultValue = "/etc/sidekick/config/runtime.yaml")
  String configPath;

  @Inject RuntimeState state;
  @Inject GladlyClient gladly;
  @Inject Responders responders;
  @Inject CommerceBackends commerce;
  @Inject EndpointKeys keys;
  @Inject Identity identity;
  @Inject Store store;
  @Inject CatchUp catchUp;
  @Inject ResolutionWatch resolutions;

  private volatile Thread bootstrap;

  void onStart(@Observes StartupEvent event) {
    RuntimeConfig config;
    try {
      config = ConfigLoader.load(Path.of(configPath));
      store.start(config);
      responders.start(config);
      commerce.start(config);
      keys.start(config);
      resolutions.start(config.resolvedAfter());
    } catch (ConfigException e) {
      LOG.errorf("invalid configuration: %s", e.getMessage());
      throw e;
    }
    state.configLoaded(config);
    if (config.replicas() > 1 && !store.shared()) {
      // Each replica would keep its own record of what it answered: two copies of one event could both be answered.
      state.missing("a shared store: " + config.replicas() + " replicas need store.redis in the configuration");
      LOG.errorf("%d replicas and no shared store (store.redis): not ready, every event is answered 503 rather than"
          + " risk a second answer", config.replicas());
    }
    LOG.infof(
        "configuration loaded from %s: %d endpoint(s) %s, Gladly at %s",
        configPath, config.endpoints().size(),
        config.endpoints().stream().map(e -> e.name() + e.channels()).toList(), config.gladly().baseUrl());
    // The Gladly client's set-up and the lookups in Gladly run off the start-up thread, in parallel with the rest
    // of Quarkus' start; readiness (and so every event) waits for them.
    bootstrap = new Thread(() -> connectAndResolve(config), "sidekick-bootstrap");
    bootstrap.setDaemon(true);
    bootstrap.start();
  }

  void onStop(@Observes ShutdownEvent event) {
    Thread t = bootstrap;
    if (t != null) {
      t.interrupt();
    }
  }

  private void connectAndResolve(RuntimeConfig config) {
    try {
      gladly.start(config.gladly(), store.budget());
    } catch (RuntimeException e) {
      // Not expected (a JDK without a default TLS context, say): stay not ready and say why.
      state.waitingFor("the Gladly client (" + e + ")");
      LOG.errorf(e, "cannot start the Gladly client");
      return;
    }
    resolveIdentity(config);
  }

  private void resolveIdentity(RuntimeConfig config) {
    long pauseMillis = 500;
    while (!Thread.currentThread().isInterrupted()) {
      try {
        identity.resolve(config);
        state.identityKnown();
        LOG.infof("ready: Sidekick is agent %s", identity.agentId());
        catchUp.started();
        return;
      } catch (StoreUnavailable e) {
        // Gladly's budget is in the store: a store the runtime cannot use (unreachable, a CA that did not sign its
        // certificate, a wrong password) is named as what it waits for, not Gladly
        state.waitingFor("the store (" + e.getMessage() + ")");
        LOG.warnf("cannot use the store yet: %s; retrying in %d ms", e.getMessage(), pauseMillis);
      } catch (RuntimeException e) {
        state.waitingFor("the agent id from Gladly (" + e.getMessage() + ")");
        LOG.warnf("cannot look up Sidekick's identity in Gladly yet: %s; retrying in %d ms", e.getMessage(), pauseMillis);
      }
      try {
        Thread.sleep(pauseMillis);
      } catch (InterruptedException e) {
        return;
      }
      pauseMillis = Math.min(30_000, pauseMillis * 2);
    }
  }
}
