package dev.sidekick.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * Where the runtime replicas keep what they must share to answer each customer exactly once: the events they claimed
 * and handled, their progress, the per-session order, the hand-off memory and Gladly's request budget
 * (docs/runtime-config.md "Several replicas, Redis, and catch-up"). Required for more than one replica. The fields
 * mirror the runtime's store.redis (one name per concept); files there are Secrets here.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StoreSpec {
  /** A Sentinel as the runtime accepts it: host:port, no scheme (the runtime's ConfigLoader checks the same). */
  public static final String HOST_PORT = "^[A-Za-z0-9.-]+:[0-9]{1,5}$";

  /** The port of a {@link #HOST_PORT}. */
  public static int port(String hostPort) {
    return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
  }

  @Required
  @JsonPropertyDescription("A Redis 6 or later (or a compatible, managed one).")
  public Redis redis;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Redis {
    @Pattern("^rediss?://[^\\s/?#@]+(/[0-9]{1,2})?$")
    @JsonPropertyDescription("redis://host:port/db, or rediss:// for TLS; no credentials here (see credentialsSecretRef)."
        + " Exactly one of url and sentinel.")
    public String url;

    @JsonPropertyDescription("Redis behind Sentinel: the Sentinels name the primary. Exactly one of url and sentinel.")
    public Sentinel sentinel;

    @JsonPropertyDescription("A Secret with the Redis password (and an ACL user name), mounted into the runtime's pods.")
    public Credentials credentialsSecretRef;

    @JsonPropertyDescription("A Secret with the PEM of the CAs that signed Redis's (and the Sentinels') certificate,"
        + " mounted into the runtime's pods; for TLS only (rediss:// or sentinel.tls). None: the JVM's CAs.")
    public CaSecretRef caSecretRef;

    /** TLS to Redis: a rediss:// URL, or sentinel.tls. */
    public boolean tls() {
      return url != null ? url.startsWith("rediss://") : sentinel != null && sentinel.tlsOrDefault();
    }
  }

  /**
   * The runtime's store.redis.sentinel (docs/runtime-config.md "Redis behind Sentinel"): no defaults written here, so
   * that the runtime's apply when a field is left out.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Sentinel {
    @Required
    @Pattern("^\\S+$")
    @JsonPropertyDescription("The name the Sentinels monitor (their `sentinel monitor NAME ...`).")
    public String masterName;

    @Required
    @Size(min = 1)
    @JsonPropertyDescription("The Sentinels as host:port, without a scheme (three or more, on different nodes).")
    public List<String> hosts;

    @Min(0)
    @JsonPropertyDescription("The primary's database. Default: 0.")
    public Integer database;

    @JsonPropertyDescription("TLS to the Sentinels and the data nodes (caSecretRef for a private CA). Default: false.")
    public Boolean tls;

    @JsonPropertyDescription("A Secret with the Sentinels' own password (their requirepass) and optionally an ACL user"
        + " name; none: the Sentinels are asked without one. The data nodes' are in redis.credentialsSecretRef.")
    public Credentials credentialsSecretRef;

    @Min(0)
    @Max(100)
    @JsonPropertyDescription("Each write waits until this many replicas hold it (Redis WAIT), else the event is answered"
        + " 503 and redelivered; 0 switches it off. Default: 1.")
    public Integer waitForReplicas;

    public boolean tlsOrDefault() {
      return Boolean.TRUE.equals(tls);
    }
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

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class CaSecretRef {
    @Required
    @Pattern(EndpointSpec.DNS_SUBDOMAIN)
    @JsonPropertyDescription("Name of the Secret, in the resource's namespace.")
    public String name;

    @Default("ca.crt")
    @JsonPropertyDescription("Key of the PEM in the Secret. Default: ca.crt.")
    public String key = "ca.crt";

    public String keyOrDefault() {
      return key == null || key.isBlank() ? "ca.crt" : key;
    }
  }
}
