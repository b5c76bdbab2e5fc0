package dev.sidekick.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/** How the runtime's pods run: replicas, image, resources, JVM options and the usual scheduling fields of a pod. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RuntimeSpec {
  @Min(1)
  @Max(20)
  @Default("1")
  @JsonPropertyDescription("Runtime replicas. Default 1. More than one need a shared store (store), and get a"
      + " PodDisruptionBudget that keeps all but one available during voluntary disruptions.")
  public Integer replicas;

  @JsonPropertyDescription("The store the replicas share (required for more than one replica): Redis.")
  public StoreSpec store;

  @JsonPropertyDescription("CPU and memory of the runtime container. Default: requests cpu 100m and memory 256Mi, limit"
      + " memory 512Mi. The JVM's heap is a share of the memory limit (50% by default, see jvmOptions).")
  public ResourceRequirements resources;

  @JsonPropertyDescription("Overrides the operator's configured runtime image (sidekick.runtime.image).")
  public String image;

  @JsonPropertyDescription("Extra JVM options of the runtime (the image's JAVA_OPTS_APPEND), added after the image's own,"
      + " e.g. \"-XX:MaxRAMPercentage=60\".")
  public String jvmOptions;

  @JsonPropertyDescription("Secrets for pulling the runtime image from a private registry.")
  public List<LocalObjectReference> imagePullSecrets;

  @JsonPropertyDescription("Node labels the runtime pods must run on.")
  public Map<String, String> nodeSelector;

  @JsonPropertyDescription("Tolerations of the runtime pods.")
  public List<Toleration> tolerations;

  @JsonPropertyDescription("Affinity of the runtime pods.")
  public Affinity affinity;

  @JsonPropertyDescription("Extra annotations of the runtime pods, e.g. prometheus.io/scrape: \"true\","
      + " prometheus.io/path: /q/metrics, prometheus.io/port: \"8080\".")
  public Map<String, String> podAnnotations;

  @JsonPropertyDescription("Extra labels of the runtime pods (the operator's own labels take precedence).")
  public Map<String, String> podLabels;

  @JsonPropertyDescription("How Prometheus finds the runtime: podMonitor.")
  public MonitoringSpec monitoring;

  @JsonPropertyDescription("A NetworkPolicy for the runtime's pods: ingress only from the peers named, egress only to"
      + " DNS and the services this resource names (docs/network-policy.md). Off by default.")
  public NetworkPolicySpec networkPolicy;

  public boolean networkPolicyEnabled() {
    return networkPolicy != null && networkPolicy.enabled();
  }

  public boolean podMonitorEnabled() {
    return monitoring != null && monitoring.podMonitorEnabled();
  }

  public int replicasOrDefault() {
    return replicas == null ? 1 : replicas;
  }

  /** The resources asked for, or the defaults when none are: a memory limit is what sizes the JVM's heap. */
  public ResourceRequirements resourcesOrDefault() {
    if (resources != null
        && (resources.getRequests() != null && !resources.getRequests().isEmpty()
            || resources.getLimits() != null && !resources.getLimits().isEmpty())) {
      return resources;
    }
    return new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity("100m"))
        .addToRequests("memory", new Quantity("256Mi"))
        .addToLimits("memory", new Quantity("512Mi"))
        .build();
  }
}
