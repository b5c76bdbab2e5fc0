package dev.sidekick.operator;

import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.api.SidekickIntegrationSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;

/** A SidekickIntegration "acme" in namespace "support" at https://hooks.acme.example.com/acme, for unit tests. */
public final class SampleIntegration {
  private SampleIntegration() {}

  public static SidekickIntegration withEndpoints(EndpointSpec... endpoints) {
    SidekickIntegration sk = new SidekickIntegration();
    sk.setMetadata(new ObjectMetaBuilder().withName("acme").withNamespace("support").build());
    sk.setSpec(new SidekickIntegrationSpec());
    sk.getSpec().publicUrl = "https://hooks.acme.example.com/acme";
    sk.getSpec().endpoints = new ArrayList<>(List.of(endpoints));
    return sk;
  }
}
