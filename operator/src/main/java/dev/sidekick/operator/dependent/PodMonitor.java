package dev.sidekick.operator.dependent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;

/**
 * The Prometheus Operator's PodMonitor (monitoring.coreos.com/v1), reduced to the fields the operator writes (others
 * are ignored when read back). A typed class, because QOSDK generates RBAC from its group and plural; not ours, so
 * QOSDK generates no CRD for it. Plain records: a KubernetesResource would be read back through fabric8's
 * kind-based deserializer, as a RawExtension.
 */
@Group("monitoring.coreos.com")
@Version("v1")
@Kind("PodMonitor")
@Plural("podmonitors")
public class PodMonitor extends CustomResource<PodMonitor.Spec, Void> implements Namespaced {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Spec(LabelSelector selector, List<Endpoint> podMetricsEndpoints) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Endpoint(
      String port, String path, String interval, Boolean honorLabels, List<Relabeling> relabelings) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Relabeling(List<String> sourceLabels, String targetLabel) {}
}
