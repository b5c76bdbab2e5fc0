package dev.sidekick.operator.bench;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for the Deployment controller and the kubelet (no pod can run on this control plane): as soon as a
 * runtime Deployment's current generation is not reported available, it merge-patches the status subresource to
 * "rolled out, all replicas available". Event-driven (an informer, resynced every 5 s as a safety net), so the
 * runtime becomes "available" within milliseconds: the benchmark measures the operator and Gladly, not pod
 * start-up.
 */
final class RuntimeAvailabilityStandIn implements AutoCloseable {
  private final KubernetesClient admin;
  private final String namespace;
  private final ExecutorService writer = Executors.newFixedThreadPool(4);
  private final SharedIndexInformer<Deployment> informer;
  final AtomicInteger statusPatches = new AtomicInteger();

  RuntimeAvailabilityStandIn(KubernetesClient admin, String namespace) {
    this.admin = admin;
    this.namespace = namespace;
    this.informer =
        admin.apps().deployments().inNamespace(namespace).inform(
            new ResourceEventHandler<>() {
              @Override
              public void onAdd(Deployment d) {
                check(d);
              }

              @Override
              public void onUpdate(Deployment old, Deployment d) {
                check(d);
              }

              @Override
              public void onDelete(Deployment d, boolean unknown) {}
            },
            5_000);
  }

  private void check(Deployment d) {
    long generation = d.getMetadata().getGeneration() == null ? 1 : d.getMetadata().getGeneration();
    int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    var s = d.getStatus();
    if (s != null && s.getObservedGeneration() != null && s.getObservedGeneration() >= generation
        && s.getAvailableReplicas() != null && s.getAvailableReplicas() == replicas
        && s.getUpdatedReplicas() != null && s.getUpdatedReplicas() == replicas) {
      return;
    }
    String name = d.getMetadata().getName();
    writer.execute(() -> {
      String patch = String.format(
          "{\"status\":{\"observedGeneration\":%d,\"replicas\":%d,\"updatedReplicas\":%d,\"readyReplicas\":%d,"
              + "\"availableReplicas\":%d,\"conditions\":[{\"type\":\"Available\",\"status\":\"True\","
              + "\"reason\":\"MinimumReplicasAvailable\"},{\"type\":\"Progressing\",\"status\":\"True\","
              + "\"reason\":\"NewReplicaSetAvailable\"}]}}",
          generation, replicas, replicas, replicas, replicas);
      try {
        admin.apps().deployments().inNamespace(namespace).withName(name).subresource("status")
            .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
        statusPatches.incrementAndGet();
      } catch (KubernetesClientException e) {
        // gone, or a transient error: the next event or the informer's resync tries again
      }
    });
  }

  @Override
  public void close() {
    informer.close();
    writer.shutdownNow();
    try {
      writer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
