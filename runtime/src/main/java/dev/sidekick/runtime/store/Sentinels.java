package dev.sidekick.runtime.store;

import dev.sidekick.runtime.config.RuntimeConfig;
import dev.sidekick.runtime.config.SecretFiles;
import io.vertx.core.net.NetClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.RedisOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Sentinels that watch the store's primary: asked one after the other where it is now
 * ({@code SENTINEL get-master-addr-by-name}), with their own ACL user and password when they have one.
 */
final class Sentinels implements AutoCloseable {
  private final String masterName;
  private final List<String> hosts;
  private final List<Redis> clients = new ArrayList<>();
  private final Duration timeout;

  Sentinels(Vertx vertx, RuntimeConfig.Sentinel config, NetClientOptions net, SecretFiles secrets, Duration timeout) {
    this.masterName = config.masterName();
    this.hosts = config.hosts();
    this.timeout = timeout;
    String credentials = RedisConnection.credentials(config.usernameFile(), config.passwordFile(), secrets);
    for (String host : hosts) {
      clients.add(Redis.createClient(vertx, new RedisOptions()
          .setConnectionString((config.tls() ? "rediss" : "redis") + "://" + credentials + host)
          .setNetClientOptions(new NetClientOptions(net))
          .setMaxPoolSize(2)
          .setMaxPoolWaiting(64)));
    }
  }

  /** The primary's {@code host:port}, as the first Sentinel that knows it says; {@link StoreUnavailable} when none does. */
  String primary() {
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < clients.size(); i++) {
      try {
        Response r = clients.get(i).send(Request.cmd(Command.SENTINEL).arg("get-master-addr-by-name").arg(masterName))
            .await().atMost(timeout);
        if (r != null && r.size() == 2) {
          String ip = r.get(0).toString();
          return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + r.get(1).toInteger();
        }
        failures.add(hosts.get(i) + " does not monitor " + masterName);
      } catch (RuntimeException e) {
        failures.add(hosts.get(i) + ": " + RedisConnection.describe(e));
      }
    }
    throw new StoreUnavailable("no Sentinel named the primary of " + masterName + " (" + String.join("; ", failures) + ")");
  }

  @Override
  public void close() {
    clients.forEach(Redis::close);
  }
}
