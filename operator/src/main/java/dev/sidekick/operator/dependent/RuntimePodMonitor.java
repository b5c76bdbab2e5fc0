package dev.sidekick.operator.dependent;

import dev.sidekick.operator.api.SidekickIntegration;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import java.util.List;

/**
 * A PodMonitor for this integration's runtime pods when spec.runtime.monitoring.podMonitor.enabled: the per-resource
 * form of the chart's PodMonitor (helm/sidekick-operator/templates/monitoring.yaml), with the same endpoint, so that
 * dashboards and alerts read the same series either way. Only on clusters that serve the PodMonitor CRD.
 */
public final class RuntimePodMonitor {
  public static final String NAME = "pod-monitor";
  /** The label the chart's PodMonitor gives each series: the SidekickIntegration's name. */
  static final String INTEGRATION_LABEL = "integration";
  private static volatile boolean servedOnce;

  private RuntimePodMonitor() {}

  // createResourceOnlyIfNotExistingWithSSA=false: see RuntimeServiceDependent
  @KubernetesDependent(
      informer = @Informer(labelSelector = Names.MANAGED_SELECTOR),
      createResourceOnlyIfNotExistingWithSSA = false)
  public static class Dependent extends CRUDKubernetesDependentResource<PodMonitor, SidekickIntegration> {
    public Dependent() {
      super(PodMonitor.class);
    }

    @Override
    protected PodMonitor desired(SidekickIntegration sk, Context<SidekickIntegration> context) {
      return desired(sk);
    }

    public static PodMonitor desired(SidekickIntegration sk) {
      var monitoring = sk.getSpec().runtimeOrDefault().monitoring;
      // also asked for once switched off: JOSDK locates the PodMonitor to delete by its desired name
      var asked = monitoring == null || monitoring.podMonitor == null
          ? new dev.sidekick.operator.api.MonitoringSpec.PodMonitor() : monitoring.podMonitor;
      PodMonitor monitor = new PodMonitor();
      monitor.setMetadata(Names.meta(sk, Names.runtime(sk))
          .withLabels(Names.merged(asked.labels, Names.labels(sk)))
          .build());
      // honorLabels keeps the runtime's own "endpoint" label (a Sidekick endpoint), as in the chart
      monitor.setSpec(new PodMonitor.Spec(
          new LabelSelectorBuilder().withMatchLabels(Names.selector(sk)).build(),
          List.of(new PodMonitor.Endpoint("http", "/q/metrics", asked.intervalOrDefault(), true, List.of(
              new PodMonitor.Relabeling(
                  List.of("__meta_kubernetes_pod_label_app_kubernetes_io_instance"), INTEGRATION_LABEL))))));
      return monitor;
    }
  }

  /** Reconcile precondition: asked for in the spec (when it stops holding, JOSDK deletes the PodMonitor). */
  public static class Requested implements Condition<PodMonitor, SidekickIntegration> {
    @Override
    public boolean isMet(DependentResource<PodMonitor, SidekickIntegration> dependent, SidekickIntegration sk,
        Context<SidekickIntegration> context) {
      return sk.getSpec().runtimeOrDefault().podMonitorEnabled();
    }
  }

  /** Activation condition: the cluster serves PodMonitors (no informer can watch a type it does not serve). */
  public static class Served implements Condition<HasMetadata, SidekickIntegration> {
    @Override
    public boolean isMet(DependentResource<HasMetadata, SidekickIntegration> dependent, SidekickIntegration sk,
        Context<SidekickIntegration> context) {
      return served(context.getClient());
    }
  }

  /**
   * Whether the cluster serves PodMonitors. A yes is kept; a no is asked again at the next reconcile, because the
   * Prometheus Operator's CRDs may be installed while the operator runs (one discovery read).
   */
  public static boolean served(KubernetesClient client) {
    if (!servedOnce) {
      servedOnce = client.supports(PodMonitor.class);
    }
    return servedOnce;
  }
}
