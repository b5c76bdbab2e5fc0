package dev.sidekick.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The single-node cluster of {@code scripts/kube-cluster} (docs/kube-cluster.md), started for the suite and stopped
 * after it, and {@code kubectl} and {@code helm} as a person runs them after {@code eval "$(scripts/kube-cluster env)"}.
 */
final class TestCluster implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Shell shell;
  private boolean started;

  private TestCluster(Shell shell) {
    this.shell = shell;
  }

  /** Starts the cluster; fails with what to run when the machine is not prepared. */
  static TestCluster start(Path root) {
    Shell bare = new Shell(root, Map.of());
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : bare.ok(Duration.ofSeconds(30), "scripts/kube-cluster", "env").split("\n")) {
      String l = line.startsWith("export ") ? line.substring(7) : line;
      int eq = l.indexOf('=');
      if (eq > 0) env.put(l.substring(0, eq), l.substring(eq + 1).replace("\"", "").replace("$PATH", System.getenv("PATH")));
    }
    for (String file : new String[] {env.get("SIDEKICK_KUBECTL"), env.get("SIDEKICK_HELM"), env.get("SIDEKICK_BASE_ARCHIVE")}) {
      if (file == null || !Files.exists(Path.of(file))) {
        throw new AssertionError("the test cluster is not prepared (" + file + " is missing): run scripts/prepare-test-env"
            + " (or scripts/kube-cluster prepare) first");
      }
    }
    TestCluster cluster = new TestCluster(bare.with(env));
    Runtime.getRuntime().addShutdownHook(new Thread(cluster::close)); // a killed test run leaves no cluster behind
    try {
      cluster.shell.ok(Duration.ofMinutes(3), "scripts/kube-cluster", "start");
    } catch (AssertionError | RuntimeException e) {
      // a start that failed half-way leaves what it started running: stop it (by pid) and restore the machine
      cluster.shell.run(Duration.ofMinutes(3), "scripts/kube-cluster", "stop");
      throw e;
    }
    cluster.started = true;
    return cluster;
  }

  Shell shell() {
    return shell;
  }

  /** A variable of {@code scripts/kube-cluster env}. */
  String env(String name) {
    return shell.env(name);
  }

  String kubectl(String... args) {
    return shell.ok(Duration.ofMinutes(5), prepend("kubectl", args));
  }

  Shell.Result tryKubectl(String... args) {
    return shell.run(Duration.ofMinutes(5), prepend("kubectl", args));
  }

  String helm(String... args) {
    return shell.ok(Duration.ofMinutes(6), prepend("helm", args));
  }

  JsonNode json(String... kubectlArgs) {
    String[] args = new String[kubectlArgs.length + 2];
    System.arraycopy(kubectlArgs, 0, args, 0, kubectlArgs.length);
    args[kubectlArgs.length] = "-o";
    args[kubectlArgs.length + 1] = "json";
    try {
      return JSON.readTree(kubectl(args));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Loads image archives into the node's container runtime (no registry here). */
  void load(Path... archives) {
    String[] cmd = new String[archives.length + 2];
    cmd[0] = "scripts/kube-cluster";
    cmd[1] = "load";
    for (int i = 0; i < archives.length; i++) cmd[i + 2] = archives[i].toString();
    shell.ok(Duration.ofMinutes(5), cmd);
  }

  /** Tags an image the node has under another name, as a push of a new tag to a registry would. */
  void tag(String image, String newName) {
    shell.ok(Duration.ofMinutes(1), "scripts/kube-cluster", "tag", image, newName);
  }

  /** After a failure: every pod's log (and its previous container's), the Events, the objects, into {@code dir}. */
  void dumpDiagnostics(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("objects.txt"), shell.run(Duration.ofMinutes(1), "kubectl", "get",
          "all,sidekickintegrations,configmaps,leases", "-A", "-o", "wide").out());
      Files.writeString(dir.resolve("events.txt"), shell.run(Duration.ofMinutes(1), "kubectl", "get", "events", "-A",
          "--sort-by=.lastTimestamp").out());
      JsonNode pods = JSON.readTree(shell.run(Duration.ofMinutes(1), "kubectl", "get", "pods", "-A", "-o", "json").out());
      for (JsonNode pod : pods.path("items")) {
        String ns = pod.path("metadata").path("namespace").asText();
        String name = pod.path("metadata").path("name").asText();
        Files.writeString(dir.resolve(ns + "_" + name + ".log"), shell.run(Duration.ofMinutes(1), "kubectl", "logs", "-n", ns, name).out());
        Shell.Result previous = shell.run(Duration.ofMinutes(1), "kubectl", "logs", "-n", ns, name, "--previous");
        if (previous.exit() == 0) Files.writeString(dir.resolve(ns + "_" + name + ".previous.log"), previous.out());
      }
      System.out.println("e2e: diagnostics in " + dir);
    } catch (IOException | RuntimeException e) {
      System.out.println("e2e: diagnostics incomplete: " + e);
    }
  }

  @Override
  public synchronized void close() {
    if (!started) return;
    started = false;
    shell.run(Duration.ofMinutes(3), "scripts/kube-cluster", "stop");
  }

  private static String[] prepend(String first, String... rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
