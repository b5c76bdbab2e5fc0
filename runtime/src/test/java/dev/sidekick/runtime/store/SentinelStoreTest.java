package dev.sidekick.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sidekick.runtime.config.RuntimeConfig;
import dev.sidekick.runtime.config.SecretFiles;
import dev.sidekick.runtime.support.SentinelGroup;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store behind Sentinel (Debian's redis-server and redis-sentinel): found through the Sentinels with their own
 * password, written as an ACL user, refused while the primary is lost, and found again on the promoted replica with
 * everything it had acknowledged.
 */
class SentinelStoreTest {
  @TempDir static Path dir;
  private static SentinelGroup group;
  private static Vertx vertx;

  @BeforeAll
  static void start() throws Exception {
    group = SentinelGroup.start(dir);
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.closeAndAwait();
    group.close();
  }

  @Test
  void a_lost_primary_means_refusals_until_the_sentinels_promote_its_replica_which_has_every_acknowledged_write()
      throws Exception {
    Files.writeString(dir.resolve("user"), SentinelGroup.USER);
    Files.writeString(dir.resolve("password"), SentinelGroup.USER_PASSWORD);
    Files.writeString(dir.resolve("sentinel-password"), SentinelGroup.SENTINEL_PASSWORD);
    RuntimeConfig.Store config = new RuntimeConfig.Store(Optional.empty(),
        Optional.of(new RuntimeConfig.Sentinel(SentinelGroup.MASTER_NAME, group.hosts(), 0, false, Optional.empty(),
            Optional.of(dir.resolve("sentinel-password")), 1)),
        Optional.of(dir.resolve("user")), Optional.of(dir.resolve("password")), Optional.empty(), "test",
        Duration.ofSeconds(1));
    try (RedisConnection redis = new RedisConnection(vertx, config, new SecretFiles())) {
      for (int i = 0; i < 100; i++) {
        redis.send(Command.SET, redis.key("written", Integer.toString(i)), "yes");
      }
      int lost = group.primaryPort();
      group.primary.kill();

      assertThatThrownBy(() -> redis.send(Command.SET, redis.key("during"), "no")).isInstanceOf(StoreUnavailable.class);
      group.awaitFailoverFrom(lost, Duration.ofSeconds(30));
      assertThat(group.primaryPort()).isEqualTo(group.replica.port());
      // the promoted replica has no replica of its own: writes wait for one (the lost node, back as a replica)
      assertThatThrownBy(() -> redis.send(Command.SET, redis.key("alone"), "no")).isInstanceOf(StoreUnavailable.class)
          .hasMessageContaining("held by 0 of the 1 replicas");
      group.primary.start(SentinelGroup.replicaOf(group.replica.port()));

      long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (true) {
        try {
          redis.send(Command.SET, redis.key("after"), "yes");
          break;
        } catch (StoreUnavailable e) {
          if (System.nanoTime() > end) {
            throw e;
          }
          Thread.sleep(200);
        }
      }
      for (int i = 0; i < 100; i++) {
        assertThat(redis.send(Command.GET, redis.key("written", Integer.toString(i))).toString()).isEqualTo("yes");
      }
    }
  }
}
