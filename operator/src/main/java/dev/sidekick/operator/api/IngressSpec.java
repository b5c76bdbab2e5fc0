package dev.sidekick.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class IngressSpec {
  @JsonPropertyDescription("IngressClass name, e.g. nginx.")
  public String className;

  @JsonPropertyDescription("Secret with the TLS certificate for publicUrl's host.")
  public String tlsSecretName;

  @JsonPropertyDescription("Extra annotations on the Ingress.")
  public Map<String, String> annotations;
}
