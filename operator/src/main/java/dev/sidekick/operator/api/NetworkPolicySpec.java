package dev.sidekick.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;

/** A NetworkPolicy that locks the runtime's pods down to what they need (docs/network-policy.md). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NetworkPolicySpec {
  @Default("false")
  @JsonPropertyDescription("true: the operator creates and keeps a NetworkPolicy NAME-sidekick for the runtime's pods;"
      + " false or unset: it deletes it. Enforced only by a CNI that enforces NetworkPolicies (Calico, Cilium, ...).")
  public Boolean enabled;

  @JsonPropertyDescription("Who may call the webhooks (the runtime's port 8080): your ingress controller's pods, e.g."
      + " namespaceSelector {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}. Required when enabled.")
  public List<NetworkPolicyPeer> ingressFrom;

  @JsonPropertyDescription("Who may scrape /q/metrics, e.g. the monitoring namespace. The runtime serves metrics on the"
      + " same port as the webhooks (8080), so these peers reach that port too.")
  public List<NetworkPolicyPeer> metricsFrom;

  @JsonPropertyDescription("Where the cluster's DNS runs (port 53, UDP and TCP). Default: the namespace kube-system"
      + " (by its label kubernetes.io/metadata.name, set by Kubernetes 1.21 and later).")
  public List<NetworkPolicyPeer> dnsTo;

  @JsonPropertyDescription("Addresses (CIDRs) that Gladly, the shops, Redis and the model endpoints may be reached at."
      + " Default: any address, on their ports only (a NetworkPolicy cannot name hosts).")
  public List<String> egressCidrs;

  @JsonPropertyDescription("Extra egress rules, added as they are (to, ports), e.g. an in-cluster Redis by its pods.")
  public List<NetworkPolicyEgressRule> egressTo;

  public boolean enabled() {
    return Boolean.TRUE.equals(enabled);
  }
}
