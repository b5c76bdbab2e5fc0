package dev.sidekick.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class SidekickIntegrationSpec {
  /** https, host, optional path; no trailing slash. */
  public static final String HTTPS_URL = "^https://[^\\s/?#]+(/[^\\s?#]*[^\\s?#/])?$";

  @Required
  @JsonPropertyDescription("The Gladly organization and the dedicated API user Sidekick acts as.")
  public GladlySpec gladly;

  @Required
  @Size(min = 1, max = 50)
  @JsonPropertyDescription(
      "Names of the Gladly inboxes the Sidekick user works in (as shown in Gladly). Each must match exactly"
          + " one enabled inbox; they are resolved to ids.")
  public List<String> inboxes = new ArrayList<>();

  @JsonPropertyDescription("How Sidekick presents itself to customers.")
  public PersonaSpec persona;

  @Required
  @Pattern(HTTPS_URL)
  @JsonPropertyDescription(
      "Base https URL at which Gladly reaches the runtime, without a trailing slash. Webhook URLs are"
          + " {publicUrl}/gladly/{endpoint}/chat and {publicUrl}/gladly/{endpoint}/messaging.")
  public String publicUrl;

  @JsonPropertyDescription("When set, the operator creates an Ingress for publicUrl's host and path.")
  public IngressSpec ingress;

  @Required
  @Size(min = 1, max = 20)
  @JsonPropertyDescription(
      "Notification endpoints, one per brand or region. Each gets its own x-api-key and one Gladly webhook"
          + " per channel. Names must be unique.")
  public List<EndpointSpec> endpoints = new ArrayList<>();

  @Required
  @JsonPropertyDescription(
      "How Sidekick answers (the runtime needs a default responder); endpoints may override it.")
  public ResponderSpec responder;

  @JsonPropertyDescription("The runtime Deployment.")
  public RuntimeSpec runtime;

  @JsonPropertyDescription("Gladly webhook settings.")
  public WebhooksSpec webhooks;

  @JsonPropertyDescription(
      "When true the operator leaves the runtime and Gladly as they are and makes no change.")
  public Boolean suspend;

  public boolean suspended() {
    return Boolean.TRUE.equals(suspend);
  }

  public WebhooksSpec webhooksOrDefault() {
    return webhooks == null ? new WebhooksSpec() : webhooks;
  }

  public RuntimeSpec runtimeOrDefault() {
    return runtime == null ? new RuntimeSpec() : runtime;
  }
}
