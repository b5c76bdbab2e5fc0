package dev.sidekick.operator.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged operator (target/quarkus-app, prod profile: leader election on, server-side apply on) run as a
 * process of its own, as one replica of the chart's Deployment would run: its identity in HOSTNAME, its settings
 * in the environment. Stopped by pid; {@link #kill()} is a crash (SIGKILL, no lease released).
 */
final class OperatorProcess implements AutoCloseable {

  private final String identity;
  private final Path log;
  private final Process process;

  private OperatorProcess(String identity, Path log, Process process) {
    this.identity = identity;
    this.log = log;
    this.process = process;
  }

  /**
   * Starts a replica named {@code identity} with {@code environment} added to this JVM's environment and
   * {@code systemProperties} as -D flags; its output goes to {@code logDir}/{@code identity}.log.
   */
  static OperatorProcess start(
      String identity, Map<String, String> environment, Map<String, String> systemProperties, Path logDir) {
    Path jar = ProjectFiles.operatorModule().resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: the packaged operator is built by `mvn -B -pl operator"
          + " package` (mvn verify builds it before the integration tests)");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add("-jar");
    command.add(jar.toString());
    Path log = logDir.resolve(identity + ".log");
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(jar.getParent().toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    builder.environment().put("HOSTNAME", identity);
    try {
      return new OperatorProcess(identity, log, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String identity() {
    return identity;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The replica's output so far, for assertion messages. */
  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** A crash: SIGKILL, so the replica neither releases its lease nor finishes anything it was doing. */
  void kill() {
    process.destroyForcibly();
    waitForExit();
  }

  /** A graceful stop (SIGTERM, as Kubernetes stops a pod); SIGKILL after 20 s. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      kill();
      Thread.currentThread().interrupt();
    }
  }

  private void waitForExit() {
    try {
      process.waitFor(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
