package dev.sidekick.operator.bench;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator with its production settings (server-side apply, Gladly client timeouts, backoff and retries,
 * error backoff and progress interval as application.properties defaults them outside %test) except the resync
 * interval, which the benchmark shortens ({@code -Dbench.resync}, default 30 s) to observe several steady-state
 * cycles in minutes rather than hours.
 */
public class OperatorBenchProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    BenchSettings s = BenchSettings.fromSystemProperties();
    Map<String, String> production = new HashMap<>();
    production.put("sidekick.reconcile.resync-interval", BenchSettings.quarkus(s.resyncInterval()));
    production.put("sidekick.reconcile.error-backoff", "10s");
    production.put("sidekick.reconcile.progress-interval", "5s");
    production.put("sidekick.reconcile.deletion-max-attempts", "5");
    production.put("sidekick.reconcile.deletion-retry-interval", "5s");
    production.put("sidekick.gladly.backoff", "200ms");
    production.put("sidekick.gladly.max-attempts", "4");
    production.put("sidekick.gladly.call-timeout", "10s");
    // production: true; -Dbench.ssa=false takes the JSON-patch path of the fast tier
    production.put("quarkus.operator-sdk.enable-ssa", Boolean.toString(s.serverSideApply()));
    Map<String, String> c = new HashMap<>();
    // both forms: application.properties sets %test.* values for the fast tier
    production.forEach((k, v) -> {
      c.put(k, v);
      c.put("%test." + k, v);
    });
    c.put("quarkus.operator-sdk.crd.apply", "false");
    c.put("%test.quarkus.operator-sdk.crd.apply", "false");
    c.put("quarkus.kubernetes-client.devservices.enabled", "false");
    c.put("quarkus.log.category.\"io.javaoperatorsdk\".level", "WARN");
    return c;
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(OperatorBenchResource.class));
  }

  @Override
  public boolean disableGlobalTestResources() {
    return true;
  }
}
