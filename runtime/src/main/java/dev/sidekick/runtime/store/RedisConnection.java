package dev.sidekick.runtime.store;

import dev.sidekick.runtime.config.RuntimeConfig;
import dev.sidekick.runtime.config.SecretFiles;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.RedisOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The runtime's connection to Redis (Quarkus' Redis client, built from runtime.yaml rather than quarkus.redis.*): blocking
 * commands for worker threads, each bounded by the configured timeout; any failure is {@link StoreUnavailable}. Keys are
 * prefixed with the configured {@code keyPrefix}, so several integrations can share one Redis. Behind Sentinel, the
 * primary is asked of the Sentinels at the first command and again after a command fails (a failover), and each write
 * waits until the configured number of replicas hold it.
 */
public final class RedisConnection implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(RedisConnection.class);
  // the only commands the store sends that change nothing: the rest wait for the replicas behind Sentinel
  private static final Set<String> READS = Set.of("GET", "HGET", "EXISTS");
  // a burst of failed commands asks the Sentinels once, not once each
  private static final Duration ASK_SENTINELS_AT_MOST_EVERY = Duration.ofMillis(200);

  private final Vertx vertx;
  private final RuntimeConfig.Store config;
  private final SecretFiles secrets;
  private final NetClientOptions net;
  private final Optional<Sentinels> sentinels;
  private final int waitForReplicas;
  private final Duration timeout;
  private final String prefix;
  private final String owner = UUID.randomUUID().toString();
  private final Runnable unavailable;
  private volatile Redis redis;
  private String primary; // behind Sentinel: the host:port of the client's primary, guarded by this
  private long askedSentinels;

  RedisConnection(Vertx vertx, RuntimeConfig.Store config, SecretFiles secrets) {
    this(vertx, config, secrets, () -> {});
  }

  /** @param unavailable told of every command that failed twice (the metric sidekick_store_unavailable_total) */
  RedisConnection(Vertx vertx, RuntimeConfig.Store config, SecretFiles secrets, Runnable unavailable) {
    this.vertx = vertx;
    this.config = config;
    this.secrets = secrets;
    this.unavailable = unavailable;
    this.timeout = config.timeout();
    this.prefix = config.keyPrefix();
    this.net = netOptions(config);
    this.sentinels = config.sentinel().map(s -> new Sentinels(vertx, s, net, secrets, timeout));
    this.waitForReplicas = config.sentinel().map(RuntimeConfig.Sentinel::waitForReplicas).orElse(0);
    // with a URL, the client is made now; behind Sentinel, at the first command (the Sentinels may not answer yet)
    this.redis = config.url().map(u -> client(u.getScheme() + "://" + credentials(config) + u.getRawAuthority()
        + (u.getRawPath() == null ? "" : u.getRawPath()))).orElse(null);
  }

  private static NetClientOptions netOptions(RuntimeConfig.Store config) {
    NetClientOptions net = new NetClientOptions(new RedisOptions().getNetClientOptions())
        .setConnectTimeout((int) config.timeout().toMillis())
        .setHostnameVerificationAlgorithm("HTTPS"); // TLS: the certificate must name the host (or the IP the Sentinels give)
    config.caFile().ifPresent(ca -> net.setTrustOptions(new PemTrustOptions().addCertPath(ca.toString())));
    return net;
  }

  private Redis client(String connectionString) {
    return Redis.createClient(vertx, new RedisOptions()
        .setConnectionString(connectionString)
        .setNetClientOptions(new NetClientOptions(net))
        .setMaxPoolSize(16)
        .setMaxPoolWaiting(256)
        .setMaxWaitingHandlers(4096));
  }

  /** {@code user:password@} from their files (Vert.x reads them from the URL), or nothing; never logged. */
  static String credentials(Optional<Path> usernameFile, Optional<Path> passwordFile, SecretFiles secrets) {
    if (passwordFile.isEmpty()) {
      return "";
    }
    String user = usernameFile.map(f -> encode(secrets.file(f).require())).orElse("");
    return user + ":" + encode(secrets.file(passwordFile.get()).require()) + "@";
  }

  private String credentials(RuntimeConfig.Store config) {
    return credentials(config.usernameFile(), config.passwordFile(), secrets);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** This process among the replicas: the holder named in leases and locks. */
  public String owner() {
    return owner;
  }

  /** {@code prefix:part:part...}. */
  public String key(String... parts) {
    return prefix + ":" + String.join(":", parts);
  }

  public Response send(Command command, Object... args) {
    Request request = Request.cmd(command);
    for (Object a : args) {
      request.arg(String.valueOf(a));
    }
    return await(request, command.toString());
  }

  /** Runs a Lua script atomically in Redis. */
  public Response eval(String script, List<String> keys, Object... args) {
    Request request = Request.cmd(Command.EVAL).arg(script).arg(keys.size());
    keys.forEach(request::arg);
    for (Object a : args) {
      request.arg(String.valueOf(a));
    }
    return await(request, "EVAL");
  }

  private Response await(Request request, String what) {
    if (io.vertx.core.Context.isOnEventLoopThread()) {
      throw new IllegalStateException("a blocking Redis call on the Vert.x I/O thread: " + what);
    }
    try {
      return send(sentinels.isPresent() && redis == null ? askSentinels() : redis, request, what);
    } catch (RuntimeException first) {
      // a pooled connection that Redis closed (a restart) fails once; a fresh one may not. Behind Sentinel the primary
      // may have changed (a failover): the Sentinels are asked again.
      try {
        return send(sentinels.isPresent() ? askSentinels() : redis, request, what);
      } catch (RuntimeException e) {
        unavailable.run();
        throw new StoreUnavailable("Redis " + what + ": " + describe(e));
      }
    }
  }

  private Response send(Redis client, Request request, String what) {
    if (waitForReplicas == 0 || READS.contains(what.toUpperCase(java.util.Locale.ROOT))) {
      return client.send(request).await().atMost(timeout);
    }
    // one connection for both: WAIT counts the replicas that hold this connection's writes
    List<Response> both = client.batch(List.of(request,
        Request.cmd(Command.WAIT).arg(waitForReplicas).arg(Math.max(1, timeout.toMillis() / 2)))).await().atMost(timeout);
    int held = both.get(1).toInteger();
    if (held < waitForReplicas) {
      // the new primary after a failover might not have it: the caller takes it as not written and tries again
      throw new IllegalStateException("written, but held by " + held + " of the " + waitForReplicas + " replicas asked for");
    }
    return both.get(0);
  }

  /** The client of the primary the Sentinels name now: the same one unless it moved. */
  private synchronized Redis askSentinels() {
    long now = System.nanoTime();
    if (redis != null && now - askedSentinels < ASK_SENTINELS_AT_MOST_EVERY.toNanos()) {
      return redis;
    }
    askedSentinels = now;
    String address = sentinels.orElseThrow().primary();
    if (redis == null || !address.equals(primary)) {
      RuntimeConfig.Sentinel s = config.sentinel().orElseThrow();
      Redis old = redis;
      redis = client((s.tls() ? "rediss" : "redis") + "://" + credentials(config) + address + "/" + s.database());
      LOG.infof("the Sentinels name %s as the primary of %s%s", address, s.masterName(),
          primary == null ? "" : " (it was " + primary + ")");
      primary = address;
      if (old != null) {
        old.close();
      }
    }
    return redis;
  }

  static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
  }

  @Override
  public void close() {
    Redis r = redis;
    if (r != null) {
      r.close();
    }
    sentinels.ifPresent(Sentinels::close);
  }
}
