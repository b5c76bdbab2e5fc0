package dev.sidekick.operator.dependent;

import dev.sidekick.operator.api.SidekickIntegration;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The user's objects a SidekickIntegration refers to, watched so that a change reconciles every resource that
 * refers to them: the Secrets of credentials (Gladly's: new credentials are verified and roll the pods; each shop's
 * access token: verified again; the responders' API keys and the store's passwords and CA: a new value rolls the pods) and the knowledge-base ConfigMaps
 * (copied into the runtime's ConfigMap). One informer per kind: every Secret of the watched namespaces is cached once.
 */
public final class WatchedResources {
  public static final String CREDENTIALS = "credentials-secrets";
  public static final String KNOWLEDGE_BASES = "knowledge-base-configmaps";
  private static final String CREDENTIALS_INDEX = "credentials-secret";
  private static final String KNOWLEDGE_BASE_INDEX = "knowledge-base-configmap";

  private WatchedResources() {}

  public static List<EventSource<?, SidekickIntegration>> eventSources(
      EventSourceContext<SidekickIntegration> context) {
    var primaries = context.getPrimaryCache();
    primaries.addIndexer(CREDENTIALS_INDEX, sk -> secrets(sk).stream().map(name -> key(sk, name)).toList());
    primaries.addIndexer(
        KNOWLEDGE_BASE_INDEX,
        sk -> knowledgeBases(sk).stream().map(name -> key(sk, name)).toList());

    var credentials =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Secret.class, SidekickIntegration.class)
                .withName(CREDENTIALS)
                .withSecondaryToPrimaryMapper(
                    (Secret s) -> referring(primaries.byIndex(CREDENTIALS_INDEX, key(s))))
                .withPrimaryToSecondaryMapper(
                    (SidekickIntegration sk) ->
                        secrets(sk).stream()
                            .map(name -> new ResourceID(name, sk.getMetadata().getNamespace()))
                            .collect(Collectors.toSet()))
                .build(),
            context);
    var knowledgeBases =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(ConfigMap.class, SidekickIntegration.class)
                .withName(KNOWLEDGE_BASES)
                .withSecondaryToPrimaryMapper(
                    (ConfigMap c) -> referring(primaries.byIndex(KNOWLEDGE_BASE_INDEX, key(c))))
                .withPrimaryToSecondaryMapper(
                    (SidekickIntegration sk) ->
                        knowledgeBases(sk).stream()
                            .map(name -> new ResourceID(name, sk.getMetadata().getNamespace()))
                            .collect(Collectors.toSet()))
                .build(),
            context);
    return List.of(credentials, knowledgeBases);
  }

  /** A Secret of credentials the resource refers to, as the informer holds it. */
  public static Optional<Secret> secret(Context<SidekickIntegration> context, SidekickIntegration sk, String name) {
    var source = (InformerEventSource<Secret, SidekickIntegration>)
        context.eventSourceRetriever().getEventSourceFor(Secret.class, CREDENTIALS);
    return source.get(new ResourceID(name, sk.getMetadata().getNamespace()));
  }

  /** The Secrets of credentials: Gladly's, each endpoint's shop token, the responders' API keys, the store's. */
  private static Set<String> secrets(SidekickIntegration sk) {
    var spec = sk.getSpec();
    Set<String> names = new java.util.TreeSet<>();
    if (spec == null) return names;
    if (spec.gladly != null && spec.gladly.credentialsSecretRef != null && spec.gladly.credentialsSecretRef.name != null) {
      names.add(spec.gladly.credentialsSecretRef.name);
    }
    if (spec.endpoints != null) {
      for (var e : spec.endpoints) {
        if (e.commerce != null && e.commerce.shopify != null && e.commerce.shopify.credentialsSecretRef != null
            && e.commerce.shopify.credentialsSecretRef.name != null) {
          names.add(e.commerce.shopify.credentialsSecretRef.name);
        }
      }
    }
    names.addAll(new ApiKeys(sk).secretNames());
    names.addAll(new StoreSecrets(sk).secretNames());
    return names;
  }

  private static List<String> knowledgeBases(SidekickIntegration sk) {
    return sk.getSpec() == null || sk.getSpec().endpoints == null
        ? List.of()
        : new KnowledgeBases(sk).configMapNames();
  }

  private static String key(SidekickIntegration sk, String name) {
    return sk.getMetadata().getNamespace() + "/" + name;
  }

  private static String key(HasMetadata r) {
    return r.getMetadata().getNamespace() + "/" + r.getMetadata().getName();
  }

  private static Set<ResourceID> referring(List<SidekickIntegration> list) {
    return list.stream().map(ResourceID::fromResource).collect(Collectors.toSet());
  }
}
