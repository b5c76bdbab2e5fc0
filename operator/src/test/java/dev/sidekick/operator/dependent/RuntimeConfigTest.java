package dev.sidekick.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.contract.Channel;
import dev.sidekick.operator.SampleIntegration;
import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.GladlySpec;
import dev.sidekick.operator.api.ResponderSpec;
import dev.sidekick.operator.api.SidekickIntegration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeConfigTest {

  /**
   * The exact text: it is hashed into the runtime's pod template, so any order that differs between operator
   * processes (a restart, a new leader) would roll every runtime for nothing.
   */
  @Test
  void renders_the_runtime_configuration_in_a_fixed_order() {
    SidekickIntegration sk = SampleIntegration.withEndpoints(
        new EndpointSpec("us-store", "Support", Channel.MESSAGING, Channel.CHAT),
        new EndpointSpec("emea-brand", "Returns", Channel.MESSAGING));
    sk.getSpec().endpoints.get(0).chatEntryPoints = List.of("chat-us-store", " chat-us-mobile ");
    sk.getSpec().gladly = new GladlySpec();
    sk.getSpec().gladly.organizationUrl = "https://acme.gladly.com";
    IntegrationFacts facts = new IntegrationFacts(null, "agent-1",
        Map.of("Support", "inbox-s", "Returns", "inbox-r"), List.of(), "c0ffee",
        Map.of(KnowledgeBases.DEFAULT_FILE, "entries: []\n"), null);

    assertThat(RuntimeConfig.render(sk, facts, RuntimeConfig.Mounts.POD)).isEqualTo("""
        version: 1
        gladly:
          baseUrl: https://acme.gladly.com
          credentials:
            emailFile: /etc/sidekick/gladly/email
            tokenFile: /etc/sidekick/gladly/token
          agentId: agent-1
        keysDir: /etc/sidekick/keys
        replicas: 1
        responder:
          knowledgeBase:
            file: /etc/sidekick/config/kb-default.yaml
        endpoints:
        - name: us-store
          channels:
          - CHAT
          - MESSAGING
          chatEntryPoints:
          - chat-us-store
          - chat-us-mobile
          handoffInboxId: inbox-s
        - name: emea-brand
          channels:
          - MESSAGING
          handoffInboxId: inbox-r
        """);
  }

  /**
   * A brand in shadow: its endpoint says so to the runtime. A live endpoint says nothing (the runtime's default), so
   * the live endpoints of an operator upgraded to know about modes render, hash and run as before.
   */
  @Test
  void an_endpoint_in_shadow_is_rendered_with_its_mode_and_a_live_one_without() {
    EndpointSpec us = new EndpointSpec("us-store", "Support", Channel.CHAT);
    us.mode = EndpointSpec.Mode.LIVE;
    EndpointSpec emea = new EndpointSpec("emea-brand", "Returns", Channel.MESSAGING);
    emea.mode = EndpointSpec.Mode.SHADOW;
    SidekickIntegration sk = SampleIntegration.withEndpoints(us, emea);
    sk.getSpec().gladly = new GladlySpec();
    sk.getSpec().gladly.organizationUrl = "https://acme.gladly.com";
    IntegrationFacts facts = new IntegrationFacts(null, "agent-1",
        Map.of("Support", "inbox-s", "Returns", "inbox-r"), List.of(), "c0ffee",
        Map.of(KnowledgeBases.DEFAULT_FILE, "entries: []\n"), null);

    String rendered = RuntimeConfig.render(sk, facts, RuntimeConfig.Mounts.POD);

    assertThat(rendered).endsWith("""
        endpoints:
        - name: us-store
          channels:
          - CHAT
          handoffInboxId: inbox-s
        - name: emea-brand
          mode: shadow
          channels:
          - MESSAGING
          handoffInboxId: inbox-r
        """);
    us.mode = null;
    emea.mode = null;
    assertThat(RuntimeConfig.render(sk, facts, RuntimeConfig.Mounts.POD))
        .as("live, said or not, renders as before the field existed")
        .isEqualTo(rendered.replace("  mode: shadow\n", ""));
  }

  /** Runtimes call the same Gladly as the operator: a private CA the operator trusts goes into their ConfigMap. */
  @Test
  void the_operators_extra_ca_is_given_to_the_runtime() {
    SidekickIntegration sk = SampleIntegration.withEndpoints(new EndpointSpec("us-store", "Support", Channel.CHAT));
    sk.getSpec().gladly = new GladlySpec();
    sk.getSpec().gladly.organizationUrl = "https://gladly.gladly-sim.svc.cluster.local";
    String pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    IntegrationFacts facts = new IntegrationFacts(null, "agent-1", Map.of("Support", "inbox-s"), List.of(), "c0ffee",
        Map.of(KnowledgeBases.DEFAULT_FILE, "entries: []\n"), pem);

    assertThat(RuntimeConfig.render(sk, facts, RuntimeConfig.Mounts.POD)).contains("""
          agentId: agent-1
          trustedCaFile: /etc/sidekick/config/gladly-ca.pem
        """);
    assertThat(RuntimeConfig.data(sk, facts, RuntimeConfig.Mounts.POD)).containsEntry("gladly-ca.pem", pem);
  }

  /** An endpoint's shop: its address by the contract's rule, its token as the file the pod mounts. */
  @Test
  void an_endpoint_with_a_commerce_backend_gets_its_shop_and_the_file_of_its_token() {
    EndpointSpec us = new EndpointSpec("us-store", "Support", Channel.CHAT);
    us.commerce = shop("acme-outfitters.myshopify.com", "acme-shopify");
    us.commerce.returnsUrl = "https://acme.example/returns";
    EndpointSpec emea = new EndpointSpec("emea-brand", "Support", Channel.CHAT);
    emea.commerce = shop("acme-emea.myshopify.com", "missing-secret");
    SidekickIntegration sk = SampleIntegration.withEndpoints(us, emea);
    sk.getSpec().gladly = new GladlySpec();
    sk.getSpec().gladly.organizationUrl = "https://acme.gladly.com";
    IntegrationFacts facts = new IntegrationFacts(null, "agent-1", Map.of("Support", "inbox-s"), List.of(), "c0ffee",
        Map.of(KnowledgeBases.DEFAULT_FILE, "entries: []\n"), null).withCommerce(java.util.Set.of("us-store"));

    String rendered = RuntimeConfig.render(sk, facts, RuntimeConfig.Mounts.POD);

    assertThat(rendered).contains("""
        - name: us-store
          channels:
          - CHAT
          handoffInboxId: inbox-s
          commerce:
            shopify:
              shopUrl: https://acme-outfitters.myshopify.com
              apiVersion: 2026-10
              accessTokenFile: /etc/sidekick/commerce/us-store/token
            returnWindowDays: 30
            returnsUrl: https://acme.example/returns
        - name: emea-brand
        """);
    assertThat(rendered).as("the endpoint whose token Secret is missing goes without its shop")
        .doesNotContain("acme-emea");
  }

  static dev.sidekick.operator.api.CommerceSpec shop(String domain, String secret) {
    var commerce = new dev.sidekick.operator.api.CommerceSpec();
    commerce.shopify = new dev.sidekick.operator.api.CommerceSpec.Shopify();
    commerce.shopify.shopDomain = domain;
    commerce.shopify.credentialsSecretRef = new dev.sidekick.operator.api.CommerceSpec.TokenSecretRef();
    commerce.shopify.credentialsSecretRef.name = secret;
    return commerce;
  }

  /** Several replicas share their exactly-once state in the store the resource names; its password stays a file. */
  @Test
  void several_replicas_get_the_shared_store_with_its_credentials_as_files() {
    SidekickIntegration sk = withStore(3, """
        url: redis://redis.support.svc:6379/0
        credentialsSecretRef: { name: sidekick-redis }
        """);

    assertThat(render(sk)).contains("""
        replicas: 3
        store:
          redis:
            url: redis://redis.support.svc:6379/0
            passwordFile: /etc/sidekick/store/password
        """);
  }

  /**
   * Redis behind Sentinel with TLS and ACL users, as the runtime's store.redis.sentinel takes it: the data nodes' and
   * the Sentinels' credentials and the CAs are files, each from its Secret; what the spec leaves out is left out.
   */
  @Test
  void a_store_behind_sentinel_with_tls_renders_its_credentials_and_cas_as_files() {
    SidekickIntegration sk = withStore(2, """
        sentinel:
          masterName: mymaster
          hosts: [sentinel-0.redis:26379, sentinel-1.redis:26379, sentinel-2.redis:26379]
          database: 2
          tls: true
          credentialsSecretRef: { name: redis-sentinel, usernameKey: user }
          waitForReplicas: 2
        credentialsSecretRef: { name: redis-acl, usernameKey: username, passwordKey: secret }
        caSecretRef: { name: redis-ca }
        """);

    assertThat(render(sk)).contains("""
        store:
          redis:
            sentinel:
              masterName: mymaster
              hosts:
              - sentinel-0.redis:26379
              - sentinel-1.redis:26379
              - sentinel-2.redis:26379
              database: 2
              tls: true
              usernameFile: /etc/sidekick/sentinel/username
              passwordFile: /etc/sidekick/sentinel/password
              waitForReplicas: 2
            usernameFile: /etc/sidekick/store/username
            passwordFile: /etc/sidekick/store/password
            caFile: /etc/sidekick/store-ca/ca.crt
        responder:
        """);

    assertThat(render(withStore(2, """
        sentinel: { masterName: mymaster, hosts: ["10.0.0.1:26379"] }
        """))).contains("""
        store:
          redis:
            sentinel:
              masterName: mymaster
              hosts:
              - 10.0.0.1:26379
        responder:
        """);
  }

  /** Acme with this many replicas sharing this store (spec.runtime.store.redis as YAML). */
  private static SidekickIntegration withStore(int replicas, String redis) {
    SidekickIntegration sk = SampleIntegration.withEndpoints(new EndpointSpec("us-store", "Support", Channel.CHAT));
    sk.getSpec().gladly = new GladlySpec();
    sk.getSpec().gladly.organizationUrl = "https://acme.gladly.com";
    sk.getSpec().runtime = new dev.sidekick.operator.api.RuntimeSpec();
    sk.getSpec().runtime.replicas = replicas;
    sk.getSpec().runtime.store = new dev.sidekick.operator.api.StoreSpec();
    sk.getSpec().runtime.store.redis =
        io.fabric8.kubernetes.client.utils.Serialization.unmarshal(redis, dev.sidekick.operator.api.StoreSpec.Redis.class);
    return sk;
  }

  private static String render(SidekickIntegration sk) {
    IntegrationFacts facts = new IntegrationFacts(null, "agent-1", Map.of("Support", "inbox-s"), List.of(), "c0ffee",
        Map.of(KnowledgeBases.DEFAULT_FILE, "entries: []\n"), null);
    return RuntimeConfig.render(sk, facts, RuntimeConfig.Mounts.POD);
  }

  /**
   * A default responder that asks a model, grounded in a knowledge base whose retrieval embeds through an endpoint,
   * and an endpoint that answers from its own knowledge base with the in-process model: every API key is a file.
   */
  @Test
  void a_chat_completions_responder_and_an_embeddings_endpoint_are_rendered_with_their_keys_as_files() {
    EndpointSpec emea = new EndpointSpec("emea-brand", "Returns", Channel.MESSAGING);
    emea.responder = new ResponderSpec();
    emea.responder.knowledgeBase = knowledgeBase("emea-answers");
    emea.responder.knowledgeBase.embeddings = new ResponderSpec.EmbeddingsSpec();
    emea.responder.knowledgeBase.embeddings.url = "http://embeddings.ml.svc:8000/v1/embeddings";
    emea.responder.knowledgeBase.embeddings.model = "all-minilm-l6-v2";
    emea.responder.knowledgeBase.embeddings.apiKeySecretRef = apiKey("ml-keys", "embeddings");
    SidekickIntegration sk = SampleIntegration.withEndpoints(new EndpointSpec("us-store", "Support", Channel.CHAT), emea);
    sk.getSpec().gladly = new GladlySpec();
    sk.getSpec().gladly.organizationUrl = "https://acme.gladly.com";
    sk.getSpec().responder = new ResponderSpec();
    var cc = sk.getSpec().responder.chatCompletions = new ResponderSpec.ChatCompletionsSpec();
    cc.url = "https://llm.example.com/v1/chat/completions";
    cc.model = "gpt-4o-mini";
    cc.apiKeySecretRef = apiKey("llm-key", null);
    cc.timeout = "4s";
    cc.maxAnswerLength = 400;
    cc.knowledgeBase = knowledgeBase("acme-answers");
    cc.knowledgeBase.embeddings = new ResponderSpec.EmbeddingsSpec();
    cc.knowledgeBase.embeddings.url = "http://embeddings.ml.svc:8000/v1/embeddings";
    cc.knowledgeBase.embeddings.model = "all-minilm-l6-v2";
    cc.knowledgeBase.embeddings.timeout = "1500ms";
    IntegrationFacts facts = new IntegrationFacts(null, "agent-1", Map.of("Support", "inbox-s", "Returns", "inbox-r"),
        List.of(), "c0ffee", Map.of(KnowledgeBases.DEFAULT_FILE, "entries: []\n", KnowledgeBases.file("emea-brand"),
        "entries: []\n"), null, "k3y5", java.util.Set.of());

    assertThat(RuntimeConfig.render(sk, facts, RuntimeConfig.Mounts.POD)).endsWith("""
        responder:
          chatCompletions:
            url: https://llm.example.com/v1/chat/completions
            model: gpt-4o-mini
            apiKeyFile: /etc/sidekick/api-keys/responder/chat-completions-api-key
            timeout: 4s
            maxAnswerLength: 400
            knowledgeBase:
              file: /etc/sidekick/config/kb-default.yaml
              embeddings:
                url: http://embeddings.ml.svc:8000/v1/embeddings
                model: all-minilm-l6-v2
                timeout: 1500ms
        endpoints:
        - name: us-store
          channels:
          - CHAT
          handoffInboxId: inbox-s
        - name: emea-brand
          channels:
          - MESSAGING
          handoffInboxId: inbox-r
          responder:
            knowledgeBase:
              file: /etc/sidekick/config/kb-emea-brand.yaml
              embeddings:
                url: http://embeddings.ml.svc:8000/v1/embeddings
                model: all-minilm-l6-v2
                apiKeyFile: /etc/sidekick/api-keys/endpoints/emea-brand/embeddings-api-key
        """);
    assertThat(new ApiKeys(sk).volume().orElseThrow().getProjected().getSources())
        .extracting(p -> p.getSecret().getName(), p -> p.getSecret().getItems().get(0).getKey(),
            p -> p.getSecret().getItems().get(0).getPath())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("llm-key", "api-key", "responder/chat-completions-api-key"),
            org.assertj.core.groups.Tuple.tuple("ml-keys", "embeddings", "endpoints/emea-brand/embeddings-api-key"));
  }

  private static ResponderSpec.KnowledgeBaseSpec knowledgeBase(String configMap) {
    ResponderSpec.KnowledgeBaseSpec kb = new ResponderSpec.KnowledgeBaseSpec();
    kb.configMapRef = new ResponderSpec.ConfigMapKeyRef();
    kb.configMapRef.name = configMap;
    return kb;
  }

  private static ResponderSpec.ApiKeySecretRef apiKey(String secret, String key) {
    ResponderSpec.ApiKeySecretRef ref = new ResponderSpec.ApiKeySecretRef();
    ref.name = secret;
    if (key != null) ref.key = key;
    return ref;
  }
}
