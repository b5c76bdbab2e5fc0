package dev.sidekick.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.contract.Channel;
import dev.sidekick.operator.SampleIntegration;
import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.dependent.Recorder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code kubectl get sk} shows in its Mode column whether Sidekick writes to customers, and for which brands not. */
class StatusModeTest {
  private static final Recorder NO_EVENTS =
      new Recorder() {
        @Override
        public void normal(SidekickIntegration sk, String reason, String message) {}

        @Override
        public void warning(SidekickIntegration sk, String reason, String message) {}
      };

  @Test
  void every_endpoint_live_shows_live() {
    assertThat(modeColumn(endpoint("us-store", null), endpoint("emea-brand", EndpointSpec.Mode.LIVE)))
        .isEqualTo("live");
  }

  @Test
  void every_endpoint_in_shadow_shows_shadow() {
    assertThat(modeColumn(endpoint("us-store", EndpointSpec.Mode.SHADOW), endpoint("emea-brand", EndpointSpec.Mode.SHADOW)))
        .isEqualTo("shadow");
  }

  @Test
  void some_endpoints_in_shadow_are_named() {
    assertThat(modeColumn(
            endpoint("us-store", null),
            endpoint("brand-b", EndpointSpec.Mode.SHADOW),
            endpoint("emea-brand", EndpointSpec.Mode.LIVE),
            endpoint("brand-c", EndpointSpec.Mode.SHADOW)))
        .isEqualTo("shadow: brand-b, brand-c");
  }

  /** The status a reconcile writes, whatever else it found. */
  private static String modeColumn(EndpointSpec... endpoints) {
    SidekickIntegration sk = SampleIntegration.withEndpoints(endpoints);
    new StatusReport(sk, NO_EVENTS).update(Duration.ofMinutes(5));
    return sk.getStatus().mode;
  }

  private static EndpointSpec endpoint(String name, EndpointSpec.Mode mode) {
    EndpointSpec e = new EndpointSpec(name, "Support", Channel.CHAT);
    e.mode = mode;
    return e;
  }
}
