package dev.sidekick.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.gladlysim.state.Webhook;
import dev.sidekick.contract.Channel;
import dev.sidekick.operator.api.CommerceSpec;
import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.IngressSpec;
import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.dependent.Names;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;

/**
 * The operator in-process against a real kube-apiserver 1.20.2, as it runs in production: it acts as its service
 * account with only the RBAC its build generates, writes through server-side apply (the path that the fabric8
 * mock of the fast tier answers with 415, so the fast tier runs with enable-ssa=false and this test is what covers
 * SSA), finds its CRD installed by someone else, and relies on Kubernetes' garbage collector for its objects.
 * The apiserver's audit log is the witness that it never met a 403.
 */
@QuarkusTest
@TestProfile(OperatorOnRealApiServerProfile.class)
class OperatorOnRealApiServerIT {

  private static final String NS = "support";

  /** The operator's own client: impersonates its service account. */
  @Inject KubernetesClient operatorClient;

  @Test
  void reconciles_to_ready_with_only_its_generated_rbac_through_server_side_apply_and_its_objects_are_collected() {
    KubeTestEnvironment env = OperatorOnRealApiServerResource.env;
    KubernetesClient admin = env.client();
    assertThat(operatorClient.getConfiguration().getImpersonateUsername())
        .isEqualTo(OperatorOnRealApiServerResource.serviceAccountUser);

    // a platform engineer (admin) sets up one integration
    ClusterIntegrations.prepareNamespace(admin, NS);
    SidekickIntegration sk = admin.resource(ClusterIntegrations.integration(
            OperatorOnRealApiServerResource.gladly, NS, "acme",
            new EndpointSpec("us-store", "Support", Channel.CHAT, Channel.MESSAGING)))
        .create();

    try (DeploymentAvailability runtimePods = new DeploymentAvailability(admin, NS)) {
      await().untilAsserted(() -> {
        SidekickIntegration current = admin.resource(sk).get();
        assertThat(ClusterIntegrations.isReady(current))
            .as("Ready=True; conditions now: %s; the operator's failed requests so far: %s",
                ClusterIntegrations.conditions(current),
                failedRequests(env))
            .isTrue();
      });

      SidekickIntegration ready = admin.resource(sk).get();
      assertThat(ready.getStatus().observedGeneration).isEqualTo(ready.getMetadata().getGeneration());
      assertThat(ClusterIntegrations.webhooksOf(OperatorOnRealApiServerResource.gladly, ready))
          .extracting(Webhook.View::url)
          .containsExactlyInAnyOrder(
              ready.getSpec().publicUrl + "/gladly/us-store/chat",
              ready.getSpec().publicUrl + "/gladly/us-store/messaging");

      // the status, the Deployment and the Service went through server-side apply (JOSDK writes ConfigMaps and
      // Secrets without it by default); all four objects are owned by the integration
      assertThat(appliers(ready)).as("managers that applied the SidekickIntegration (its status)").isNotEmpty();
      List<HasMetadata> owned = ownedObjects(admin, ready);
      assertThat(owned).extracting(HasMetadata::getKind)
          .containsExactlyInAnyOrder("Secret", "ConfigMap", "Deployment", "Service");
      assertThat(owned).allSatisfy(o -> assertThat(o.getMetadata().getOwnerReferences())
          .anySatisfy(ref -> assertThat(ref.getUid()).isEqualTo(ready.getMetadata().getUid())));
      assertThat(owned)
          .filteredOn(o -> o.getKind().equals("Deployment") || o.getKind().equals("Service"))
          .hasSize(2)
          .allSatisfy(o -> assertThat(appliers(o))
              .as("managers that applied %s %s", o.getKind(), o.getMetadata().getName())
              .isNotEmpty());

      // deleting the integration removes its webhooks from Gladly (finalizer) ...
      admin.resource(ready).delete();
      await().until(() -> admin.resource(sk).get() == null);
      assertThat(ClusterIntegrations.webhooksOf(OperatorOnRealApiServerResource.gladly, ready)).isEmpty();
      // ... and Kubernetes' garbage collector removes what the operator created; the user's objects stay
      await().until(() -> ownedObjects(admin, ready).isEmpty());
      assertThat(admin.secrets().inNamespace(NS).withName(ClusterIntegrations.CREDENTIALS).get()).isNotNull();
      assertThat(admin.configMaps().inNamespace(NS).withName(ClusterIntegrations.KNOWLEDGE_BASE).get()).isNotNull();
    }

    List<String> requests = env.requestsBy(OperatorOnRealApiServerResource.serviceAccountUser);
    assertThat(requests).as("the operator's requests, from the audit log").hasSizeGreaterThan(10);
    assertThat(requests).as("requests the operator's RBAC refused").noneMatch(r -> r.startsWith("403 "));
    assertThat(requests).as("the operator applies with PATCH").anyMatch(r -> r.startsWith("200 patch "));
  }

