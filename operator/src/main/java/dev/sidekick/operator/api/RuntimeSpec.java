package dev.sidekick.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class RuntimeSpec {
  @Min(1)
  @Max(20)
  @Default("2")
  @JsonPropertyDescription("Runtime replicas. Default 2.")
  public Integer replicas;

  @JsonPropertyDescription("CPU and memory of the runtime container.")
  public ResourceRequirements resources;

  @JsonPropertyDescription("Overrides the operator's configured runtime image (sidekick.runtime.image).")
  public String image;

  public int replicasOrDefault() {
    return replicas == null ? 2 : replicas;
  }
}
