package dev.sidekick.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * Where the runtime replicas keep what they must share to answer each customer exactly once: the events they claimed
 * and handled, their progress, the per-session order, the hand-off memory and Gladly's request budget
 * (docs/runtime-config.md "Several replicas, Redis, and catch-up"). Required for more than one replica.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StoreSpec {
  @Required
  @JsonPropertyDescription("A Redis 6 or later (or a compatible, managed one).")
  public Redis redis;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Redis {
    @Required
    @Pattern("^rediss?://[^\\s/?#@]+(/[0-9]{1,2})?$")
    @JsonPropertyDescription("redis://host:port/db, or rediss:// for TLS; no credentials here (see credentialsSecretRef).")
    public String url;

    @JsonPropertyDescription("A Secret with the Redis password (and an ACL user name), mounted into the runtime's pods.")
    public Credentials credentialsSecretRef;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Credentials {
    @Required
    @Pattern(EndpointSpec.DNS_SUBDOMAIN)
    @JsonPropertyDescription("Name of the Secret, in the resource's namespace.")
    public String name;

    @Default("password")
    @JsonPropertyDescription("Key of the password in the Secret. Default: password.")
    public String passwordKey = "password";

    @JsonPropertyDescription("Key of a Redis ACL user name in the Secret; none: the password alone (requirepass).")
    public String usernameKey;

    public String passwordKeyOrDefault() {
      return passwordKey == null || passwordKey.isBlank() ? "password" : passwordKey;
    }
  }
}
