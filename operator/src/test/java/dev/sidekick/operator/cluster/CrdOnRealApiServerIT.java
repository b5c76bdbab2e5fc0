package dev.sidekick.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed CRD on a real kube-apiserver 1.20.2: what the fabric8 mock cannot tell (it neither validates
 * against the schema, nor sets Established, nor speaks server-side apply).
 */
@RealApiServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrdOnRealApiServerIT {

  private static final String NS = "crd-test";
  private static final String API_VERSION = "sidekick.dev/v1alpha1";
  private static final String KIND = "SidekickIntegration";

  private KubernetesClient client;

  @BeforeAll
  void installCrd(KubeTestEnvironment env) {
    this.client = env.client();
    env.installCrd();
    client.resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).serverSideApply();
  }

  static void awaitEstablished(KubernetesClient client, String crdName) {
    Awaitility.await("CRD " + crdName + " Established")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> isEstablished(client.apiextensions().v1().customResourceDefinitions().withName(crdName).get()));
  }

  static boolean isEstablished(CustomResourceDefinition crd) {
    // a CRD just created or updated may have a status without conditions for a moment
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  @Test
  void the_committed_crd_is_accepted_and_becomes_established_with_its_short_name_and_columns() {
    CustomResourceDefinition crd =
        client.apiextensions().v1().customResourceDefinitions().withName(ProjectFiles.CRD_NAME).get();
    assertThat(isEstablished(crd)).isTrue();
    assertThat(crd.getStatus().getConditions())
        .anySatisfy(c -> {
          assertThat(c.getType()).isEqualTo("NamesAccepted");
          assertThat(c.getStatus()).isEqualTo("True");
        });
    assertThat(crd.getStatus().getAcceptedNames().getShortNames()).contains("sk");
    assertThat(crd.getSpec().getVersions())
        .anySatisfy(v -> {
          assertThat(v.getName()).isEqualTo("v1alpha1");
          assertThat(v.getAdditionalPrinterColumns()).extracting(c -> c.getName()).contains("Ready", "Mode", "Age");
        });
  }

  @Test
  void a_valid_resource_is_accepted_and_defaults_are_filled_in() {
    GenericKubernetesResource created = resources().resource(resource("valid", spec -> {})).create();
    assertThat(created.getMetadata().getUid()).isNotBlank();
    Map<String, Object> credentials = path(created, "spec", "gladly", "credentialsSecretRef");
    assertThat(credentials).containsEntry("emailKey", "email").containsEntry("tokenKey", "token");
    Map<String, Object> knowledgeBase = path(created, "spec", "responder", "knowledgeBase", "configMapRef");
    assertThat(knowledgeBase).containsEntry("key", "answers.yaml");
    assertThat(firstEndpoint(created)).as("an endpoint is live unless it says shadow").containsEntry("mode", "live");
  }

  @Test
  void an_endpoint_in_shadow_is_accepted() {
    GenericKubernetesResource created =
        resources().resource(resource("shadow", spec -> endpoint(spec).put("mode", "shadow"))).create();
    assertThat(firstEndpoint(created)).containsEntry("mode", "shadow");
  }

  @Test
  void a_store_behind_sentinel_with_tls_is_accepted_and_its_defaults_are_filled_in() {
    GenericKubernetesResource created = resources().resource(resource("sentinel", spec -> spec.put("runtime",
        Serialization.unmarshal("""
            store:
              redis:
                sentinel:
                  masterName: mymaster
                  hosts: [sentinel-0.redis:26379, sentinel-1.redis:26379, sentinel-2.redis:26379]
                  tls: true
                  credentialsSecretRef: { name: redis-sentinel }
                  waitForReplicas: 1
                credentialsSecretRef: { name: redis-acl, usernameKey: username }
                caSecretRef: { name: redis-ca }
            """, Map.class)))).create();
    Map<String, Object> redis = path(created, "spec", "runtime", "store", "redis");
    assertThat(redis).doesNotContainKey("url");
    assertThat(map(redis, "caSecretRef")).containsEntry("key", "ca.crt");
    assertThat(map(map(redis, "sentinel"), "credentialsSecretRef")).containsEntry("passwordKey", "password");
  }

  @Test
  void the_example_in_examples_is_accepted() {
    List<HasMetadata> docs = ProjectFiles.loadAll(ProjectFiles.example());
    assertThat(docs).anySatisfy(d -> assertThat(d.getKind()).isEqualTo(KIND));
    for (HasMetadata doc : docs) {
      doc.getMetadata().setNamespace(NS);
      // a server-side dry run: the apiserver validates everything and stores nothing
      client.resource(doc).dryRun().create();
    }
  }

  static Stream<Arguments> invalidResources() {
    return Stream.of(
        Arguments.of("no gladly", (Consumer<Map<String, Object>>) s -> s.remove("gladly"), "spec.gladly"),
        Arguments.of(
            "no credentials Secret",
            (Consumer<Map<String, Object>>) s -> map(s, "gladly").remove("credentialsSecretRef"),
            "spec.gladly.credentialsSecretRef"),
        Arguments.of(
            "an http organization URL",
            (Consumer<Map<String, Object>>) s -> map(s, "gladly").put("organizationUrl", "http://acme.gladly.com"),
            "spec.gladly.organizationUrl"),
        Arguments.of(
            "an http public URL",
            (Consumer<Map<String, Object>>) s -> s.put("publicUrl", "http://hooks.acme.example.com"),
            "spec.publicUrl"),
        Arguments.of("no public URL", (Consumer<Map<String, Object>>) s -> s.remove("publicUrl"), "spec.publicUrl"),
        Arguments.of("no endpoints", (Consumer<Map<String, Object>>) s -> s.remove("endpoints"), "spec.endpoints"),
        Arguments.of("no responder", (Consumer<Map<String, Object>>) s -> s.remove("responder"), "spec.responder"),
        Arguments.of(
            "an empty endpoint list",
            (Consumer<Map<String, Object>>) s -> s.put("endpoints", List.of()),
            "spec.endpoints"),
        Arguments.of(
            "an endpoint name that is not a DNS label",
            (Consumer<Map<String, Object>>) s -> endpoint(s).put("name", "US_Store"),
            "spec.endpoints.name"),
        Arguments.of(
            "an unknown channel",
            (Consumer<Map<String, Object>>) s -> endpoint(s).put("channels", List.of("SMS")),
            "spec.endpoints.channels"),
        Arguments.of(
            "no channels",
            (Consumer<Map<String, Object>>) s -> endpoint(s).put("channels", List.of()),
            "spec.endpoints.channels"),
        Arguments.of(
            "an unknown endpoint mode",
            (Consumer<Map<String, Object>>) s -> endpoint(s).put("mode", "dark"),
            "spec.endpoints.mode"),
        Arguments.of(
            "zero runtime replicas",
            (Consumer<Map<String, Object>>) s -> s.put("runtime", new LinkedHashMap<>(Map.of("replicas", 0))),
            "spec.runtime.replicas"),
        Arguments.of(
            "too many runtime replicas",
            (Consumer<Map<String, Object>>) s -> s.put("runtime", new LinkedHashMap<>(Map.of("replicas", 1000))),
            "spec.runtime.replicas"),
        Arguments.of(
            "a shop domain with a scheme",
            (Consumer<Map<String, Object>>) s -> endpoint(s).put("commerce", shop("https://acme.myshopify.com", "2026-10")),
            "spec.endpoints.commerce.shopify.shopDomain"),
        Arguments.of(
            "a Shopify API version that was never released",
            (Consumer<Map<String, Object>>) s -> endpoint(s).put("commerce", shop("acme.myshopify.com", "2026-05")),
            "spec.endpoints.commerce.shopify.apiVersion"),
        Arguments.of(
            "a shop without its token Secret",
            (Consumer<Map<String, Object>>) s -> endpoint(s).put("commerce",
                new LinkedHashMap<>(Map.of("shopify", new LinkedHashMap<>(Map.of("shopDomain", "acme.myshopify.com"))))),
            "spec.endpoints.commerce.shopify.credentialsSecretRef"),
        Arguments.of(
            "a store without its Redis",
            (Consumer<Map<String, Object>>) s -> s.put("runtime", store("{}")),
            "spec.runtime.store.redis"),
        Arguments.of(
            "Sentinels without hosts",
            (Consumer<Map<String, Object>>) s -> s.put("runtime", store("{redis: {sentinel: {masterName: m, hosts: []}}}")),
            "spec.runtime.store.redis.sentinel.hosts"),
        Arguments.of(
            "a Sentinel master name with a space",
            (Consumer<Map<String, Object>>)
                s -> s.put("runtime", store("{redis: {sentinel: {masterName: my master, hosts: [\"s:26379\"]}}}")),
            "spec.runtime.store.redis.sentinel.masterName"),
        Arguments.of(
            "a negative waitForReplicas",
            (Consumer<Map<String, Object>>) s -> s.put("runtime",
                store("{redis: {sentinel: {masterName: m, hosts: [\"s:26379\"], waitForReplicas: -1}}}")),
            "spec.runtime.store.redis.sentinel.waitForReplicas"),
        Arguments.of(
            "an unknown messaging event",
            (Consumer<Map<String, Object>>)
                s -> s.put("webhooks", new LinkedHashMap<>(Map.of("messagingEvent", "CONVERSATION/CLOSED"))),
            "spec.webhooks.messagingEvent"),
        Arguments.of(
            "a webhook to adopt whose id Gladly would never give",
            (Consumer<Map<String, Object>>) s -> s.put("webhooks", adopt(Map.of("id", "../webhooks"))),
            "spec.webhooks.adopt.id"),
        Arguments.of(
            "a webhook to adopt at an http URL",
            (Consumer<Map<String, Object>>) s -> s.put("webhooks", adopt(Map.of("url", "http://bot.acme.example/hook"))),
            "spec.webhooks.adopt.url"),
        Arguments.of(
            "a webhook to adopt for an endpoint name that is not a DNS label",
            (Consumer<Map<String, Object>>) s -> s.put("webhooks", adopt(Map.of("id", "abc", "endpoint", "US_Store"))),
            "spec.webhooks.adopt.endpoint"));
  }

  /** spec.webhooks with one entry to adopt, as YAML would give it. */
  private static Map<String, Object> adopt(Map<String, Object> entry) {
    return new LinkedHashMap<>(Map.of("adopt", List.of(new LinkedHashMap<>(entry))));
  }

  /** spec.runtime with this store (flow YAML), as YAML would give it. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> store(String yaml) {
    Map<String, Object> runtime = new LinkedHashMap<>();
    runtime.put("store", Serialization.unmarshal("store: " + yaml, Map.class).get("store"));
    return runtime;
  }

  /** An endpoint's {@code commerce} with a Shopify shop, as YAML would give it. */
  private static Map<String, Object> shop(String domain, String apiVersion) {
    Map<String, Object> shopify = new LinkedHashMap<>();
    shopify.put("shopDomain", domain);
    shopify.put("apiVersion", apiVersion);
    shopify.put("credentialsSecretRef", new LinkedHashMap<>(Map.of("name", "acme-shopify")));
    return new LinkedHashMap<>(Map.of("shopify", shopify));
  }

  @ParameterizedTest(name = "rejects {0}")
  @MethodSource("invalidResources")
  void the_apiserver_rejects_an_invalid_resource_naming_the_field(
      String what, Consumer<Map<String, Object>> breakIt, String field) {
    GenericKubernetesResource invalid = resource("invalid", breakIt);
    assertThatThrownBy(() -> resources().resource(invalid).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).as("HTTP status for %s", what).isEqualTo(422);
              assertThat(e.getMessage()).contains(field);
            });
    assertThat(resources().withName("invalid").get()).isNull();
  }

  /**
   * Server-side apply of the resource and of its status subresource: the path the operator uses in production
   * (enable-ssa=true) and the fabric8 mock answers with 415.
   */
  @Test
  void server_side_apply_creates_and_updates_the_resource_and_its_status() {
    GenericKubernetesResource desired = resource("ssa", spec -> {});
    GenericKubernetesResource applied =
        resources().resource(desired).fieldManager("sidekick-test").forceConflicts().serverSideApply();
    assertThat(applied.getMetadata().getGeneration()).isEqualTo(1L);

    // a second apply by the same manager changes the spec: generation bumps, no conflict
    map(spec(desired), "persona").put("name", "Melissa");
    GenericKubernetesResource reapplied =
        resources().resource(desired).fieldManager("sidekick-test").forceConflicts().serverSideApply();
    assertThat(reapplied.getMetadata().getGeneration()).isEqualTo(2L);
    Map<String, Object> persona = path(reapplied, "spec", "persona");
    assertThat(persona).containsEntry("name", "Melissa");

    // status through the status subresource, applied as the operator applies it
    GenericKubernetesResource status = new GenericKubernetesResource();
    status.setApiVersion(API_VERSION);
    status.setKind(KIND);
    status.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("ssa").withNamespace(NS).build());
    Map<String, Object> condition = new LinkedHashMap<>();
    condition.put("type", "Ready");
    condition.put("status", "False");
    condition.put("reason", "Reconciling");
    condition.put("message", "set by a server-side apply of the status subresource");
    condition.put("lastTransitionTime", "2026-01-01T00:00:00Z");
    condition.put("observedGeneration", 2);
    Map<String, Object> statusBody = new LinkedHashMap<>();
    statusBody.put("observedGeneration", 2);
    statusBody.put("conditions", List.of(condition));
    statusBody.put("endpointCount", 1);
    statusBody.put("mode", "shadow: us-store");
    status.setAdditionalProperty("status", statusBody);
    resources()
        .resource(status)
        .subresource("status")
        .patch(
            new PatchContext.Builder()
                .withPatchType(PatchType.SERVER_SIDE_APPLY)
                .withFieldManager("sidekick-operator-test")
                .withForce(true)
                .build());

    GenericKubernetesResource stored = resources().withName("ssa").get();
    Map<String, Object> storedStatus = path(stored, "status");
    assertThat(storedStatus)
        .containsEntry("observedGeneration", 2)
        .containsEntry("endpointCount", 1)
        .containsEntry("mode", "shadow: us-store");
    assertThat(stored.getMetadata().getGeneration()).as("a status write leaves the generation alone").isEqualTo(2L);
    assertThat(stored.getMetadata().getManagedFields())
        .extracting(ManagedFieldsEntry::getManager, ManagedFieldsEntry::getOperation)
        .contains(
            org.assertj.core.groups.Tuple.tuple("sidekick-test", "Apply"),
            org.assertj.core.groups.Tuple.tuple("sidekick-operator-test", "Apply"));
  }

  @Test
  void fields_outside_the_schema_are_pruned() {
    GenericKubernetesResource withExtra = resource("pruned", spec -> spec.put("notInTheSchema", "x"));
    GenericKubernetesResource created = resources().resource(withExtra).create();
    Map<String, Object> spec = path(created, "spec");
    assertThat(spec).doesNotContainKey("notInTheSchema");
  }

  private io.fabric8.kubernetes.client.dsl.MixedOperation<
          GenericKubernetesResource,
          io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
          io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>>
      resourcesAll() {
    return client.genericKubernetesResources(API_VERSION, KIND);
  }

  private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<
          GenericKubernetesResource,
          io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
          io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>>
      resources() {
    return resourcesAll().inNamespace(NS);
  }

  /** A valid SidekickIntegration as the DESIGN shows it, changed by {@code change} (which gets the spec). */
  static GenericKubernetesResource resource(String name, Consumer<Map<String, Object>> change) {
    String yaml =
        String.join(
            "\n",
            "apiVersion: " + API_VERSION,
            "kind: " + KIND,
            "metadata:",
            "  name: " + name,
            "  namespace: " + NS,
            "spec:",
            "  gladly:",
            "    organizationUrl: https://acme.gladly.com",
            "    credentialsSecretRef:",
            "      name: acme-gladly-api",
            "  inboxes: [Support, Returns]",
            "  persona: { name: Sidekick }",
            "  publicUrl: https://hooks.acme.example.com/acme",
            "  endpoints:",
            "    - name: us-store",
            "      channels: [CHAT, MESSAGING]",
            "      handoffInbox: Support",
            "  responder:",
            "    knowledgeBase: { configMapRef: { name: acme-answers } }",
            "  runtime: { replicas: 2 }",
            "");
    GenericKubernetesResource r = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    change.accept(spec(r));
    return r;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> spec(GenericKubernetesResource r) {
    return (Map<String, Object>) r.getAdditionalProperties().get("spec");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> parent, String key) {
    return (Map<String, Object>) parent.get(key);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> endpoint(Map<String, Object> spec) {
    List<Object> endpoints = new ArrayList<>((List<Object>) spec.get("endpoints"));
    Map<String, Object> first = new LinkedHashMap<>((Map<String, Object>) endpoints.get(0));
    endpoints.set(0, first);
    spec.put("endpoints", endpoints);
    return first;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> firstEndpoint(GenericKubernetesResource r) {
    return ((List<Map<String, Object>>) path(r, "spec").get("endpoints")).get(0);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> path(GenericKubernetesResource r, String... keys) {
    Object current = r.getAdditionalProperties();
    for (String key : keys) {
      current = ((Map<String, Object>) current).get(key);
    }
    return (Map<String, Object>) current;
  }
}
