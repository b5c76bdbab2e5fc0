package dev.sidekick.operator.cluster;

import dev.sidekick.gladlysim.GladlySimulator;
import dev.sidekick.gladlysim.state.Webhook;
import dev.sidekick.operator.api.CredentialsSecretRef;
import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.GladlySpec;
import dev.sidekick.operator.api.ResponderSpec;
import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.api.SidekickIntegrationSpec;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a platform engineer creates for one integration on the real tier: a namespace, the Gladly credentials
 * Secret, a knowledge-base ConfigMap and the SidekickIntegration, against the in-process Gladly simulator
 * (its "acme" seed); and how the tests read the result back.
 */
final class ClusterIntegrations {

  static final String CREDENTIALS = "acme-gladly-api";
  static final String KNOWLEDGE_BASE = "acme-answers";

  private ClusterIntegrations() {}

  /** The namespace with the credentials Secret and the knowledge-base ConfigMap that integrations refer to. */
  static void prepareNamespace(KubernetesClient admin, String namespace) {
    admin.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
    admin.resource(new SecretBuilder()
            .withMetadata(new ObjectMetaBuilder().withName(CREDENTIALS).withNamespace(namespace).build())
            .withStringData(Map.of("email", "sidekick@acme.example", "token", "sidekick-token"))
            .build())
        .create();
    admin.resource(new ConfigMapBuilder()
            .withMetadata(new ObjectMetaBuilder().withName(KNOWLEDGE_BASE).withNamespace(namespace).build())
            .withData(Map.of("answers.yaml",
                "entries:\n  - id: shipping\n    phrases: [where is my order]\n    answer: \"See https://shop.example.com/orders\"\n"))
            .build())
        .create();
  }

  /** An integration of the simulator's organization whose webhooks point at the simulator's receiver. */
  static SidekickIntegration integration(
      GladlySimulator gladly, String namespace, String name, EndpointSpec... endpoints) {
    SidekickIntegration sk = new SidekickIntegration();
    sk.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    SidekickIntegrationSpec spec = new SidekickIntegrationSpec();
    spec.gladly = new GladlySpec();
    spec.gladly.organizationUrl = gladly.baseUrl();
    spec.gladly.credentialsSecretRef = new CredentialsSecretRef();
    spec.gladly.credentialsSecretRef.name = CREDENTIALS;
    spec.inboxes = new ArrayList<>(List.of("Support", "Returns"));
    spec.publicUrl = gladly.receiverUrl("/" + namespace + "-" + name);
    spec.endpoints = new ArrayList<>(List.of(endpoints));
    spec.responder = new ResponderSpec();
    spec.responder.knowledgeBase = new ResponderSpec.KnowledgeBaseSpec();
    spec.responder.knowledgeBase.configMapRef = new ResponderSpec.ConfigMapKeyRef();
    spec.responder.knowledgeBase.configMapRef.name = KNOWLEDGE_BASE;
    sk.setSpec(spec);
    return sk;
  }

  static boolean isReady(SidekickIntegration sk) {
    return sk != null
        && sk.getStatus() != null
        && sk.getStatus().condition("Ready").filter(c -> "True".equals(c.getStatus())).isPresent();
  }

  /** Ready for the generation the user last wrote. */
  static boolean isReadyForItsGeneration(SidekickIntegration sk) {
    return isReady(sk) && sk.getMetadata().getGeneration().equals(sk.getStatus().observedGeneration);
  }

  /** "type=status (reason: message)" of every condition, for assertion messages. */
  static List<String> conditions(SidekickIntegration sk) {
    if (sk == null || sk.getStatus() == null) {
      return List.of();
    }
    return sk.getStatus().conditions.stream()
        .map(c -> c.getType() + "=" + c.getStatus() + " (" + c.getReason() + ": " + c.getMessage() + ")")
        .toList();
  }

  /** The webhooks registered in Gladly for this integration (their URLs start with its public URL). */
  static List<Webhook.View> webhooksOf(GladlySimulator gladly, SidekickIntegration sk) {
    return gladly.state().webhooks().stream()
        .filter(w -> w.url().startsWith(sk.getSpec().publicUrl + "/"))
        .toList();
  }
}
