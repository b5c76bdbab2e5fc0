package dev.sidekick.operator.fast;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The mock API server has no controllers: this stands in for the Deployment controller and kubelet, marking
 * every Deployment rolled out and available shortly after its template changes. Pause it to see what the
 * operator does while the runtime is not available.
 */
final class FakeDeploymentController implements AutoCloseable {
  private final KubernetesClient client;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private volatile boolean paused;

  FakeDeploymentController(KubernetesClient client) {
    this.client = client;
    timer.scheduleWithFixedDelay(this::tick, 100, 100, TimeUnit.MILLISECONDS);
  }

  void pause() {
    paused = true;
  }

  void resume() {
    paused = false;
  }

  private void tick() {
    if (paused) return;
    try {
      for (Deployment d : client.apps().deployments().inAnyNamespace().list().getItems()) {
        long generation = d.getMetadata().getGeneration() == null ? 1 : d.getMetadata().getGeneration();
        int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        var s = d.getStatus();
        if (s != null
            && s.getObservedGeneration() != null
            && s.getObservedGeneration() >= generation
            && s.getAvailableReplicas() != null
            && s.getAvailableReplicas() == replicas) {
          continue;
        }
        d.setStatus(
            new DeploymentStatusBuilder()
                .withObservedGeneration(generation)
                .withReplicas(replicas)
                .withUpdatedReplicas(replicas)
                .withReadyReplicas(replicas)
                .withAvailableReplicas(replicas)
                .withConditions(
                    new DeploymentConditionBuilder()
                        .withType("Available")
                        .withStatus("True")
                        .withReason("MinimumReplicasAvailable")
                        .build())
                .build());
        client.apps().deployments().resource(d).updateStatus();
      }
    } catch (KubernetesClientException e) {
      // a conflict with the operator's own update: the next tick retries
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
