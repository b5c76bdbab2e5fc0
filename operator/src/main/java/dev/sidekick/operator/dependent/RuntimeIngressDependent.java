package dev.sidekick.operator.dependent;

import dev.sidekick.contract.WebhookRoute;
import dev.sidekick.operator.api.SidekickIntegration;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.net.URI;
import java.util.List;

/**
 * An Ingress for publicUrl's host, routing {publicUrl path}/gladly (the runtime's routes) to its Service; only when
 * spec.ingress is set (see {@link IngressRequested}); removed when it is unset.
 */
// createResourceOnlyIfNotExistingWithSSA=false: that mode sends a resourceVersion with the creating apply,
// which Kubernetes 1.20 refuses with 500 "resourceVersion should not be set on objects to be created"
@KubernetesDependent(
    informer = @Informer(labelSelector = Names.MANAGED_SELECTOR),
    createResourceOnlyIfNotExistingWithSSA = false)
public class RuntimeIngressDependent extends CRUDKubernetesDependentResource<Ingress, SidekickIntegration> {
  public static final String NAME = "ingress";

  public RuntimeIngressDependent() {
    super(Ingress.class);
  }

  @Override
  protected Ingress desired(SidekickIntegration sk, Context<SidekickIntegration> context) {
    var spec = sk.getSpec();
    // also asked for when spec.ingress was removed: JOSDK locates the Ingress to delete by its desired name
    var ingress = spec.ingress == null ? new dev.sidekick.operator.api.IngressSpec() : spec.ingress;
    URI url = URI.create(spec.publicUrl);
    String path = (url.getPath() == null ? "" : url.getPath().replaceAll("/+$", "")) + WebhookRoute.PREFIX;
    var builder =
        new IngressBuilder()
            .withMetadata(
                Names.meta(sk, Names.runtime(sk))
                    .withAnnotations(
                        ingress.annotations == null ? java.util.Map.of() : ingress.annotations)
                    .build())
            .withNewSpec()
            .withIngressClassName(ingress.className)
            .addNewRule()
            .withHost(url.getHost())
            .withNewHttp()
            .withPaths(
                new HTTPIngressPathBuilder()
                    .withPath(path)
                    .withPathType("Prefix")
                    .withNewBackend()
                    .withNewService()
                    .withName(Names.runtime(sk))
                    .withNewPort()
                    .withNumber(RuntimeServiceDependent.PORT)
                    .endPort()
                    .endService()
                    .endBackend()
                    .build())
            .endHttp()
            .endRule()
            .endSpec();
    if (ingress.tlsSecretName != null) {
      builder
          .editSpec()
          .withTls(
              new IngressTLSBuilder()
                  .withHosts(List.of(url.getHost()))
                  .withSecretName(ingress.tlsSecretName)
                  .build())
          .endSpec();
    }
    return builder.build();
  }
}
