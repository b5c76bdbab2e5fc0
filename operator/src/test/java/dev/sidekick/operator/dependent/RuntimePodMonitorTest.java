package dev.sidekick.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidekick.contract.Channel;
import dev.sidekick.operator.SampleIntegration;
import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.MonitoringSpec;
import dev.sidekick.operator.api.RuntimeSpec;
import dev.sidekick.operator.api.SidekickIntegration;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimePodMonitorTest {

  @Test
  void acme_asks_for_a_pod_monitor_and_gets_one_that_scrapes_only_its_own_runtime_pods() throws Exception {
    SidekickIntegration acme = asking(Map.of("release", "prom"), "1m");

    PodMonitor desired = RuntimePodMonitor.Dependent.desired(acme);
    JsonNode sent = json(Serialization.asJson(desired));

    // as the API server receives it; the endpoint is the chart's (MonitoringChartIT compares the two)
    assertThat(sent).isEqualTo(yaml("""
        apiVersion: monitoring.coreos.com/v1
        kind: PodMonitor
        metadata:
          name: acme-sidekick
          namespace: support
          labels:
            release: prom
            app.kubernetes.io/name: sidekick-runtime
            app.kubernetes.io/instance: acme
            app.kubernetes.io/part-of: sidekick
            app.kubernetes.io/managed-by: sidekick-operator
        spec:
          selector:
            matchLabels:
              app.kubernetes.io/name: sidekick-runtime
              app.kubernetes.io/instance: acme
          podMetricsEndpoints:
            - port: http
              path: /q/metrics
              interval: 1m
              honorLabels: true
              relabelings:
                - sourceLabels: [__meta_kubernetes_pod_label_app_kubernetes_io_instance]
                  targetLabel: integration
        """));
    // and read back as the operator's informer reads it, to compare with the next desired one
    assertThat(Serialization.unmarshal(Serialization.asJson(desired), PodMonitor.class).getSpec())
        .isEqualTo(desired.getSpec());
  }

  @Test
  void without_an_interval_it_scrapes_every_30_seconds_and_the_operators_labels_win_over_the_users() {
    SidekickIntegration acme = asking(Map.of("app.kubernetes.io/managed-by", "someone-else", "team", "support"), null);

    PodMonitor monitor = RuntimePodMonitor.Dependent.desired(acme);

    assertThat(monitor.getSpec().podMetricsEndpoints()).singleElement()
        .satisfies(e -> assertThat(e.interval()).isEqualTo("30s"));
    // the operator's informers only see what it labels as its own
    assertThat(monitor.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "sidekick-operator")
        .containsEntry("team", "support");
  }

  @Test
  void a_pod_monitor_is_wanted_only_while_enabled() {
    RuntimePodMonitor.Requested requested = new RuntimePodMonitor.Requested();
    SidekickIntegration acme = asking(Map.of(), null);
    assertThat(requested.isMet(null, acme, null)).isTrue();

    acme.getSpec().runtime.monitoring.podMonitor.enabled = false;
    assertThat(requested.isMet(null, acme, null)).isFalse();
    acme.getSpec().runtime = null;
    assertThat(requested.isMet(null, acme, null)).isFalse();
    // switched off, the PodMonitor JOSDK deletes is found by the same name
    assertThat(RuntimePodMonitor.Dependent.desired(acme).getMetadata().getName()).isEqualTo("acme-sidekick");
  }

  private static SidekickIntegration asking(Map<String, String> labels, String interval) {
    SidekickIntegration sk = SampleIntegration.withEndpoints(new EndpointSpec("us-store", "Support", Channel.CHAT));
    sk.getSpec().runtime = new RuntimeSpec();
    sk.getSpec().runtime.monitoring = new MonitoringSpec();
    sk.getSpec().runtime.monitoring.podMonitor = new MonitoringSpec.PodMonitor();
    sk.getSpec().runtime.monitoring.podMonitor.enabled = true;
    sk.getSpec().runtime.monitoring.podMonitor.labels = labels;
    sk.getSpec().runtime.monitoring.podMonitor.interval = interval;
    return sk;
  }

  private static JsonNode json(String json) throws Exception {
    return new ObjectMapper().readTree(json);
  }

  private static JsonNode yaml(String yaml) throws Exception {
    return json(Serialization.asJson(Serialization.unmarshal(yaml, Map.class)));
  }
}
