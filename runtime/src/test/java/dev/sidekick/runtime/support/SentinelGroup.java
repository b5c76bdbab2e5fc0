package dev.sidekick.runtime.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Redis behind Sentinel for a test, from Debian's redis-server and redis-sentinel (scripts/install-redis): a primary, a
 * replica and three Sentinels (quorum 2, a primary is down after 1 s without answer), all on 127.0.0.1 on free ports,
 * in the test's directory, stopped by pid. As a locked-down store is set up: the runtime logs in as an ACL user, the
 * nodes replicate with a password of their own, and the Sentinels want theirs.
 */
public final class SentinelGroup implements AutoCloseable {
  public static final String MASTER_NAME = "mymaster";
  public static final String USER = "sidekick";
  public static final String USER_PASSWORD = "sidekick-s3cret";
  public static final String SENTINEL_PASSWORD = "sentinel-s3cret";
  private static final String NODE_PASSWORD = "replication-s3cret";
  private static final Path SENTINEL = Path.of("/usr/bin/redis-sentinel");
  private static final Path CLI = Path.of("/usr/bin/redis-cli");

  public final RedisServer primary;
  public final RedisServer replica;
  private final List<Process> sentinels = new ArrayList<>();
  private final List<Integer> sentinelPorts = new ArrayList<>();

  private SentinelGroup(RedisServer primary, RedisServer replica) {
    this.primary = primary;
    this.replica = replica;
  }

  public static SentinelGroup start(Path dir) throws IOException, InterruptedException {
    if (!Files.isExecutable(SENTINEL)) {
      throw new IllegalStateException("the Sentinel tests need Debian's redis-sentinel (" + SENTINEL + "): run"
          + " scripts/prepare-test-env (it runs scripts/install-redis), then the tests again");
    }
    RedisServer primary = RedisServer.start(dir, nodeOptions());
    SentinelGroup group = new SentinelGroup(primary, RedisServer.start(dir, replicaOf(primary.port())));
    try {
      for (int i = 0; i < 3; i++) {
        group.startSentinel(dir);
      }
      group.awaitReplicaKnown();
      return group;
    } catch (IOException | RuntimeException | InterruptedException e) {
      group.close();
      throw e;
    }
  }

  /** The options of a data node: its replication password, and the runtime's ACL user. */
  public static List<String> nodeOptions() {
    return List.of("--requirepass", NODE_PASSWORD, "--masterauth", NODE_PASSWORD,
        "--user", USER, "on", ">" + USER_PASSWORD, "~*", "&*", "+@all");
  }

  /** A data node that follows the primary on {@code port}. */
  public static List<String> replicaOf(int port) {
    List<String> options = new ArrayList<>(nodeOptions());
    options.addAll(List.of("--replicaof", "127.0.0.1", Integer.toString(port)));
    return options;
  }

  private void startSentinel(Path dir) throws IOException {
    int port = RedisServer.freePort();
    Path conf = dir.resolve("sentinel-" + port + ".conf");
    Files.writeString(conf, """
        port %d
        bind 127.0.0.1
        dir %s
        requirepass %s
        sentinel sentinel-pass %s
        sentinel monitor %s 127.0.0.1 %d 2
        sentinel auth-pass %s %s
        sentinel down-after-milliseconds %s 1000
        sentinel failover-timeout %s 5000
        """.formatted(port, dir, SENTINEL_PASSWORD, SENTINEL_PASSWORD, MASTER_NAME, primary.port(), MASTER_NAME,
        NODE_PASSWORD, MASTER_NAME, MASTER_NAME));
    sentinels.add(new ProcessBuilder(SENTINEL.toString(), conf.toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("sentinel-" + port + ".log").toFile()))
        .start());
    sentinelPorts.add(port);
  }

  /** The Sentinels as runtime.yaml lists them. */
  public List<String> hosts() {
    return sentinelPorts.stream().map(p -> "127.0.0.1:" + p).toList();
  }

  /** The port of the primary as the Sentinels see it now (the first that answers). */
  public int primaryPort() {
    for (int port : sentinelPorts) {
      List<String> lines = cli(port, SENTINEL_PASSWORD, "SENTINEL", "get-master-addr-by-name", MASTER_NAME);
      if (lines.size() == 2) {
        return Integer.parseInt(lines.get(1).trim());
      }
    }
    throw new IllegalStateException("no Sentinel answered");
  }

  /** Waits until every Sentinel knows the replica in sync with the primary: only then can it be promoted. */
  private void awaitReplicaKnown() throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < end) {
      boolean synced = cli(replica.port(), NODE_PASSWORD, "INFO", "replication").contains("master_link_status:up");
      boolean known = synced && sentinelPorts.stream().allMatch(
          p -> String.join("\n", cli(p, SENTINEL_PASSWORD, "SENTINEL", "replicas", MASTER_NAME))
              .contains("127.0.0.1:" + replica.port()));
      if (known) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the Sentinels did not find the replica in 30 s");
  }

  /** Waits until the Sentinels name another primary than the one on {@code port}. */
  public void awaitFailoverFrom(int port, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      try {
        if (primaryPort() != port) {
          return;
        }
      } catch (RuntimeException e) {
        // a Sentinel busy with the election: ask again
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("no failover from port " + port + " in " + timeout);
  }

  private static List<String> cli(int port, String password, String... command) {
    List<String> cmd = new ArrayList<>(List.of(CLI.toString(), "-h", "127.0.0.1", "-p", Integer.toString(port)));
    cmd.addAll(List.of(command));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("REDISCLI_AUTH", password); // not on the command line
    try {
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(10, TimeUnit.SECONDS);
      return out.isBlank() ? List.of() : out.lines().toList();
    } catch (IOException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  @Override
  public void close() {
    for (Process s : sentinels) {
      s.destroy();
      try {
        if (!s.waitFor(10, TimeUnit.SECONDS)) {
          s.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    replica.close();
    primary.close();
  }
}
