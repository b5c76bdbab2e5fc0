package dev.sidekick.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class CredentialsSecretRef {
  @Required
  @Pattern(EndpointSpec.DNS_SUBDOMAIN)
  @JsonPropertyDescription("Name of the Secret.")
  public String name;

  @Default("email")
  @JsonPropertyDescription("Key of the API user's email address in the Secret. Default: email.")
  public String emailKey = "email";

  @Default("token")
  @JsonPropertyDescription("Key of the API token in the Secret. Default: token.")
  public String tokenKey = "token";

  public String emailKeyOrDefault() {
    return emailKey == null || emailKey.isBlank() ? "email" : emailKey;
  }

  public String tokenKeyOrDefault() {
    return tokenKey == null || tokenKey.isBlank() ? "token" : tokenKey;
  }
}
