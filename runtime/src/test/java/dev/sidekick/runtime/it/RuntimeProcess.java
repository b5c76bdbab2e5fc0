package dev.sidekick.runtime.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One replica of the packaged runtime as a process of its own on 127.0.0.1, stopped (or killed) by its pid. */
final class RuntimeProcess implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final String name;
  private final Path config;
  private final Path log;
  private final int port;
  private Process process;

  private RuntimeProcess(String name, Path config, Path log, int port) {
    this.name = name;
    this.config = config;
    this.log = log;
    this.port = port;
  }

  /** Starts a replica; its log goes to {@code logs/NAME.log} (kept after the test, for a failure's story). */
  static RuntimeProcess start(String name, Path config, Path logs) throws IOException {
    java.nio.file.Files.createDirectories(logs);
    RuntimeProcess p = new RuntimeProcess(name, config, logs.resolve(name + ".log"), freePort());
    p.start();
    return p;
  }

  /** (Re)starts the replica on its port. */
  void start() throws IOException {
    List<String> cmd = new ArrayList<>(PackagedRuntime.command());
    if (cmd.get(0).endsWith("java")) {
      cmd.add(1, "-Xmx256m");
    }
    ProcessBuilder pb = PackagedRuntime.onLoopback(cmd, config, port, log);
    pb.environment().put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
    process = pb.start();
  }

  void awaitReady(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      try {
        if (readiness().statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + " (see " + log + ")");
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(name + " not ready after " + timeout + " (see " + log + ")");
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** GET /q/health/ready as it stands (status and body). */
  HttpResponse<String> readiness() throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  Path log() {
    return log;
  }

  String name() {
    return name;
  }

  /** SIGKILL: the replica dies where it stands, requests in flight and all. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
