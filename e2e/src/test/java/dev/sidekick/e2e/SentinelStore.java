package dev.sidekick.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The test cluster's store (scripts/kube-cluster: a primary, a replica and three Sentinels on the node's address), as an
 * operator of it sees it with redis-cli: which node is the primary, and a failover on request.
 */
final class SentinelStore {
  private final Shell cli;
  private final String master;
  private final List<String> sentinels;

  SentinelStore(TestCluster cluster) {
    this.master = cluster.env("SIDEKICK_REDIS_MASTER");
    this.sentinels = List.of(cluster.env("SIDEKICK_REDIS_SENTINELS").split(","));
    try {
      // the password in redis-cli's environment, never on its command line
      String password = Files.readString(Path.of(cluster.env("SIDEKICK_REDIS_PASSWORD_FILE"))).strip();
      this.cli = cluster.shell().with(Map.of("REDISCLI_AUTH", password));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<String> sentinels() {
    return sentinels;
  }

  /** host:port of the primary, as the first Sentinel names it. */
  String primary() {
    List<String> lines = sentinel(0, "SENTINEL", "get-master-addr-by-name", master).lines().toList();
    if (lines.size() != 2) throw new AssertionError("the Sentinel did not name the primary: " + lines);
    return lines.get(0).strip() + ":" + lines.get(1).strip();
  }

  /** Asks the Sentinels to promote the replica now (the primary steps down without being lost). */
  void failover() {
    String answer = sentinel(0, "SENTINEL", "FAILOVER", master).strip();
    if (!answer.equals("OK")) throw new AssertionError("SENTINEL FAILOVER answered " + answer);
  }

  private String sentinel(int i, String... command) {
    String[] hostPort = sentinels.get(i).split(":");
    String[] args = new String[command.length + 5];
    args[0] = "redis-cli";
    args[1] = "-h";
    args[2] = hostPort[0];
    args[3] = "-p";
    args[4] = hostPort[1];
    System.arraycopy(command, 0, args, 5, command.length);
    return cli.ok(Duration.ofSeconds(30), args);
  }
}
