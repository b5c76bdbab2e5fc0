package dev.sidekick.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ResponderSpec {
  @io.fabric8.generator.annotation.Required
  @JsonPropertyDescription("A knowledge base (YAML, see docs/runtime-config.md) kept in a ConfigMap.")
  public KnowledgeBaseSpec knowledgeBase;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class KnowledgeBaseSpec {
    @io.fabric8.generator.annotation.Required
    @JsonPropertyDescription("The ConfigMap (same namespace) and key holding the knowledge base.")
    public ConfigMapKeyRef configMapRef;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ConfigMapKeyRef {
    @io.fabric8.generator.annotation.Required
    @io.fabric8.generator.annotation.Pattern(EndpointSpec.DNS_SUBDOMAIN)
    @JsonPropertyDescription("ConfigMap name.")
    public String name;

    @io.fabric8.generator.annotation.Default("answers.yaml")
    @JsonPropertyDescription("Key in the ConfigMap. Default: answers.yaml.")
    public String key = "answers.yaml";

    public String keyOrDefault() {
      return key == null || key.isBlank() ? "answers.yaml" : key;
    }
  }

  public ConfigMapKeyRef configMapRef() {
    return knowledgeBase == null ? null : knowledgeBase.configMapRef;
  }
}
