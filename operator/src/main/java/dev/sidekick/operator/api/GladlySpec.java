package dev.sidekick.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class GladlySpec {
  @Required
  @Pattern(SidekickIntegrationSpec.HTTPS_URL)
  @JsonPropertyDescription(
      "The organization's Gladly URL, e.g. https://acme.gladly.com (sandbox: https://acme.gladly.qa). The API"
          + " is under /api/v1.")
  public String organizationUrl;

  @Required
  @JsonPropertyDescription(
      "Secret (same namespace) holding the dedicated API user's email and API token. The user needs the roles"
          + " Agent, Agent Plus and API User.")
  public CredentialsSecretRef credentialsSecretRef;
}
