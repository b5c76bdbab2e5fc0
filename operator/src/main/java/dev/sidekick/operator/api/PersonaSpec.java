package dev.sidekick.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class PersonaSpec {
  @Size(min = 1, max = 60)
  @JsonPropertyDescription("The name Sidekick signs as, e.g. Melissa.")
  public String name;
}
