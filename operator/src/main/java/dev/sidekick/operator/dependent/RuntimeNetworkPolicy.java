package dev.sidekick.operator.dependent;

import dev.sidekick.operator.api.NetworkPolicySpec;
import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.config.OperatorConfig;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A NetworkPolicy for this integration's runtime pods when spec.runtime.networkPolicy.enabled (docs/network-policy.md):
 * in, only the named peers on the runtime's one port (webhooks, metrics and health share 8080) and the operator
 * reading its readiness; out, only DNS, the ports of the services the resource names, and the user's extra rules.
 */
public final class RuntimeNetworkPolicy {
  public static final String NAME = "network-policy";
  /** Set by Kubernetes 1.21 and later on every namespace: a namespace selected by its name. */
  static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
  /** The operator's pods, as the chart labels them (its selectorLabels: the chart's name). */
  static final Map<String, String> OPERATOR_POD_LABELS = Map.of("app.kubernetes.io/name", "sidekick-operator");

  private RuntimeNetworkPolicy() {}

  // createResourceOnlyIfNotExistingWithSSA=false: see RuntimeServiceDependent
  @KubernetesDependent(
      informer = @Informer(labelSelector = Names.MANAGED_SELECTOR),
      createResourceOnlyIfNotExistingWithSSA = false)
  public static class Dependent extends CRUDKubernetesDependentResource<NetworkPolicy, SidekickIntegration> {
    @Inject OperatorConfig operatorConfig;

    public Dependent() {
      super(NetworkPolicy.class);
    }

    @Override
    protected NetworkPolicy desired(SidekickIntegration sk, Context<SidekickIntegration> context) {
      return RuntimeNetworkPolicy.desired(sk, operatorConfig.networkPolicy().operatorNamespace());
    }
  }

  public static NetworkPolicy desired(SidekickIntegration sk, Optional<String> operatorNamespace) {
    var asked = sk.getSpec().runtimeOrDefault().networkPolicy;
    // also asked for once switched off: JOSDK locates the NetworkPolicy to delete by its desired name
    NetworkPolicySpec spec = asked == null ? new NetworkPolicySpec() : asked;
    List<NetworkPolicyIngressRule> ingress = new ArrayList<>();
    allowIn(ingress, spec.ingressFrom);
    allowIn(ingress, spec.metricsFrom);
    operatorNamespace.ifPresent(ns -> allowIn(ingress, List.of(operatorPods(ns))));

    List<NetworkPolicyEgressRule> egress = new ArrayList<>();
    egress.add(new NetworkPolicyEgressRuleBuilder()
        .withTo(spec.dnsTo == null || spec.dnsTo.isEmpty() ? List.of(namespace("kube-system")) : spec.dnsTo)
        .withPorts(port("UDP", 53), port("TCP", 53))
        .build());
    // no "to": any address, on these ports only
    egress.add(new NetworkPolicyEgressRuleBuilder()
        .withTo(spec.egressCidrs == null ? List.of() : spec.egressCidrs.stream()
            .map(cidr -> new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr(cidr).endIpBlock().build())
            .toList())
        .withPorts(EgressPorts.of(sk.getSpec()).stream().map(p -> port("TCP", p)).toList())
        .build());
    if (spec.egressTo != null) egress.addAll(spec.egressTo);

    return new NetworkPolicyBuilder()
        .withMetadata(Names.meta(sk, Names.runtime(sk)).build())
        .withNewSpec()
        .withPodSelector(new LabelSelectorBuilder().withMatchLabels(Names.selector(sk)).build())
        .withPolicyTypes("Ingress", "Egress")
        .withIngress(ingress)
        .withEgress(egress)
        .endSpec()
        .build();
  }

  /** A rule from these peers to the runtime's port; none for no peers (a rule without "from" would admit anyone). */
  private static void allowIn(List<NetworkPolicyIngressRule> rules, List<NetworkPolicyPeer> peers) {
    if (peers == null || peers.isEmpty()) return;
    rules.add(new NetworkPolicyIngressRuleBuilder()
        .withFrom(peers)
        .withPorts(port("TCP", RuntimeDeploymentDependent.HTTP_PORT))
        .build());
  }

  private static NetworkPolicyPeer operatorPods(String namespace) {
    return new NetworkPolicyPeerBuilder(namespace(namespace))
        .withNewPodSelector().withMatchLabels(OPERATOR_POD_LABELS).endPodSelector()
        .build();
  }

  private static NetworkPolicyPeer namespace(String name) {
    return new NetworkPolicyPeerBuilder()
        .withNewNamespaceSelector().addToMatchLabels(NAMESPACE_NAME_LABEL, name).endNamespaceSelector()
        .build();
  }

  private static NetworkPolicyPort port(String protocol, int number) {
    NetworkPolicyPort port = new NetworkPolicyPort();
    port.setProtocol(protocol);
    port.setPort(new IntOrString(number));
    return port;
  }

  /** Reconcile precondition: asked for in the spec (when it stops holding, JOSDK deletes the NetworkPolicy). */
  public static class Requested implements Condition<NetworkPolicy, SidekickIntegration> {
    @Override
    public boolean isMet(DependentResource<NetworkPolicy, SidekickIntegration> dependent, SidekickIntegration sk,
        Context<SidekickIntegration> context) {
      return sk.getSpec().runtimeOrDefault().networkPolicyEnabled();
    }
  }
}