  @Test
  void an_object_the_api_server_refuses_is_named_in_ready_and_the_rest_is_still_done() {
    KubernetesClient admin = OperatorOnRealApiServerResource.env.client();
    ClusterIntegrations.prepareNamespace(admin, "sales");
    SidekickIntegration refused = ClusterIntegrations.integration(
        OperatorOnRealApiServerResource.gladly, "sales", "refused", new EndpointSpec("us-store", "Support", Channel.CHAT));
    // the schema takes any annotations; Kubernetes refuses an Ingress whose annotation key is not a qualified name
    refused.getSpec().ingress = new IngressSpec();
    refused.getSpec().ingress.annotations = Map.of("not a qualified name!", "x");
    SidekickIntegration sk = admin.resource(refused).create();

    try (DeploymentAvailability runtimePods = new DeploymentAvailability(admin, "sales")) {
      await().untilAsserted(() -> assertThat(ClusterIntegrations.conditions(admin.resource(sk).get()))
          .anyMatch(c -> c.startsWith("Ready=False (ResourcesFailed: could not write ingress:")));
      // the runtime and its webhooks do not wait for the Ingress
      await().until(() -> ClusterIntegrations.webhooksOf(OperatorOnRealApiServerResource.gladly, sk).size() == 1);

      // the platform engineer removes the annotation, as `kubectl patch --type merge` would
      admin.resources(SidekickIntegration.class).inNamespace("sales").withName("refused").patch(
          PatchContext.of(PatchType.JSON_MERGE),
          "{\"spec\":{\"ingress\":{\"annotations\":{\"not a qualified name!\":null}}}}");
      await().until(() -> ClusterIntegrations.isReadyForItsGeneration(admin.resource(sk).get()));
      assertThat(admin.network().v1().ingresses().inNamespace("sales").withName(Names.runtime(sk)).get()).isNotNull();
      admin.resource(sk).delete();
      await().until(() -> admin.resource(sk).get() == null);
    }
  }

  @Test
  void a_wrong_shop_token_is_named_in_commerce_backends_valid_and_the_runtime_gets_its_shop_once_it_is_fixed() {
    KubernetesClient admin = OperatorOnRealApiServerResource.env.client();
    ClusterIntegrations.prepareNamespace(admin, "shops");
    shopToken(admin, "shpat_not_the_token");
    EndpointSpec us = new EndpointSpec("us-store", "Support", Channel.CHAT);
    us.commerce = new CommerceSpec();
    us.commerce.shopify = new CommerceSpec.Shopify();
    java.net.URI shopUrl = java.net.URI.create(OperatorOnRealApiServerResource.shop.baseUrl());
    us.commerce.shopify.shopDomain = shopUrl.getHost() + ":" + shopUrl.getPort();
    us.commerce.shopify.credentialsSecretRef = new CommerceSpec.TokenSecretRef();
    us.commerce.shopify.credentialsSecretRef.name = "acme-shopify";
    SidekickIntegration sk = admin.resource(
        ClusterIntegrations.integration(OperatorOnRealApiServerResource.gladly, "shops", "shop", us)).create();
    // the apiserver applied the schema's default
    assertThat(admin.resource(sk).get().getSpec().endpoints.get(0).commerce.returnWindowDays).isEqualTo(30);

    try (DeploymentAvailability runtimePods = new DeploymentAvailability(admin, "shops")) {
      await().untilAsserted(() -> assertThat(ClusterIntegrations.conditions(admin.resource(sk).get()))
          .anyMatch(c -> c.startsWith("CommerceBackendsValid=False (ShopifyUnauthorized:")));
      assertThat(admin.v1().events().inNamespace("shops").list().getItems())
          .anyMatch(e -> "CommerceBackendInvalid".equals(e.getReason()) && "Warning".equals(e.getType()));

      shopToken(admin, "shpat_acme_sidekick");

      await().until(() -> ClusterIntegrations.isReadyForItsGeneration(admin.resource(sk).get()));
      var pod = admin.apps().deployments().inNamespace("shops").withName(Names.runtime(sk)).get()
          .getSpec().getTemplate().getSpec();
      assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals("commerce-tokens")).singleElement()
          .satisfies(v -> assertThat(v.getProjected().getSources().get(0).getSecret().getItems().get(0).getPath())
              .isEqualTo("us-store/token"));
      assertThat(admin.configMaps().inNamespace("shops").withName(Names.runtimeConfig(sk)).get().getData()
          .get("runtime.yaml")).contains("accessTokenFile: /etc/sidekick/commerce/us-store/token");
      admin.resource(sk).delete();
      await().until(() -> admin.resource(sk).get() == null);
    }
  }

  private static void shopToken(KubernetesClient admin, String token) {
    admin.resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
            .withNewMetadata().withName("acme-shopify").withNamespace("shops").endMetadata()
            .withStringData(Map.of("token", token)).build())
        .serverSideApply();
  }

  /** Distinct failed (4xx/5xx) requests of the operator, from the audit log. */
  private static List<String> failedRequests(KubeTestEnvironment env) {
    return env.requestsBy(OperatorOnRealApiServerResource.serviceAccountUser).stream()
        .filter(r -> r.startsWith("4") || r.startsWith("5"))
        .distinct()
        .limit(10)
        .toList();
  }

  private static List<String> appliers(HasMetadata o) {
    return o.getMetadata().getManagedFields().stream()
        .filter(f -> "Apply".equals(f.getOperation()))
        .map(ManagedFieldsEntry::getManager)
        .toList();
  }

  /** The keys Secret, the runtime ConfigMap, Deployment and Service, where they still exist. */
  private static List<HasMetadata> ownedObjects(KubernetesClient admin, SidekickIntegration sk) {
    List<Supplier<HasMetadata>> lookups = List.of(
        () -> admin.secrets().inNamespace(NS).withName(Names.keysSecret(sk)).get(),
        () -> admin.configMaps().inNamespace(NS).withName(Names.runtimeConfig(sk)).get(),
        () -> admin.apps().deployments().inNamespace(NS).withName(Names.runtime(sk)).get(),
        () -> admin.services().inNamespace(NS).withName(Names.runtime(sk)).get());
    List<HasMetadata> found = new ArrayList<>();
    lookups.forEach(l -> {
      HasMetadata o = l.get();
      if (o != null) {
        found.add(o);
      }
    });
    return found;
  }

  private static ConditionFactory await() {
    return Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200));
  }
}
