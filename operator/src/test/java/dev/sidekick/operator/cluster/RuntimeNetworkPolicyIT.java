package dev.sidekick.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.contract.Channel;
import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.NetworkPolicySpec;
import dev.sidekick.operator.api.RuntimeSpec;
import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.dependent.Names;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;

/**
 * spec.runtime.networkPolicy on the real apiserver, with the operator's generated RBAC: the NetworkPolicy is
 * created as the API server validates and stores it, owned by the resource, and switching it off deletes it. The
 * apiserver checks the policy; nothing here enforces it (no CNI: docs/network-policy.md). Shares
 * OperatorOnRealApiServerIT's profile (one apiserver, one operator, whose namespace is sidekick-system).
 */
@QuarkusTest
@TestProfile(OperatorOnRealApiServerProfile.class)
class RuntimeNetworkPolicyIT {

  private static final String NS = "locked-down";

  @Test
  void a_locked_down_runtime_gets_its_network_policy_and_loses_it_when_switched_off() {
    KubernetesClient admin = OperatorOnRealApiServerResource.env.client();
    ClusterIntegrations.prepareNamespace(admin, NS);
    SidekickIntegration asked = ClusterIntegrations.integration(
        OperatorOnRealApiServerResource.gladly, NS, "acme", new EndpointSpec("us-store", "Support", Channel.CHAT));
    asked.getSpec().runtime = new RuntimeSpec();
    asked.getSpec().runtime.networkPolicy = new NetworkPolicySpec();
    asked.getSpec().runtime.networkPolicy.enabled = true;
    asked.getSpec().runtime.networkPolicy.ingressFrom = List.of(new NetworkPolicyPeerBuilder()
        .withNewNamespaceSelector().addToMatchLabels("kubernetes.io/metadata.name", "ingress-nginx")
        .endNamespaceSelector().build());
    SidekickIntegration sk = admin.resource(asked).create();
    Resource<NetworkPolicy> policy =
        admin.network().v1().networkPolicies().inNamespace(NS).withName(Names.runtime(sk));

    try (DeploymentAvailability runtimePods = new DeploymentAvailability(admin, NS)) {
      await().until(() -> policy.get() != null);
      NetworkPolicy created = policy.get();
      assertThat(created.getMetadata().getOwnerReferences())
          .anySatisfy(ref -> assertThat(ref.getUid()).isEqualTo(sk.getMetadata().getUid()));
      assertThat(created.getSpec().getPodSelector().getMatchLabels())
          .isEqualTo(Map.of("app.kubernetes.io/name", "sidekick-runtime", "app.kubernetes.io/instance", "acme"));
      assertThat(created.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
      // in: the ingress controller's namespace, then the operator (reading readiness), both on the runtime's port
      assertThat(created.getSpec().getIngress()).extracting(rule -> rule.getFrom().get(0).getNamespaceSelector()
          .getMatchLabels().get("kubernetes.io/metadata.name")).containsExactly("ingress-nginx", "sidekick-system");
      assertThat(created.getSpec().getIngress()).allSatisfy(rule -> assertThat(ports(rule.getPorts()))
          .containsExactly("TCP/8080"));
      // out: DNS, then Gladly (the simulator's port) to any address
      int gladlyPort = URI.create(sk.getSpec().gladly.organizationUrl).getPort();
      assertThat(created.getSpec().getEgress()).extracting(rule -> ports(rule.getPorts()))
          .containsExactly(List.of("UDP/53", "TCP/53"), List.of("TCP/" + gladlyPort));
      await().untilAsserted(() -> assertThat(ClusterIntegrations.isReady(admin.resource(sk).get())).isTrue());

      // switched off: the NetworkPolicy goes, the runtime stays
      admin.resources(SidekickIntegration.class).inNamespace(NS).withName("acme").patch(
          PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"runtime\":{\"networkPolicy\":{\"enabled\":false}}}}");
      await().until(() -> policy.get() == null);
      await().untilAsserted(() -> assertThat(ClusterIntegrations.isReadyForItsGeneration(admin.resource(sk).get()))
          .isTrue());

      admin.resource(sk).delete();
      await().until(() -> admin.resource(sk).get() == null);
    }
    assertThat(OperatorOnRealApiServerResource.env.requestsBy(OperatorOnRealApiServerResource.serviceAccountUser))
        .as("requests the operator's RBAC refused").noneMatch(r -> r.startsWith("403 "));
  }

  private static List<String> ports(List<NetworkPolicyPort> ports) {
    return ports.stream().map(p -> p.getProtocol() + "/" + p.getPort().getIntVal()).toList();
  }

  private static ConditionFactory await() {
    return Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200));
  }
}
