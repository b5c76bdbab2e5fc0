package dev.sidekick.runtime.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's redis-server for a test (scripts/install-redis): on 127.0.0.1 on a free port, nothing saved to disk, stopped
 * by its pid. {@link #stop()} and {@link #start()} again on the same port play an outage of the store.
 */
public final class RedisServer implements AutoCloseable {
  private static final Path BINARY = Path.of("/usr/bin/redis-server");
  private final int port;
  private final Path dir;
  private final boolean tls;
  private List<String> options;
  private Process process;

  private RedisServer(int port, Path dir, boolean tls, List<String> options) {
    this.port = port;
    this.dir = dir;
    this.tls = tls;
    this.options = options;
  }

  public static RedisServer start(Path dir) throws IOException {
    return start(dir, List.of());
  }

  /** With more of redis-server's options ({@code --replicaof 127.0.0.1 PORT}, {@code --requirepass ...}). */
  public static RedisServer start(Path dir, List<String> options) throws IOException {
    requireBinary();
    RedisServer server = new RedisServer(freePort(), dir, false, options);
    server.start();
    return server;
  }

  /**
   * With TLS only (no plain port), the server certificate of {@code certificates}, clients not asked for certificates;
   * more options as above.
   */
  public static RedisServer startTls(Path dir, TestCertificates certificates, List<String> options) throws IOException {
    requireBinary();
    List<String> all = new ArrayList<>(List.of("--tls-cert-file", certificates.serverCertificate().toString(),
        "--tls-key-file", certificates.serverKey().toString(), "--tls-ca-cert-file", certificates.ca().toString(),
        "--tls-auth-clients", "no"));
    all.addAll(options);
    RedisServer server = new RedisServer(freePort(), dir, true, all);
    server.start();
    return server;
  }

  private static void requireBinary() {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(
          "the shared-store tests need Debian's redis-server (" + BINARY + "): run scripts/prepare-test-env"
              + " (it runs scripts/install-redis), then the tests again");
    }
  }

  /** Starts the stopped server again on its port, empty, with other options (a lost primary back as a replica). */
  public synchronized void start(List<String> options) throws IOException {
    this.options = options;
    start();
  }

  /** (Re)starts the server on its port, empty. */
  public synchronized void start() throws IOException {
    if (process != null && process.isAlive()) {
      return;
    }
    List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--port", tls ? "0" : Integer.toString(port),
        "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no"));
    if (tls) {
      command.addAll(List.of("--tls-port", Integer.toString(port)));
    }
    command.addAll(options);
    process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis-" + port + ".log").toFile()))
        .start();
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!ping()) {
      if (System.nanoTime() > end || !process.isAlive()) {
        throw new IOException("redis-server did not start on port " + port + " (see " + dir + ")");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted");
      }
    }
  }

  /** Stops the server by its pid (SIGTERM, then SIGKILL), as an outage of the store. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGKILL by its pid: the node is lost where it stands, with what it had not passed on to its replicas. */
  public synchronized void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  public String url() {
    return (tls ? "rediss" : "redis") + "://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Whether the server answers PING (with TLS: takes connections, the handshake is the runtime's to test). */
  public boolean ping() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      if (tls) {
        return true;
      }
      s.setSoTimeout(500);
      OutputStream out = s.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] answer = new byte[7];
      int n = in.read(answer);
      // -NOAUTH: it answers, and wants a password
      return n > 0 && (new String(answer, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG")
          || new String(answer, 0, n, StandardCharsets.US_ASCII).startsWith("-NOAUTH"));
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    stop();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
