package dev.sidekick.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.contract.Channel;
import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.MonitoringSpec;
import dev.sidekick.operator.api.RuntimeSpec;
import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.dependent.Names;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;

/**
 * spec.runtime.monitoring.podMonitor on the real apiserver, with the operator's generated RBAC: a cluster without
 * the Prometheus Operator still gets a Ready runtime and a condition saying why there is no PodMonitor; once the
 * PodMonitor CRD is installed (a trimmed copy, src/test/resources/cluster/podmonitors.monitoring.coreos.com.yaml)
 * the PodMonitor is created, and switching it off deletes it. Shares OperatorOnRealApiServerIT's profile (one
 * apiserver, one operator); no other test installs that CRD.
 */
@QuarkusTest
@TestProfile(OperatorOnRealApiServerProfile.class)
class RuntimePodMonitorIT {

  private static final String NS = "metrics";

  @Test
  void a_pod_monitor_asked_for_before_the_prometheus_operator_comes_once_its_crd_is_installed_and_goes_when_switched_off() {
    KubernetesClient admin = OperatorOnRealApiServerResource.env.client();
    ClusterIntegrations.prepareNamespace(admin, NS);
    SidekickIntegration asked = ClusterIntegrations.integration(
        OperatorOnRealApiServerResource.gladly, NS, "acme", new EndpointSpec("us-store", "Support", Channel.CHAT));
    asked.getSpec().runtime = new RuntimeSpec();
    asked.getSpec().runtime.monitoring = new MonitoringSpec();
    asked.getSpec().runtime.monitoring.podMonitor = new MonitoringSpec.PodMonitor();
    asked.getSpec().runtime.monitoring.podMonitor.enabled = true;
    asked.getSpec().runtime.monitoring.podMonitor.labels = Map.of("release", "prom");
    SidekickIntegration sk = admin.resource(asked).create();

    try (DeploymentAvailability runtimePods = new DeploymentAvailability(admin, NS)) {
      // no Prometheus Operator: the runtime still serves Gladly, and the status says why nothing scrapes it
      await().untilAsserted(() -> {
        SidekickIntegration current = admin.resource(sk).get();
        assertThat(ClusterIntegrations.isReady(current)).as("Ready; conditions: %s",
            ClusterIntegrations.conditions(current)).isTrue();
        assertThat(ClusterIntegrations.conditions(current))
            .anyMatch(c -> c.startsWith("PodMonitorCreated=False (PodMonitorCrdMissing: the cluster does not serve"));
      });
      assertThat(admin.v1().events().inNamespace(NS).list().getItems())
          .anyMatch(e -> "PodMonitorNotCreated".equals(e.getReason()) && "Warning".equals(e.getType()));

      // the platform team installs the Prometheus Operator's CRDs; the next reconcile (here: an edit) creates it
      installPodMonitorCrd(admin);
      Resource<GenericKubernetesResource> podMonitor =
          admin.genericKubernetesResources("monitoring.coreos.com/v1", "PodMonitor").inNamespace(NS)
              .withName(Names.runtime(sk));
      admin.resources(SidekickIntegration.class).inNamespace(NS).withName("acme").patch(
          PatchContext.of(PatchType.JSON_MERGE),
          "{\"spec\":{\"runtime\":{\"monitoring\":{\"podMonitor\":{\"interval\":\"15s\"}}}}}");
      await().until(() -> podMonitor.get() != null);
      // read as the apiserver stored it (a field it does not know would have been pruned)
      GenericKubernetesResource created = podMonitor.get();
      assertThat(created.getMetadata().getLabels())
          .containsEntry("release", "prom")
          .containsEntry(Names.MANAGED_BY_LABEL, Names.MANAGED_BY);
      assertThat(created.getMetadata().getOwnerReferences())
          .anySatisfy(ref -> assertThat(ref.getUid()).isEqualTo(sk.getMetadata().getUid()));
      assertThat((Object) created.get("spec", "selector", "matchLabels"))
          .isEqualTo(Map.of("app.kubernetes.io/name", "sidekick-runtime", "app.kubernetes.io/instance", "acme"));
      assertThat((Object) created.get("spec", "podMetricsEndpoints")).isEqualTo(List.of(Map.of(
          "port", "http",
          "path", "/q/metrics",
          "interval", "15s",
          "honorLabels", true,
          "relabelings", List.of(Map.of(
              "sourceLabels", List.of("__meta_kubernetes_pod_label_app_kubernetes_io_instance"),
              "targetLabel", "integration",
              "action", "replace")))));  // the CRD's default
      await().untilAsserted(() -> {
        SidekickIntegration current = admin.resource(sk).get();
        assertThat(ClusterIntegrations.isReadyForItsGeneration(current)).isTrue();
        assertThat(ClusterIntegrations.conditions(current)).anyMatch(c -> c.startsWith("PodMonitorCreated=True (Created:"));
      });

      // switched off: the PodMonitor goes, and so does its condition
      admin.resources(SidekickIntegration.class).inNamespace(NS).withName("acme").patch(
          PatchContext.of(PatchType.JSON_MERGE),
          "{\"spec\":{\"runtime\":{\"monitoring\":{\"podMonitor\":{\"enabled\":false}}}}}");
      await().until(() -> podMonitor.get() == null);
      await().untilAsserted(() -> {
        SidekickIntegration current = admin.resource(sk).get();
        assertThat(ClusterIntegrations.isReadyForItsGeneration(current)).isTrue();
        assertThat(ClusterIntegrations.conditions(current)).noneMatch(c -> c.startsWith("PodMonitorCreated="));
      });

      admin.resource(sk).delete();
      await().until(() -> admin.resource(sk).get() == null);
    }
    assertThat(OperatorOnRealApiServerResource.env.requestsBy(OperatorOnRealApiServerResource.serviceAccountUser))
        .as("requests the operator's RBAC refused").noneMatch(r -> r.startsWith("403 "));
  }

  private static void installPodMonitorCrd(KubernetesClient admin) {
    CustomResourceDefinition crd = admin.apiextensions().v1().customResourceDefinitions()
        .load(RuntimePodMonitorIT.class.getResourceAsStream("/cluster/podmonitors.monitoring.coreos.com.yaml"))
        .item();
    admin.resource(crd).serverSideApply();
    CrdOnRealApiServerIT.awaitEstablished(admin, crd.getMetadata().getName());
  }

  private static ConditionFactory await() {
    return Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200));
  }
}
