package dev.sidekick.operator.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Kubernetes control plane on loopback for the operator's real-tier tests: etcd 3.4 (Debian's etcd-server),
 * kube-apiserver 1.20.2 and, when asked, kube-controller-manager 1.20.2 (built and cached by
 * {@code scripts/kube-testenv build}; docs/kube-testenv.md). Everything listens on 127.0.0.1 on free ports, with a
 * generated service-account key pair, a client CA, an admin client certificate ({@code system:masters}) and
 * {@code --authorization-mode RBAC}. {@link #close()} stops the processes by their pid.
 */
public final class KubeTestEnvironment implements AutoCloseable {

  public static final String KUBE_VERSION = "1.20.2";
  private static final String PREPARE_HINT =
      "Run scripts/prepare-test-env (or scripts/kube-testenv build) from the repository root: it builds"
          + " kube-apiserver/kube-controller-manager "
          + KUBE_VERSION
          + " from Debian's source package once per machine and installs etcd.";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  /**
   * What to run beside etcd and kube-apiserver.
   *
   * @param controllers null: no kube-controller-manager; otherwise its --controllers value ("*" for all)
   * @param audit write the apiserver's audit log (metadata of every request) for {@link #auditEvents()}
   */
  public record Options(String controllers, boolean audit) {
    public static Options apiServerOnly() {
      return new Options(null, false);
    }

    public static Options withControllerManager() {
      return new Options("*", false);
    }
  }

  private final Path workDir;
  private final Options options;
  private final List<Process> processes = new ArrayList<>();
  private final Thread shutdownHook = new Thread(this::stopProcesses, "kube-testenv-stop");
  private int apiPort;
  private Path kubeconfig;
  private KubernetesClient adminClient;

  private KubeTestEnvironment(Path workDir, Options options) {
    this.workDir = workDir;
    this.options = options;
  }

  /**
   * Directory holding the cached kube-apiserver and kube-controller-manager: where {@code scripts/kube-testenv env}
   * says, so that the script that builds them and the tests that run them always agree (SIDEKICK_KUBE_CACHE,
   * SIDEKICK_CACHE, then $HOME, whatever Java's user.home says).
   */
  static Path binaryDir() {
    String dir = System.getenv("KUBE_TESTENV_DIR");
    if (dir != null && !dir.isBlank()) {
      return Path.of(dir);
    }
    Path script = ProjectFiles.repositoryRoot().resolve("scripts/kube-testenv");
    try {
      Process p = new ProcessBuilder(script.toString(), "env").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (p.waitFor() == 0) {
        for (String line : out.split("\n")) {
          if (line.startsWith("KUBE_TESTENV_DIR=")) return Path.of(line.substring("KUBE_TESTENV_DIR=".length()).strip());
        }
      }
      throw new IllegalStateException(script + " env printed no KUBE_TESTENV_DIR: " + out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot run " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Path etcdBinary() {
    String etcd = System.getenv("KUBE_TESTENV_ETCD");
    if (etcd != null && !etcd.isBlank()) {
      return Path.of(etcd);
    }
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/usr/local/bin";
    for (String p : path.split(":")) {
      if (!p.isBlank() && Files.isExecutable(Path.of(p, "etcd"))) {
        return Path.of(p, "etcd");
      }
    }
    return Path.of("/usr/bin/etcd");
  }

  /** Fails (never skips) with what to run when a binary is missing. */
  static void requireBinaries() {
    List<String> missing = new ArrayList<>();
    for (Path p :
        List.of(
            binaryDir().resolve("kube-apiserver"),
            binaryDir().resolve("kube-controller-manager"),
            etcdBinary())) {
      if (!Files.isExecutable(p)) {
        missing.add(p.toString());
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(missingBinariesMessage(missing));
    }
  }

  static String missingBinariesMessage(List<String> missing) {
    return "The real-apiserver tests need " + String.join(", ", missing) + ", which are missing. " + PREPARE_HINT;
  }

  /** Starts etcd and kube-apiserver (and kube-controller-manager when asked) and waits until the apiserver is ready. */
  public static KubeTestEnvironment start(String name, boolean withControllerManager) {
    return start(name, withControllerManager ? Options.withControllerManager() : Options.apiServerOnly());
  }

  public static KubeTestEnvironment start(String name, Options options) {
    requireBinaries();
    // a free port found here can be taken by someone else before etcd or the apiserver binds it: try again
    for (int attempt = 1; ; attempt++) {
      try {
        Path base = Path.of("target", "kube-testenv").toAbsolutePath();
        Files.createDirectories(base);
        Path dir = Files.createTempDirectory(base, name + "-");
        KubeTestEnvironment env = new KubeTestEnvironment(dir, options);
        try {
          env.startAll();
          return env;
        } catch (ProcessExitedEarly e) {
          env.close();
          if (attempt == 3) {
            throw e;
          }
        } catch (RuntimeException | Error e) {
          env.close();
          throw e;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static final class ProcessExitedEarly extends IllegalStateException {
    ProcessExitedEarly(String message) {
      super(message);
    }
  }

  private void startAll() throws IOException {
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    generateCredentials();
    int etcdPort = freePort();
    int peerPort = freePort();
    apiPort = freePort();

    String etcdUrl = "http://127.0.0.1:" + etcdPort;
    String peerUrl = "http://127.0.0.1:" + peerPort;
    launch(
        "etcd",
        List.of(
            etcdBinary().toString(),
            "--name=testenv",
            "--data-dir=" + workDir.resolve("etcd-data"),
            "--listen-client-urls=" + etcdUrl,
            "--advertise-client-urls=" + etcdUrl,
            "--listen-peer-urls=" + peerUrl,
            "--initial-advertise-peer-urls=" + peerUrl,
            "--initial-cluster=testenv=" + peerUrl));

    List<String> apiserver = new ArrayList<>(List.of(
            binaryDir().resolve("kube-apiserver").toString(),
            "--bind-address=127.0.0.1",
            "--advertise-address=127.0.0.1",
            "--secure-port=" + apiPort,
            "--insecure-port=0",
            "--etcd-servers=" + etcdUrl,
            "--cert-dir=" + workDir.resolve("serving"),
            "--client-ca-file=" + workDir.resolve("ca.crt"),
            "--service-account-key-file=" + workDir.resolve("sa.pub"),
            "--service-account-signing-key-file=" + workDir.resolve("sa.key"),
            "--service-account-issuer=https://kubernetes.default.svc",
            "--api-audiences=https://kubernetes.default.svc",
            "--authorization-mode=RBAC",
            "--service-cluster-ip-range=10.0.0.0/24",
            "--allow-privileged=true",
            "--profiling=false"));
    if (options.audit()) {
      Files.writeString(
          workDir.resolve("audit-policy.yaml"),
          String.join(
              "\n",
              "apiVersion: audit.k8s.io/v1",
              "kind: Policy",
              "omitStages: [RequestReceived]",
              "rules:",
              "  # what was written, for the diagnosis of a failed test (the apiserver's own traffic aside)",
              "  - level: Request",
              "    verbs: [create, update, patch, delete]",
              "    userGroups: [system:masters, system:serviceaccounts]",
              "  - level: Metadata",
              ""));
      apiserver.add("--audit-policy-file=" + workDir.resolve("audit-policy.yaml"));
      apiserver.add("--audit-log-path=" + auditLog());
      apiserver.add("--audit-log-format=json");
    }
    launch("kube-apiserver", apiserver);

    writeKubeconfig();
    adminClient = new KubernetesClientBuilder().withConfig(adminConfig()).build();
    awaitReady();

    if (options.controllers() != null) {
      launch(
          "kube-controller-manager",
          List.of(
              binaryDir().resolve("kube-controller-manager").toString(),
              "--kubeconfig=" + kubeconfig,
              "--bind-address=127.0.0.1",
              "--secure-port=0",
              "--port=0",
              "--leader-elect=false",
              "--controllers=" + options.controllers(),
              "--use-service-account-credentials=false",
              "--service-account-private-key-file=" + workDir.resolve("sa.key"),
              "--root-ca-file=" + workDir.resolve("ca.crt")));
      awaitLogLine("kube-controller-manager.log", "Started \"garbagecollector\"");
    }
  }

  private void awaitLogLine(String logName, String line) {
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      for (Process p : processes) {
        if (!p.isAlive()) {
          throw new IllegalStateException("a control-plane process exited early (" + p.info().command().orElse("?")
              + ", exit " + p.exitValue() + "); logs in " + workDir + "\n" + tail(logName));
        }
      }
      try {
        if (Files.readString(workDir.resolve(logName)).contains(line)) {
          return;
        }
      } catch (IOException e) {
        // not written yet
      }
      sleep(100);
    }
    throw new IllegalStateException("no '" + line + "' in " + logName + " after " + READY_TIMEOUT + "\n" + tail(logName));
  }

  private void generateCredentials() {
    // openssl is on every machine of ours; keys are generated per run and live under target/
    openssl("genrsa", "-out", "sa.key", "2048");
    openssl("rsa", "-in", "sa.key", "-pubout", "-out", "sa.pub");
    openssl(
        "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2",
        "-subj", "/CN=sidekick-testenv-ca");
    openssl(
        "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "admin.key", "-out", "admin.csr", "-subj",
        "/O=system:masters/CN=sidekick-testenv-admin");
    openssl(
        "x509", "-req", "-in", "admin.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out",
        "admin.crt", "-days", "2");
  }

  private void openssl(String... args) {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(workDir.resolve("openssl.log").toFile())
              .start();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException(
            "openssl " + String.join(" ", args) + " failed: " + Files.readString(workDir.resolve("openssl.log")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run openssl", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void launch(String name, List<String> command) throws IOException {
    Path log = workDir.resolve(name + ".log");
    Process p =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    processes.add(p);
  }

  private void writeKubeconfig() throws IOException {
    kubeconfig = workDir.resolve("kubeconfig");
    String yaml =
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "- name: testenv",
            "  cluster:",
            "    server: " + apiServerUrl(),
            "    insecure-skip-tls-verify: true",
            "users:",
            "- name: admin",
            "  user:",
            "    client-certificate: " + workDir.resolve("admin.crt"),
            "    client-key: " + workDir.resolve("admin.key"),
            "contexts:",
            "- name: testenv",
            "  context:",
            "    cluster: testenv",
            "    user: admin",
            "current-context: testenv",
            "");
    Files.writeString(kubeconfig, yaml, StandardCharsets.UTF_8);
  }

  private void awaitReady() {
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    String last = "no answer yet";
    while (Instant.now().isBefore(deadline)) {
      for (Process p : processes) {
        if (!p.isAlive()) {
          throw new ProcessExitedEarly(
              "a control-plane process exited early (" + p.info().command().orElse("?") + ", exit "
                  + p.exitValue() + "); logs in " + workDir + "\n" + tail("kube-apiserver.log") + tail("etcd.log"));
        }
      }
      try {
        String ready = adminClient.raw("/readyz");
        if ("ok".equals(ready == null ? null : ready.trim())) {
          return;
        }
        last = String.valueOf(ready);
      } catch (RuntimeException e) {
        last = e.toString();
      }
      sleep(100);
    }
    throw new IllegalStateException(
        "kube-apiserver not ready after " + READY_TIMEOUT + " (" + last + "); logs in " + workDir + "\n"
            + tail("kube-apiserver.log"));
  }

  private String tail(String logName) {
    try {
      List<String> lines = Files.readAllLines(workDir.resolve(logName));
      return "--- " + logName + " (last lines)\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())) + "\n";
    } catch (IOException e) {
      return "";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public String apiServerUrl() {
    return "https://127.0.0.1:" + apiPort;
  }

  /** A kubeconfig file for the admin identity (for Helm and for manual inspection). */
  public Path kubeconfig() {
    return kubeconfig;
  }

  public Path workDir() {
    return workDir;
  }

  public Path clientCertificate() {
    return workDir.resolve("admin.crt");
  }

  public Path clientKey() {
    return workDir.resolve("admin.key");
  }

  /** The admin identity: a client certificate in {@code system:masters}. */
  public Config adminConfig() {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(apiServerUrl())
        .withTrustCerts(true)
        .withDisableHostnameVerification(true)
        .withClientCertFile(clientCertificate().toString())
        .withClientKeyFile(clientKey().toString())
        .withNamespace("default")
        .withRequestRetryBackoffLimit(3)
        .build();
  }

  /** The admin client, shared; closed with the environment. */
  public KubernetesClient client() {
    return adminClient;
  }

  /**
   * A new client that impersonates a service account, as the operator runs in a cluster (its user name and the
   * groups the apiserver gives every service account). The caller closes it.
   */
  public KubernetesClient clientAsServiceAccount(String namespace, String name) {
    Config config = adminConfig();
    config.setImpersonateUsername(serviceAccountUser(namespace, name));
    config.setImpersonateGroups(
        "system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated");
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** Installs the committed CRD (crds/) as a chart would, and waits until it is Established. */
  public void installCrd() {
    adminClient.resource(ProjectFiles.loadCrd()).serverSideApply();
    CrdOnRealApiServerIT.awaitEstablished(adminClient, ProjectFiles.CRD_NAME);
  }

  /**
   * A client certificate for {@code user} in {@code group}, signed by this environment's CA, for a client the
   * audit log must tell apart from the admin: {@code [certificate, key]} under the work directory.
   */
  public Path[] issueClientCertificate(String user, String group) {
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", user + ".key", "-out", user + ".csr", "-subj",
        "/O=" + group + "/CN=" + user);
    openssl("x509", "-req", "-in", user + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", user + ".crt", "-days", "2");
    return new Path[] {workDir.resolve(user + ".crt"), workDir.resolve(user + ".key")};
  }

  public static String serviceAccountUser(String namespace, String name) {
    return "system:serviceaccount:" + namespace + ":" + name;
  }

  public boolean hasControllerManager() {
    return options.controllers() != null;
  }

  private Path auditLog() {
    return workDir.resolve("audit.log");
  }

  /** The apiserver's audit events so far (needs {@link Options#audit()}), one JSON object per request. */
  public List<JsonNode> auditEvents() {
    if (!options.audit()) {
      throw new IllegalStateException("started without the audit log");
    }
    ObjectMapper json = new ObjectMapper();
    try (Stream<String> lines = Files.lines(auditLog())) {
      return lines.filter(l -> !l.isBlank()).map(l -> {
        try {
          return json.readTree(l);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The requests a user made, directly or impersonated, as "CODE VERB URI", from the audit log. */
  public List<String> requestsBy(String user) {
    return auditEvents().stream()
        .filter(e -> "ResponseComplete".equals(e.path("stage").asText()))
        .filter(e -> user.equals(e.path("impersonatedUser").path("username").asText())
            || user.equals(e.path("user").path("username").asText()))
        .map(e -> e.path("responseStatus").path("code").asInt() + " " + e.path("verb").asText() + " "
            + e.path("requestURI").asText())
        .toList();
  }

  @Override
  public void close() {
    try {
      if (adminClient != null) {
        adminClient.close();
      }
    } finally {
      stopProcesses();
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException | IllegalArgumentException e) {
        // the JVM is already shutting down, or the hook was never added
      }
      deleteQuietly(workDir.resolve("etcd-data"));
    }
  }

  /** Stops the processes by pid, newest first (controller-manager, apiserver, etcd); SIGKILL after 10 s. */
  private synchronized void stopProcesses() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process p = processes.get(i);
      if (!p.isAlive()) {
        continue;
      }
      p.destroy();
      try {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          p.waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    processes.clear();
  }

  /** Pids of the running control-plane processes (etcd, kube-apiserver, kube-controller-manager). */
  public List<Long> pids() {
    return processes.stream().filter(Process::isAlive).map(Process::pid).toList();
  }

  private static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // only disk space under target/ is at stake
    }
  }
}
