package dev.sidekick.runtime.store;

import dev.sidekick.runtime.config.RuntimeConfig;
import dev.sidekick.runtime.config.SecretFiles;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.RedisOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The runtime's connection to Redis (Quarkus' Redis client, built from runtime.yaml rather than quarkus.redis.*): blocking
 * commands for worker threads, each bounded by the configured timeout; any failure is {@link StoreUnavailable}. Keys are
 * prefixed with the configured {@code keyPrefix}, so several integrations can share one Redis.
 */
public final class RedisConnection implements AutoCloseable {
  private final Redis redis;
  private final Duration timeout;
  private final String prefix;
  private final String owner = UUID.randomUUID().toString();
  private final Runnable unavailable;

  RedisConnection(Vertx vertx, RuntimeConfig.Store config, SecretFiles secrets) {
    this(vertx, config, secrets, () -> {});
  }

  /** @param unavailable told of every command that failed twice (the metric sidekick_store_unavailable_total) */
  RedisConnection(Vertx vertx, RuntimeConfig.Store config, SecretFiles secrets, Runnable unavailable) {
    this.unavailable = unavailable;
    RedisOptions options = new RedisOptions()
        .setConnectionString(withCredentials(config, secrets))
        .setMaxPoolSize(16)
        .setMaxPoolWaiting(256)
        .setMaxWaitingHandlers(4096);
    this.redis = Redis.createClient(vertx, options);
    this.timeout = config.timeout();
    this.prefix = config.keyPrefix();
  }

  /** The URL with the ACL user and password from their files (Vert.x reads them from it); never logged. */
  private static String withCredentials(RuntimeConfig.Store config, SecretFiles secrets) {
    if (config.passwordFile().isEmpty()) {
      return config.url().toString();
    }
    String user = config.usernameFile().map(f -> encode(secrets.file(f).require())).orElse("");
    String password = encode(secrets.file(config.passwordFile().get()).require());
    URI u = config.url();
    return u.getScheme() + "://" + user + ":" + password + "@" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "")
        + (u.getRawPath() == null ? "" : u.getRawPath());
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
      return redis.send(request).await().atMost(timeout);
    } catch (RuntimeException first) {
      // a pooled connection that Redis closed (a restart) fails once; a fresh one may not
      try {
        return redis.send(request).await().atMost(timeout);
      } catch (RuntimeException e) {
        unavailable.run();
        throw new StoreUnavailable("Redis " + what + ": " + describe(e));
      }
    }
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
  }

  @Override
  public void close() {
    redis.close();
  }
}
