package dev.sidekick.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * How Sidekick answers (docs/runtime-config.md, {@code responder}): exactly one of a knowledge base, or an
 * OpenAI-compatible chat-completions endpoint grounded in one. API keys come from Secrets, mounted as files.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ResponderSpec {
  /** An http(s) URL with a host; http is for in-cluster services. */
  public static final String HTTP_URL = "^https?://[^\\s/?#]+(/[^\\s?#]*)?$";
  /** A duration as the runtime reads it: 500ms, 3s, 1m. */
  public static final String DURATION = "^[0-9]{1,6}(ms|s|m)$";

  @JsonPropertyDescription(
      "A knowledge base (YAML, see docs/runtime-config.md) kept in a ConfigMap. Exactly one of knowledgeBase and"
          + " chatCompletions.")
  public KnowledgeBaseSpec knowledgeBase;

  @JsonPropertyDescription(
      "An OpenAI-compatible chat-completions endpoint (POST .../v1/chat/completions) that answers from the entries"
          + " retrieval finds in its knowledge base; every answer is checked before it is sent. Exactly one of"
          + " knowledgeBase and chatCompletions.")
  public ChatCompletionsSpec chatCompletions;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class KnowledgeBaseSpec {
    @Required
    @JsonPropertyDescription("The ConfigMap (same namespace) and key holding the knowledge base.")
    public ConfigMapKeyRef configMapRef;

    @JsonPropertyDescription(
        "An OpenAI-compatible embeddings endpoint (POST .../v1/embeddings) for retrieval's semantic stage. Without it"
            + " the JVM image embeds with its in-process model; a native image then uses the lexical stage alone.")
    public EmbeddingsSpec embeddings;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ConfigMapKeyRef {
    @Required
    @Pattern(EndpointSpec.DNS_SUBDOMAIN)
    @JsonPropertyDescription("ConfigMap name.")
    public String name;

    @Default("answers.yaml")
    @JsonPropertyDescription("Key in the ConfigMap. Default: answers.yaml.")
    public String key = "answers.yaml";

    public String keyOrDefault() {
      return key == null || key.isBlank() ? "answers.yaml" : key;
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class EmbeddingsSpec {
    @Required
    @Pattern(HTTP_URL)
    @JsonPropertyDescription("URL of the endpoint, e.g. http://embeddings.ml.svc:8000/v1/embeddings.")
    public String url;

    @Required
    @JsonPropertyDescription("The model the endpoint embeds with (its \"model\" field).")
    public String model;

    @JsonPropertyDescription("A Secret key holding the API key, sent as \"Authorization: Bearer <key>\". None: no header.")
    public ApiKeySecretRef apiKeySecretRef;

    @Pattern(DURATION)
    @JsonPropertyDescription("Timeout of one call, e.g. 2s (the runtime's default), never beyond the event's deadline.")
    public String timeout;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ChatCompletionsSpec {
    @Required
    @Pattern(HTTP_URL)
    @JsonPropertyDescription("URL of the endpoint, e.g. https://llm.example.com/v1/chat/completions.")
    public String url;

    @Required
    @JsonPropertyDescription("The model, e.g. gpt-4o-mini.")
    public String model;

    @JsonPropertyDescription("A Secret key holding the API key, sent as \"Authorization: Bearer <key>\". None: no header.")
    public ApiKeySecretRef apiKeySecretRef;

    @Pattern(DURATION)
    @JsonPropertyDescription(
        "Timeout of one call, e.g. 5s (the runtime's default), never beyond the event's deadline; a timeout is a"
            + " hand-off.")
    public String timeout;

    @Min(50)
    @Max(2048)
    @JsonPropertyDescription("The longest answer sent (characters, 50-2048; the runtime's default 600); a longer one"
        + " is a hand-off.")
    public Integer maxAnswerLength;

    @Required
    @JsonPropertyDescription("What retrieval gives the model: the entries closest to the customer's message.")
    public KnowledgeBaseSpec knowledgeBase;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ApiKeySecretRef {
    @Required
    @Pattern(EndpointSpec.DNS_SUBDOMAIN)
    @JsonPropertyDescription("Name of the Secret, in the resource's namespace.")
    public String name;

    @Default("api-key")
    @JsonPropertyDescription("Key of the API key in the Secret. Default: api-key.")
    public String key = "api-key";

    public String keyOrDefault() {
      return key == null || key.isBlank() ? "api-key" : key;
    }
  }

  /** The knowledge base of either kind of responder. */
  public KnowledgeBaseSpec knowledgeBaseOfEitherKind() {
    if (knowledgeBase != null) return knowledgeBase;
    return chatCompletions == null ? null : chatCompletions.knowledgeBase;
  }

  public ConfigMapKeyRef configMapRef() {
    KnowledgeBaseSpec kb = knowledgeBaseOfEitherKind();
    return kb == null ? null : kb.configMapRef;
  }
}
