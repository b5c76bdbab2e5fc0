package dev.sidekick.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidekick.contract.Channel;
import dev.sidekick.operator.SampleIntegration;
import dev.sidekick.operator.api.CommerceSpec;
import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.GladlySpec;
import dev.sidekick.operator.api.NetworkPolicySpec;
import dev.sidekick.operator.api.ResponderSpec;
import dev.sidekick.operator.api.RuntimeSpec;
import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.api.StoreSpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuntimeNetworkPolicyTest {

  @Test
  void acme_locks_its_runtime_down_to_its_ingress_controller_its_prometheus_dns_and_the_services_it_names()
      throws Exception {
    SidekickIntegration acme = acmeWithAShopAModelAndRedis();
    acme.getSpec().runtime.networkPolicy = policy("""
        enabled: true
        ingressFrom:
          - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: ingress-nginx } }
            podSelector: { matchLabels: { app.kubernetes.io/name: ingress-nginx } }
        metricsFrom:
          - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: monitoring } }
        """);

    NetworkPolicy desired = RuntimeNetworkPolicy.desired(acme, Optional.of("sidekick-system"));

    // as the API server receives it
    assertThat(json(Serialization.asJson(desired))).isEqualTo(yaml("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: acme-sidekick
          namespace: support
          labels:
            app.kubernetes.io/name: sidekick-runtime
            app.kubernetes.io/instance: acme
            app.kubernetes.io/part-of: sidekick
            app.kubernetes.io/managed-by: sidekick-operator
        spec:
          podSelector:
            matchLabels:
              app.kubernetes.io/name: sidekick-runtime
              app.kubernetes.io/instance: acme
          policyTypes: [Ingress, Egress]
          ingress:
            - from:
                - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: ingress-nginx } }
                  podSelector: { matchLabels: { app.kubernetes.io/name: ingress-nginx } }
              ports: [ { protocol: TCP, port: 8080 } ]
            - from:
                - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: monitoring } }
              ports: [ { protocol: TCP, port: 8080 } ]
            - from:
                - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: sidekick-system } }
                  podSelector: { matchLabels: { app.kubernetes.io/name: sidekick-operator } }
              ports: [ { protocol: TCP, port: 8080 } ]
          egress:
            - to:
                - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } }
              ports: [ { protocol: UDP, port: 53 }, { protocol: TCP, port: 53 } ]
            - ports:
                - { protocol: TCP, port: 443 }
                - { protocol: TCP, port: 6380 }
                - { protocol: TCP, port: 8000 }
                - { protocol: TCP, port: 8443 }
        """));
  }

  @Test
  void the_services_egress_can_be_narrowed_to_cidrs_dns_moved_and_rules_added() {
    SidekickIntegration acme = acmeWithAShopAModelAndRedis();
    acme.getSpec().runtime.networkPolicy = policy("""
        enabled: true
        ingressFrom: [ { namespaceSelector: { matchLabels: { team: edge } } } ]
        dnsTo: [ { ipBlock: { cidr: 169.254.20.10/32 } } ]
        egressCidrs: [ 203.0.113.0/24 ]
        egressTo:
          - to: [ { podSelector: { matchLabels: { app: redis } } } ]
            ports: [ { port: 6380 } ]
        """);

    List<NetworkPolicyEgressRule> egress = RuntimeNetworkPolicy.desired(acme, Optional.empty()).getSpec().getEgress();

    assertThat(egress).hasSize(3);
    assertThat(egress.get(0).getTo()).extracting(p -> p.getIpBlock().getCidr()).containsExactly("169.254.20.10/32");
    assertThat(egress.get(1).getTo()).extracting(p -> p.getIpBlock().getCidr()).containsExactly("203.0.113.0/24");
    assertThat(egress.get(2).getTo()).extracting(p -> p.getPodSelector().getMatchLabels())
        .containsExactly(Map.of("app", "redis"));
  }

  @Test
  void with_only_gladly_named_the_runtime_may_leave_on_its_port_and_outside_the_cluster_no_operator_rule_is_written() {
    SidekickIntegration acme = SampleIntegration.withEndpoints(new EndpointSpec("us-store", "Support", Channel.CHAT));
    acme.getSpec().gladly = new GladlySpec();
    acme.getSpec().gladly.organizationUrl = "https://gladly.internal.example:8443";
    acme.getSpec().runtime = new RuntimeSpec();
    acme.getSpec().runtime.networkPolicy = policy("""
        enabled: true
        ingressFrom: [ { namespaceSelector: { matchLabels: { team: edge } } } ]
        """);

    NetworkPolicy desired = RuntimeNetworkPolicy.desired(acme, Optional.empty());

    assertThat(desired.getSpec().getIngress()).singleElement()
        .satisfies(rule -> assertThat(rule.getFrom()).extracting(NetworkPolicyPeer::getNamespaceSelector)
            .extracting(s -> s.getMatchLabels()).containsExactly(Map.of("team", "edge")));
    assertThat(desired.getSpec().getEgress().get(1).getPorts())
        .extracting(p -> p.getPort().getIntVal()).containsExactly(8443);
  }

  /**
   * Behind Sentinel the runtime asks the Sentinels on their ports, then talks to the primary they name, at an address
   * the resource cannot know: Redis's own port is allowed for it (others: networkPolicy.egressTo).
   */
  @Test
  void behind_sentinel_the_runtime_may_reach_each_sentinels_port_and_the_data_nodes_redis_port() {
    SidekickIntegration acme = acmeWithAShopAModelAndRedis();
    acme.getSpec().runtime.store.redis = Serialization.unmarshal("""
        sentinel:
          masterName: mymaster
          hosts: [sentinel-0.redis:26379, sentinel-1.redis:26379, 10.0.0.7:26380]
        """, StoreSpec.Redis.class);
    acme.getSpec().runtime.networkPolicy = policy("""
        enabled: true
        ingressFrom: [ { namespaceSelector: { matchLabels: { team: edge } } } ]
        """);

    NetworkPolicy desired = RuntimeNetworkPolicy.desired(acme, Optional.empty());

    assertThat(desired.getSpec().getEgress().get(1).getPorts()).extracting(p -> p.getPort().getIntVal())
        .containsExactly(443, 6379, 8000, 8443, 26379, 26380);
  }

  @Test
  void a_network_policy_is_wanted_only_while_enabled_and_never_admits_anyone_for_want_of_peers() {
    SidekickIntegration acme = acmeWithAShopAModelAndRedis();
    RuntimeNetworkPolicy.Requested requested = new RuntimeNetworkPolicy.Requested();
    assertThat(requested.isMet(null, acme, null)).isFalse();
    acme.getSpec().runtime.networkPolicy = policy("enabled: true");
    assertThat(requested.isMet(null, acme, null)).isTrue();

    // an ingress rule without "from" would admit every source: no peers, no rule
    assertThat(RuntimeNetworkPolicy.desired(acme, Optional.empty()).getSpec().getIngress()).isEmpty();

    acme.getSpec().runtime = null;
    assertThat(requested.isMet(null, acme, null)).isFalse();
    // switched off, the NetworkPolicy JOSDK deletes is found by the same name
    assertThat(RuntimeNetworkPolicy.desired(acme, Optional.empty()).getMetadata().getName()).isEqualTo("acme-sidekick");
  }

  private static SidekickIntegration acmeWithAShopAModelAndRedis() {
    EndpointSpec store = new EndpointSpec("us-store", "Support", Channel.CHAT);
    store.commerce = new CommerceSpec();
    store.commerce.shopify = new CommerceSpec.Shopify();
    store.commerce.shopify.shopDomain = "acme-outfitters.myshopify.com";
    store.responder = new ResponderSpec();
    store.responder.chatCompletions = new ResponderSpec.ChatCompletionsSpec();
    store.responder.chatCompletions.url = "http://llm.ml.svc:8000/v1/chat/completions";
    SidekickIntegration sk = SampleIntegration.withEndpoints(store);
    sk.getSpec().gladly = new GladlySpec();
    sk.getSpec().gladly.organizationUrl = "https://acme.gladly.com";
    sk.getSpec().responder = new ResponderSpec();
    sk.getSpec().responder.knowledgeBase = new ResponderSpec.KnowledgeBaseSpec();
    sk.getSpec().responder.knowledgeBase.embeddings = new ResponderSpec.EmbeddingsSpec();
    sk.getSpec().responder.knowledgeBase.embeddings.url = "https://embeddings.example.com:8443/v1/embeddings";
    sk.getSpec().runtime = new RuntimeSpec();
    sk.getSpec().runtime.replicas = 2;
    sk.getSpec().runtime.store = new StoreSpec();
    sk.getSpec().runtime.store.redis = new StoreSpec.Redis();
    sk.getSpec().runtime.store.redis.url = "redis://redis.support.svc:6380/0";
    return sk;
  }

  private static NetworkPolicySpec policy(String yaml) {
    return Serialization.unmarshal(yaml, NetworkPolicySpec.class);
  }

  private static JsonNode json(String json) throws Exception {
    return new ObjectMapper().readTree(json);
  }

  private static JsonNode yaml(String yaml) throws Exception {
    return json(Serialization.asJson(Serialization.unmarshal(yaml, Map.class)));
  }
}
