package dev.sidekick.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runtime told to stop (SIGTERM, which Kubernetes sends after the pod's preStop pause) keeps answering for a few
 * seconds and asks each client to close its connection after the answer: Gladly's pooled keep-alive connections to the
 * pod are closed by Gladly between two deliveries, not by the pod under a delivery in flight (which Gladly counts as a
 * failed delivery and retries only 30 s later).
 */
class StoppingIT {
  @TempDir Path dir;

  @Test
  void told_to_stop_it_keeps_answering_a_few_seconds_and_asks_clients_to_close_their_connections() throws Exception {
    int port = freePort();
    Path config = PackagedRuntime.writeConfig(dir, "http://127.0.0.1:" + freePort(), "t", """
        - name: us-store
          channels: [CHAT]
        """, "us-store");
    Path log = Path.of("target", "it-logs", "StoppingIT.log"); // kept after the test, for a failure's story
    java.nio.file.Files.createDirectories(log.getParent());
    Process process = PackagedRuntime.onLoopback(PackagedRuntime.command(), config, port, log).start();
    try (Socket pooled = new Socket()) {
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
          .until(() -> oneRequest(port).get(0).contains(" 200 "));
      // started to the end (a process stopped while it still starts has nothing to drain)
      await().atMost(Duration.ofSeconds(60)).until(() -> java.nio.file.Files.readString(log).contains(" started in "));
      pooled.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
      pooled.setSoTimeout(5000);
      List<String> before = get(pooled);
      assertThat(before.get(0)).contains(" 200 ");
      assertThat(before).as("kept alive while running").noneMatch(StoppingIT::closes);

      process.destroy(); // SIGTERM
      Thread.sleep(1000);

      List<String> onPooled = get(pooled);
      assertThat(onPooled.get(0)).as("the pooled connection still answered").contains(" 200 ");
      assertThat(onPooled).as("and told to close").anyMatch(StoppingIT::closes);
      List<String> onNew = oneRequest(port);
      assertThat(onNew.get(0)).as("a new connection still answered").contains(" 200 ");
      assertThat(onNew).anyMatch(StoppingIT::closes);
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("then it stops").isTrue();
    } finally {
      if (process.isAlive()) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static boolean closes(String header) {
    return header.toLowerCase(Locale.ROOT).replace(" ", "").equals("connection:close");
  }

  private static List<String> oneRequest(int port) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(5000);
      return get(s);
    }
  }

  /** GET /q/health/live on the connection; the status line and the headers. */
  private static List<String> get(Socket s) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write("GET /q/health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
    List<String> head = new ArrayList<>();
    int length = 0;
    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
      head.add(line);
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    for (int i = 0; i < length; i++) {
      in.read(); // the body, so that the next answer on this connection starts clean
    }
    if (head.isEmpty()) {
      throw new IOException("no answer");
    }
    return head;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
