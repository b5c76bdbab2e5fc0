package dev.sidekick.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.sidekick.contract.Channel;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class SidekickIntegrationStatus {
  @JsonPropertyDescription("The metadata.generation this status describes.")
  public Long observedGeneration;

  @JsonPropertyDescription(
      "CredentialsValid, InboxesResolved, RuntimeAvailable, WebhooksRegistered, Ready (all of these), and"
          + " KnowledgeBaseChecked (the runtime's check of each knowledge base against its own examples).")
  public List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("The Gladly organization the token belongs to.")
  public OrganizationRef organization;

  @JsonPropertyDescription("The Sidekick API user's agent id, found by email.")
  public String agentId;

  @JsonPropertyDescription("spec.inboxes resolved to Gladly ids.")
  public List<InboxRef> inboxes;

  @JsonPropertyDescription("Per endpoint: webhook URL base, key Secret and Gladly webhooks.")
  public List<EndpointStatus> endpoints;

  @JsonPropertyDescription("Event of the MESSAGING webhooks as registered (after any fallback).")
  public String messagingEvent;

  @JsonPropertyDescription(
      "Entries of spec.webhooks.adopt that the operator left alone this time, each with the reason (the webhook is"
          + " not in Gladly, its events are neither chat nor messaging, its endpoint and channel already have a"
          + " webhook, ...).")
  public List<String> webhooksNotAdopted;

  @JsonPropertyDescription("Number of endpoints (printer column).")
  public Integer endpointCount;

  @JsonPropertyDescription(
      "The endpoints' modes (printer column): live when every endpoint is live, shadow when every endpoint is"
          + " shadow, otherwise shadow: followed by the names of the endpoints in shadow.")
  public String mode;

  @JsonPropertyDescription("Number of enabled Gladly webhooks of this resource (printer column).")
  public Integer webhookCount;

  @JsonPropertyDescription("The value of the sidekick.dev/rotate-keys annotation whose rotation is complete.")
  public String keysRotatedFor;

  public Optional<Condition> condition(String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class OrganizationRef {
    public String id;
    public String name;

    public OrganizationRef() {}

    public OrganizationRef(String id, String name) {
      this.id = id;
      this.name = name;
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class InboxRef {
    public String name;
    public String id;

    public InboxRef() {}

    public InboxRef(String name, String id) {
      this.name = name;
      this.id = id;
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class EndpointStatus {
    public String name;

    @JsonPropertyDescription("Base URL of the endpoint; the webhooks are at {url}/chat and {url}/messaging.")
    public String url;

    public SecretKeyRef keySecret;

    @JsonPropertyDescription(
        "Hash of the key that every Gladly webhook of this endpoint carries (a rotation is done when it is the"
            + " hash of the current key).")
    public String keyHash;
    public List<WebhookStatus> webhooks = new ArrayList<>();
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class SecretKeyRef {
    public String name;
    public String key;

    public SecretKeyRef() {}

    public SecretKeyRef(String name, String key) {
      this.name = name;
      this.key = key;
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class WebhookStatus {
    public String id;
    public Channel channel;
    public String url;
    public List<String> events;
    public Boolean enabled;

    @JsonPropertyDescription(
        "Hash of the webhook as last written (URL, events, header name and key), since Gladly never returns"
            + " header values.")
    public String desiredHash;

    @JsonPropertyDescription(
        "Set when the webhook was made by hand and adopted (spec.webhooks.adopt): what it was before.")
    public AdoptedFrom adoptedFrom;
  }

  /** A hand-made webhook as the operator found it before adopting it; never its key, which Gladly never returns. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class AdoptedFrom {
    @JsonPropertyDescription("The URL it called before (the previous receiver).")
    public String url;

    @JsonPropertyDescription("Its name before.")
    public String name;

    public AdoptedFrom() {}

    public AdoptedFrom(String url, String name) {
      this.url = url;
      this.name = name;
    }
  }
}
