package dev.sidekick.operator.fast;

import static org.awaitility.Awaitility.await;

import dev.sidekick.gladlysim.GladlySimulator;
import dev.sidekick.gladlysim.state.Webhook;
import dev.sidekick.contract.Channel;
import dev.sidekick.operator.api.CredentialsSecretRef;
import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.GladlySpec;
import dev.sidekick.operator.api.ResponderSpec;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.api.SidekickIntegrationSpec;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every fast test shares: the fabric8 mock API server in CRUD mode (server-side apply off, so these
 * tests cover the operator's JSON-patch path; the real-apiserver tier covers SSA), the Gladly simulator over
 * TLS, and a stand-in for the Deployment controller. Each test uses its own resource names; the simulator is
 * reset before each test once the previous test's resources are gone.
 */
abstract class OperatorTestBase {
  static final String NS = "test";
  static final String EMAIL = "sidekick@acme.example";
  static final String TOKEN = "sidekick-token";
  static final String KNOWLEDGE_BASE =
      "entries:\n  - id: shipping\n    phrases: [where is my order]\n    answer: \"See https://shop.example.com/orders\"\n";
  private static final AtomicInteger COUNTER = new AtomicInteger();

  @Inject KubernetesClient client;

  FakeDeploymentController deployments;
  String name;

  @BeforeEach
  void startFresh() {
    sim().reset();
    sim().options().acceptLegacyMessageReceived(true);
    deployments = new FakeDeploymentController(client);
    name = "acme" + COUNTER.incrementAndGet();
  }

  @AfterEach
  void deleteEverything() {
    sim().faults().clear();
    client.resources(SidekickIntegration.class).inNamespace(NS).delete();
    awaitLong()
        .until(() -> client.resources(SidekickIntegration.class).inNamespace(NS).list().getItems().isEmpty());
    deployments.close();
  }

  static GladlySimulator sim() {
    return GladlySimResource.sim;
  }

  static ConditionFactory awaitLong() {
    return await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(100));
  }

  // ---- building resources

  Secret credentials(String secretName, String email, String token) {
    Secret s =
        new SecretBuilder()
            .withMetadata(new ObjectMetaBuilder().withName(secretName).withNamespace(NS).build())
            .withData(Map.of("email", b64(email), "token", b64(token)))
            .build();
    return client.secrets().inNamespace(NS).resource(s).createOr(r -> r.update());
  }

  SidekickIntegration integration(EndpointSpec... endpoints) {
    SidekickIntegration sk = new SidekickIntegration();
    sk.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    SidekickIntegrationSpec spec = new SidekickIntegrationSpec();
    spec.gladly = new GladlySpec();
    spec.gladly.organizationUrl = sim().baseUrl();
    spec.gladly.credentialsSecretRef = new CredentialsSecretRef();
    spec.gladly.credentialsSecretRef.name = name + "-gladly-api";
    spec.inboxes = new ArrayList<>(List.of("Support", "Returns"));
    spec.publicUrl = publicUrl();
    spec.endpoints = new ArrayList<>(List.of(endpoints));
    spec.responder = new ResponderSpec();
    spec.responder.knowledgeBase = new ResponderSpec.KnowledgeBaseSpec();
    spec.responder.knowledgeBase.configMapRef = new ResponderSpec.ConfigMapKeyRef();
    spec.responder.knowledgeBase.configMapRef.name = name + "-answers";
    sk.setSpec(spec);
    return sk;
  }

  static EndpointSpec endpoint(String name, String handoffInbox, Channel... channels) {
    return new EndpointSpec(name, handoffInbox, channels);
  }

  String publicUrl() {
    return sim().receiverUrl("/" + name);
  }

  /** Creates the resource, and its knowledge-base ConfigMap when missing. */
  SidekickIntegration create(SidekickIntegration sk) {
    if (client.configMaps().inNamespace(NS).withName(name + "-answers").get() == null) {
      client.configMaps().inNamespace(NS).resource(
              new ConfigMapBuilder()
                  .withNewMetadata().withName(name + "-answers").withNamespace(NS).endMetadata()
                  .withData(Map.of("answers.yaml", KNOWLEDGE_BASE))
                  .build())
          .create();
    }
    return client.resources(SidekickIntegration.class).inNamespace(NS).resource(sk).create();
  }

  SidekickIntegration createWithCredentials(SidekickIntegration sk) {
    credentials(sk.getSpec().gladly.credentialsSecretRef.name, EMAIL, TOKEN);
    return create(sk);
  }

  void editSpec(Consumer<SidekickIntegrationSpec> change) {
    editIntegration(sk -> change.accept(sk.getSpec()));
  }

  /**
   * Edits the resource as {@code kubectl edit} would: read, change, write; and read again when the operator
   * wrote in between (409 Conflict), since it updates the same object (finalizer, status).
   */
  void editIntegration(Consumer<SidekickIntegration> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        client
            .resources(SidekickIntegration.class)
            .inNamespace(NS)
            .withName(name)
            .edit(
                sk -> {
                  change.accept(sk);
                  return sk;
                });
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 5) {
          throw e;
        }
      }
    }
  }

  // ---- reading what a user sees

  SidekickIntegration current() {
    return client.resources(SidekickIntegration.class).inNamespace(NS).withName(name).get();
  }

  Optional<Condition> condition(String type) {
    SidekickIntegration sk = current();
    return sk == null || sk.getStatus() == null ? Optional.empty() : sk.getStatus().condition(type);
  }

  Condition awaitCondition(String type, String status, String reason) {
    awaitLong()
        .until(
            () ->
                condition(type)
                    .filter(c -> status.equals(c.getStatus()) && (reason == null || reason.equals(c.getReason())))
                    .isPresent());
    return condition(type).orElseThrow();
  }

  void awaitReady() {
    awaitCondition("Ready", "True", null);
    awaitLong().until(() -> current().getStatus().observedGeneration.equals(current().getMetadata().getGeneration()));
  }

  /** Webhooks in Gladly that point at this test's public URL. */
  List<Webhook.View> webhooks() {
    return sim().state().webhooks().stream().filter(w -> w.url().startsWith(publicUrl() + "/")).toList();
  }

  List<Event> events() {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  List<Event> events(String reason) {
    return events().stream().filter(e -> reason.equals(e.getReason())).toList();
  }

  Secret secret(String secretName) {
    return client.secrets().inNamespace(NS).withName(secretName).get();
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static String decode(String s) {
    return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
  }

  String url(String endpoint, String channel) {
    return publicUrl() + "/gladly/" + endpoint + "/" + channel;
  }
}
