package dev.sidekick.operator.fast;

import dev.sidekick.gladlysim.GladlySimulator;
import dev.sidekick.gladlysim.SimOptions;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The Gladly of the fast tests: the simulator in-process, over HTTPS with its self-signed certificate, which
 * the operator trusts through sidekick.gladly.trusted-ca-file (the private-CA path of production).
 */
public class GladlySimResource implements QuarkusTestResourceLifecycleManager {
  static volatile GladlySimulator sim;

  @Override
  public Map<String, String> start() {
    sim = GladlySimulator.start(SimOptions.defaults().seed("acme").tls(true));
    try {
      Path pem = Files.createTempFile("gladly-sim-", ".pem");
      Files.writeString(pem, sim.trustPem());
      pem.toFile().deleteOnExit();
      return Map.of("sidekick.gladly.trusted-ca-file", pem.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    if (sim != null) sim.close();
  }
}
