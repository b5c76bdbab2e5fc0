package dev.sidekick.operator.dependent;

import dev.sidekick.operator.api.SidekickIntegration;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.Objects;

/** The runtime's configuration (runtime.yaml) and the knowledge bases it reads, in one ConfigMap. */
// createResourceOnlyIfNotExistingWithSSA=false: that mode sends a resourceVersion with the creating apply,
// which Kubernetes 1.20 refuses with 500 "resourceVersion should not be set on objects to be created"
@KubernetesDependent(
    informer = @Informer(labelSelector = Names.MANAGED_SELECTOR),
    createResourceOnlyIfNotExistingWithSSA = false)
public class RuntimeConfigMapDependent
    extends CRUDKubernetesDependentResource<ConfigMap, SidekickIntegration> {
  public static final String NAME = "config";

  public RuntimeConfigMapDependent() {
    super(ConfigMap.class);
  }

  /** Knowledge bases of removed endpoints must go too: compare the data exactly. */
  @Override
  public Matcher.Result<ConfigMap> match(
      ConfigMap actual, ConfigMap desired, SidekickIntegration sk, Context<SidekickIntegration> context) {
    var result = super.match(actual, desired, sk, context);
    return result.matched() && Objects.equals(actual.getData(), desired.getData())
        ? result
        : Matcher.Result.computed(false, desired);
  }

  @Override
  protected ConfigMap desired(SidekickIntegration sk, Context<SidekickIntegration> context) {
    return new ConfigMapBuilder()
        .withMetadata(Names.meta(sk, Names.runtimeConfig(sk)).build())
        .withData(RuntimeConfig.data(sk, IntegrationFacts.from(context), RuntimeConfig.Mounts.POD))
        .build();
  }
}
