package dev.sidekick.operator.cluster;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * No pod can run on this control plane (no nodes, no images), so this stands in for the Deployment controller and
 * the kubelet: it reports every Deployment of one namespace as rolled out and available.
 */
final class DeploymentAvailability implements AutoCloseable {

  private final KubernetesClient admin;
  private final String namespace;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  DeploymentAvailability(KubernetesClient admin, String namespace) {
    this.admin = admin;
    this.namespace = namespace;
    timer.scheduleWithFixedDelay(this::tick, 100, 200, TimeUnit.MILLISECONDS);
  }

  private void tick() {
    try {
      for (Deployment d : admin.apps().deployments().inNamespace(namespace).list().getItems()) {
        long generation = d.getMetadata().getGeneration() == null ? 1 : d.getMetadata().getGeneration();
        int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        var s = d.getStatus();
        if (s != null && s.getObservedGeneration() != null && s.getObservedGeneration() >= generation
            && s.getAvailableReplicas() != null && s.getAvailableReplicas() == replicas) {
          continue;
        }
        d.setStatus(new DeploymentStatusBuilder()
            .withObservedGeneration(generation)
            .withReplicas(replicas)
            .withUpdatedReplicas(replicas)
            .withReadyReplicas(replicas)
            .withAvailableReplicas(replicas)
            .withConditions(new DeploymentConditionBuilder()
                .withType("Available").withStatus("True").withReason("MinimumReplicasAvailable").build())
            .build());
        admin.apps().deployments().inNamespace(namespace).resource(d).updateStatus();
      }
    } catch (KubernetesClientException e) {
      // a conflict with the operator's own write: the next tick tries again
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
