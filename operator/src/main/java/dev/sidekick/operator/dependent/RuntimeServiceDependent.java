package dev.sidekick.operator.dependent;

import dev.sidekick.operator.api.SidekickIntegration;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The runtime's Service (port 80 → the container's http port). */
// createResourceOnlyIfNotExistingWithSSA=false: that mode sends a resourceVersion with the creating apply,
// which Kubernetes 1.20 refuses with 500 "resourceVersion should not be set on objects to be created"
@KubernetesDependent(
    informer = @Informer(labelSelector = Names.MANAGED_SELECTOR),
    createResourceOnlyIfNotExistingWithSSA = false)
public class RuntimeServiceDependent extends CRUDKubernetesDependentResource<Service, SidekickIntegration> {
  public static final String NAME = "service";
  public static final int PORT = 80;

  public RuntimeServiceDependent() {
    super(Service.class);
  }

  @Override
  protected Service desired(SidekickIntegration sk, Context<SidekickIntegration> context) {
    return new ServiceBuilder()
        .withMetadata(Names.meta(sk, Names.runtime(sk)).build())
        .withNewSpec()
        .withSelector(Names.selector(sk))
        .addNewPort()
        .withName("http")
        .withPort(PORT)
        .withTargetPort(new IntOrString("http"))
        .withProtocol("TCP")
        .endPort()
        .endSpec()
        .build();
  }
}
