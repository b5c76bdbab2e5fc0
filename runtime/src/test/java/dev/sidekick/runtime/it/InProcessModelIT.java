package dev.sidekick.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged JVM runtime loads its in-process embedding model as in a pod: the home directory cannot be written
 * (the root filesystem is read-only there), so every native library goes under java.io.tmpdir, to fixed
 * directories a restart reuses, and only linux-x64's are in the package.
 */
class InProcessModelIT {
  @TempDir Path dir;

  @Test
  void the_model_loads_with_its_native_libraries_under_tmp_and_nothing_in_the_home_directory() throws Exception {
    String nativePath = System.getProperty("native.image.path");
    if (nativePath != null && Files.isExecutable(Path.of(nativePath))) {
      return; // a native executable has no in-process model (it embeds through an endpoint)
    }
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    int port = freePort();
    Path config = PackagedRuntime.writeConfig(dir, "http://127.0.0.1:" + freePort(), "t", """
        - name: us-store
          channels: [CHAT]
        """, "us-store");
    ProcessBuilder pb = PackagedRuntime.onLoopback(PackagedRuntime.command(), config, port, dir.resolve("runtime.log"));
    // /proc refuses new directories even to root: a home directory nothing can be written to.
    pb.environment().put("JAVA_TOOL_OPTIONS", "-Duser.home=/proc/sidekick-no-home -Djava.io.tmpdir=" + tmp);
    Process process = pb.start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
          HttpResponse.BodyHandlers.ofString()).body().matches("(?s).*\"knowledge-base\".*?\"status\": *\"UP\".*"));

      assertThat(tmp.resolve("sidekick-onnxruntime-1.20.0/libonnxruntime.so")).isRegularFile();
      try (Stream<Path> djl = Files.walk(tmp.resolve("sidekick-djl"))) {
        assertThat(djl.map(p -> p.getFileName().toString())).contains("libtokenizers.so");
      }
      // ONNX Runtime still makes its own temporary directory on each start, but leaves it empty.
      try (Stream<Path> left = Files.walk(tmp)) {
        assertThat(left.filter(p -> p.toString().contains("onnxruntime-java") && Files.isRegularFile(p)))
            .as("no per-start copy of ONNX Runtime").isEmpty();
      }
      assertThat(Files.readString(dir.resolve("runtime.log"))).contains("loaded in").doesNotContain("cannot be loaded");
    } finally {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    Path lib = Path.of("target/quarkus-app/lib");
    try (Stream<Path> jars = Files.walk(lib)) {
      for (Path jar : jars.filter(p -> p.getFileName().toString().contains("onnxruntime")
          || p.getFileName().toString().contains("tokenizers")).toList()) {
        try (java.util.jar.JarFile j = new java.util.jar.JarFile(jar.toFile())) {
          assertThat(j.stream().map(java.util.zip.ZipEntry::getName)
              .filter(n -> n.matches(".*(osx|win|aarch64).*\\.(so|dylib|dll)")))
              .as("only linux-x64 natives in %s", jar).isEmpty();
        }
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
