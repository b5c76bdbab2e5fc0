package dev.sidekick.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.contract.Channel;
import dev.sidekick.operator.SampleConfig;
import dev.sidekick.operator.SampleIntegration;
import dev.sidekick.operator.api.CredentialsSecretRef;
import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.GladlySpec;
import dev.sidekick.operator.api.SidekickIntegration;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.managed.ManagedWorkflowAndDependentResourceContext;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuntimeDeploymentDependentTest {

  /**
   * Compared as objects, not as text (the labels come from Map.of, whose order differs between JVMs): any
   * difference would roll every runtime's pods when the operator is upgraded.
   */
  @Test
  void the_runtime_deployment_is_the_one_the_operator_has_always_rendered() throws IOException {
    SidekickIntegration sk = SampleIntegration.withEndpoints(
        new EndpointSpec("us-store", "Support", Channel.MESSAGING, Channel.CHAT),
        new EndpointSpec("emea-brand", "Returns", Channel.MESSAGING));
    sk.getSpec().gladly = new GladlySpec();
    sk.getSpec().gladly.organizationUrl = "https://acme.gladly.com";
    sk.getSpec().gladly.credentialsSecretRef = new CredentialsSecretRef();
    sk.getSpec().gladly.credentialsSecretRef.name = "acme-gladly-api";
    IntegrationFacts facts = new IntegrationFacts(null, "agent-1",
        Map.of("Support", "inbox-s", "Returns", "inbox-r"), List.of(), "c0ffee",
        Map.of(KnowledgeBases.DEFAULT_FILE, "entries: []\n"), null);
    // what the workflow wrote before the Deployment: the runtime's ConfigMap and the keys Secret (mid-rotation)
    ConfigMap config = new ConfigMapBuilder().withNewMetadata().withName("acme-sidekick-config").endMetadata()
        .withData(RuntimeConfig.data(sk, facts, RuntimeConfig.Mounts.POD)).build();
    Secret keys = new SecretBuilder().withNewMetadata().withName("acme-sidekick-keys").endMetadata()
        .withData(Map.of("us-store", b64("key-us"), "emea-brand", b64("key-emea"), "emea-brand.previous", b64("key-old")))
        .build();

    RuntimeDeploymentDependent dependent = new RuntimeDeploymentDependent();
    dependent.operatorConfig = SampleConfig.operatorConfig(Map.of());
    Deployment desired = dependent.desired(sk, context(facts, config, keys));
    try (InputStream golden = getClass().getResourceAsStream("/dependent/runtime-deployment.yaml")) {
      // as the API server receives it (an empty list and no list are the same JSON)
      Deployment sent = Serialization.unmarshal(Serialization.asJson(desired), Deployment.class);
      assertThat(sent).isEqualTo(Serialization.unmarshal(golden, Deployment.class));
    }
  }

  /** Each shop token is mounted where runtime.yaml says, from the user's Secret; a missing Secret is not mounted. */
  @Test
  void the_shop_tokens_are_mounted_read_only_at_the_endpoints_token_files() {
    EndpointSpec us = new EndpointSpec("us-store", "Support", Channel.CHAT);
    us.commerce = RuntimeConfigTest.shop("acme-outfitters.myshopify.com", "acme-shopify");
    us.commerce.shopify.credentialsSecretRef.tokenKey = "admin-token";
    EndpointSpec emea = new EndpointSpec("emea-brand", "Support", Channel.CHAT);
    emea.commerce = RuntimeConfigTest.shop("acme-emea.myshopify.com", "missing-secret");
    SidekickIntegration sk = SampleIntegration.withEndpoints(us, emea);
    sk.getSpec().gladly = new GladlySpec();
    sk.getSpec().gladly.organizationUrl = "https://acme.gladly.com";
    sk.getSpec().gladly.credentialsSecretRef = new CredentialsSecretRef();
    sk.getSpec().gladly.credentialsSecretRef.name = "acme-gladly-api";
    IntegrationFacts facts = new IntegrationFacts(null, "agent-1", Map.of("Support", "inbox-s"), List.of(), "c0ffee",
        Map.of(KnowledgeBases.DEFAULT_FILE, "entries: []\n"), null).withCommerce(java.util.Set.of("us-store"));
    ConfigMap config = new ConfigMapBuilder().withNewMetadata().withName("acme-sidekick-config").endMetadata()
        .withData(RuntimeConfig.data(sk, facts, RuntimeConfig.Mounts.POD)).build();
    Secret keys = new SecretBuilder().withNewMetadata().withName("acme-sidekick-keys").endMetadata()
        .withData(Map.of("us-store", b64("key-us"), "emea-brand", b64("key-emea"))).build();
    RuntimeDeploymentDependent dependent = new RuntimeDeploymentDependent();
    dependent.operatorConfig = SampleConfig.operatorConfig(Map.of());

    var pod = dependent.desired(sk, context(facts, config, keys)).getSpec().getTemplate().getSpec();

    var volume = pod.getVolumes().stream().filter(v -> v.getName().equals("commerce-tokens")).findFirst().orElseThrow();
    assertThat(volume.getProjected().getSources()).singleElement().satisfies(source -> {
      assertThat(source.getSecret().getName()).isEqualTo("acme-shopify");
      assertThat(source.getSecret().getItems()).singleElement().satisfies(item -> {
        assertThat(item.getKey()).isEqualTo("admin-token");
        assertThat(item.getPath()).isEqualTo("us-store/token");
      });
    });
    assertThat(pod.getContainers().get(0).getVolumeMounts())
        .filteredOn(m -> m.getName().equals("commerce-tokens"))
        .singleElement()
        .satisfies(m -> {
          assertThat(m.getMountPath()).isEqualTo("/etc/sidekick/commerce");
          assertThat(m.getReadOnly()).isTrue();
        });
  }

  /**
   * Behind Sentinel with TLS: the data nodes' and the Sentinels' credentials and the CAs are each a read-only volume
   * of their Secret's named keys, at the directories runtime.yaml names; nothing of them in the environment. A change
   * of the store's fields changes runtime.yaml, whose hash rolls the pods.
   */
  @Test
  void the_stores_credentials_and_cas_are_mounted_read_only_and_a_change_of_the_store_rolls_the_pods() {
    SidekickIntegration sk = SampleIntegration.withEndpoints(new EndpointSpec("us-store", "Support", Channel.CHAT));
    sk.getSpec().gladly = new GladlySpec();
    sk.getSpec().gladly.organizationUrl = "https://acme.gladly.com";
    sk.getSpec().gladly.credentialsSecretRef = new CredentialsSecretRef();
    sk.getSpec().gladly.credentialsSecretRef.name = "acme-gladly-api";
    sk.getSpec().runtime = new dev.sidekick.operator.api.RuntimeSpec();
    sk.getSpec().runtime.store = new dev.sidekick.operator.api.StoreSpec();
    sk.getSpec().runtime.store.redis = Serialization.unmarshal("""
        sentinel:
          masterName: mymaster
          hosts: [sentinel-0.redis:26379]
          tls: true
          credentialsSecretRef: { name: redis-sentinel }
        credentialsSecretRef: { name: redis-acl, usernameKey: user }
        caSecretRef: { name: redis-ca, key: ca.pem }
        """, dev.sidekick.operator.api.StoreSpec.Redis.class);

    var pod = desired(sk).getSpec().getTemplate().getSpec();

    assertThat(pod.getVolumes()).filteredOn(v -> v.getName().matches("store-.*|sentinel-.*"))
        .extracting(v -> v.getName() + " " + v.getSecret().getSecretName() + " " + v.getSecret().getItems().stream()
            .map(i -> i.getKey() + ">" + i.getPath()).toList())
        .containsExactly(
            "store-credentials redis-acl [password>password, user>username]",
            "sentinel-credentials redis-sentinel [password>password]",
            "store-ca redis-ca [ca.pem>ca.crt]");
    var container = pod.getContainers().get(0);
    assertThat(container.getVolumeMounts()).filteredOn(m -> m.getName().matches("store-.*|sentinel-.*"))
        .allSatisfy(m -> assertThat(m.getReadOnly()).isTrue())
        .extracting(m -> m.getName() + " " + m.getMountPath())
        .containsExactly("store-credentials /etc/sidekick/store", "sentinel-credentials /etc/sidekick/sentinel",
            "store-ca /etc/sidekick/store-ca");
    assertThat(container.getEnv()).extracting(e -> e.getName()).containsExactly("SIDEKICK_CONFIG");

    String hash = configHash(desired(sk));
    sk.getSpec().runtime.store.redis.sentinel.masterName = "othermaster";
    assertThat(configHash(desired(sk))).isNotEqualTo(hash);
    hash = configHash(desired(sk));
    sk.getSpec().runtime.store.redis.sentinel.waitForReplicas = 0;
    assertThat(configHash(desired(sk))).isNotEqualTo(hash);
  }

  private static Deployment desired(SidekickIntegration sk) {
    IntegrationFacts facts = new IntegrationFacts(null, "agent-1", Map.of("Support", "inbox-s"), List.of(), "c0ffee",
        Map.of(KnowledgeBases.DEFAULT_FILE, "entries: []\n"), null);
    ConfigMap config = new ConfigMapBuilder().withNewMetadata().withName("acme-sidekick-config").endMetadata()
        .withData(RuntimeConfig.data(sk, facts, RuntimeConfig.Mounts.POD)).build();
    Secret keys = new SecretBuilder().withNewMetadata().withName("acme-sidekick-keys").endMetadata()
        .withData(Map.of("us-store", b64("key-us"))).build();
    RuntimeDeploymentDependent dependent = new RuntimeDeploymentDependent();
    dependent.operatorConfig = SampleConfig.operatorConfig(Map.of());
    return dependent.desired(sk, context(facts, config, keys));
  }

  private static String configHash(Deployment d) {
    return d.getSpec().getTemplate().getMetadata().getAnnotations().get(Names.CONFIG_HASH_ANNOTATION);
  }

  /** The workflow's context as the Deployment's dependent sees it: the facts, and what was written before it. */
  @SuppressWarnings("unchecked")
  private static Context<SidekickIntegration> context(IntegrationFacts facts, ConfigMap config, Secret keys) {
    var managed = (ManagedWorkflowAndDependentResourceContext) Proxy.newProxyInstance(
        RuntimeDeploymentDependentTest.class.getClassLoader(),
        new Class<?>[] {ManagedWorkflowAndDependentResourceContext.class},
        (proxy, method, args) -> {
          if (method.getName().equals("getMandatory")) return facts;
          throw new UnsupportedOperationException(method.getName());
        });
    return (Context<SidekickIntegration>) Proxy.newProxyInstance(
        RuntimeDeploymentDependentTest.class.getClassLoader(),
        new Class<?>[] {Context.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "managedWorkflowAndDependentResourceContext" -> managed;
          case "getSecondaryResource" -> Optional.of(
              args[1].equals(RuntimeConfigMapDependent.NAME) ? config : keys);
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
