package dev.sidekick.operator.config;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Gives the leader-election Lease an owner: the operator's own Deployment. Leader election creates the Lease and never
 * deletes it; owned by the Deployment, it goes with {@code helm uninstall} (through Kubernetes' garbage collector)
 * instead of staying behind. Runs once at start-up, only in a pod of a Deployment (HOSTNAME and KUBERNETES_NAMESPACE
 * name the pod, as the chart sets them); anything unexpected is logged and the operator starts anyway.
 */
@ApplicationScoped
@IfBuildProfile("prod")
public class LeaseOwnership {
  private static final Logger LOG = Logger.getLogger(LeaseOwnership.class);

  void onStart(@Observes StartupEvent started, KubernetesClient client) {
    String namespace = System.getenv("KUBERNETES_NAMESPACE");
    String pod = System.getenv("HOSTNAME");
    if (namespace == null || pod == null) return;
    try {
      Optional<OwnerReference> owner = deploymentOf(client, namespace, pod);
      if (owner.isEmpty()) {
        LOG.debugf("pod %s/%s belongs to no Deployment: the leader Lease keeps no owner", namespace, pod);
        return;
      }
      own(client, namespace, owner.get());
    } catch (KubernetesClientException e) {
      LOG.warnf("the leader Lease %s/%s could not be given an owner (it stays after helm uninstall): %s", namespace,
          LeaderElection.LEASE_NAME, e.getMessage());
    }
  }

  private static Optional<OwnerReference> deploymentOf(KubernetesClient client, String namespace, String podName) {
    Pod pod = client.pods().inNamespace(namespace).withName(podName).get();
    Optional<OwnerReference> rs = controller(pod, "ReplicaSet");
    if (rs.isEmpty()) return Optional.empty();
    ReplicaSet replicaSet = client.apps().replicaSets().inNamespace(namespace).withName(rs.get().getName()).get();
    return controller(replicaSet, "Deployment").map(d -> new OwnerReferenceBuilder().withApiVersion(d.getApiVersion())
        .withKind(d.getKind()).withName(d.getName()).withUid(d.getUid()).build());
  }

  private static Optional<OwnerReference> controller(HasMetadata object, String kind) {
    if (object == null || object.getMetadata().getOwnerReferences() == null) return Optional.empty();
    return object.getMetadata().getOwnerReferences().stream()
        .filter(o -> kind.equals(o.getKind()) && Boolean.TRUE.equals(o.getController()))
        .findFirst();
  }

  private static void own(KubernetesClient client, String namespace, OwnerReference owner) {
    var leases = client.leases().inNamespace(namespace);
    Lease lease = leases.withName(LeaderElection.LEASE_NAME).get();
    if (lease == null) {
      try {
        // free (no holder) and in the shape leader election reads; the first replica to get here creates it
        ZonedDateTime longAgo = ZonedDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        leases.resource(new LeaseBuilder().withNewMetadata().withName(LeaderElection.LEASE_NAME)
            .withOwnerReferences(owner).endMetadata()
            .withNewSpec().withHolderIdentity("").withLeaseDurationSeconds(15).withAcquireTime(longAgo)
            .withRenewTime(longAgo).withLeaseTransitions(0).endSpec().build()).create();
        LOG.infof("leader Lease %s/%s created, owned by Deployment %s", namespace, LeaderElection.LEASE_NAME, owner.getName());
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) throw e;
        lease = leases.withName(LeaderElection.LEASE_NAME).get();
      }
    }
    boolean owned = lease.getMetadata().getOwnerReferences() != null
        && lease.getMetadata().getOwnerReferences().stream().anyMatch(o -> owner.getUid().equals(o.getUid()));
    if (owned) return;
    String patch = "{\"metadata\":{\"ownerReferences\":[{\"apiVersion\":\"" + owner.getApiVersion() + "\",\"kind\":\""
        + owner.getKind() + "\",\"name\":\"" + owner.getName() + "\",\"uid\":\"" + owner.getUid() + "\"}]}}";
    leases.withName(LeaderElection.LEASE_NAME).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    LOG.infof("leader Lease %s/%s now owned by Deployment %s", namespace, LeaderElection.LEASE_NAME, owner.getName());
  }
}
