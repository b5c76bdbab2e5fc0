package dev.sidekick.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad configuration file stops the packaged runtime at start-up, naming the field and no secret. */
class BadConfigurationIT {
  @TempDir Path dir;

  @Test
  void the_runtime_refuses_to_start_and_says_which_field_is_wrong() throws Exception {
    Files.createDirectories(dir.resolve("keys"));
    Files.writeString(dir.resolve("keys/EMEA_Brand"), "a-webhook-key");
    Files.writeString(dir.resolve("email"), "sidekick@acme.example");
    Files.writeString(dir.resolve("token"), "sup3r-secret-token");
    Files.writeString(dir.resolve("kb.yaml"), "entries: [{id: a, phrases: [x], answer: y}]\n");
    Files.writeString(
        dir.resolve("runtime.yaml"),
        """
        version: 1
        gladly:
          baseUrl: https://acme.gladly.com
          credentials: { emailFile: email, tokenFile: token }
        keysDir: keys
        responder: { knowledgeBase: { file: kb.yaml } }
        endpoints:
          - name: us-store
            channels: [CHAT]
          - name: EMEA_Brand
            channels: [CHAT]
        """);
    Files.writeString(dir.resolve("keys/us-store"), "another-webhook-key");

    ProcessBuilder pb = new ProcessBuilder(command()).redirectErrorStream(true);
    pb.environment().put("SIDEKICK_CONFIG", dir.resolve("runtime.yaml").toString());
    pb.environment().put("QUARKUS_HTTP_PORT", "0");
    Process process = pb.start();
    boolean exited = process.waitFor(60, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(exited).as("the runtime stops by itself").isTrue();
    assertThat(process.exitValue()).isNotZero();
    assertThat(output).contains("runtime.yaml: endpoints[1].name: must be a DNS label (got \\\"EMEA_Brand\\\")");
    assertThat(output).doesNotContain("sup3r-secret-token").doesNotContain("webhook-key");
  }

  /** The native executable when this run built one, otherwise the jar. */
  private static List<String> command() throws IOException {
    List<String> cmd = new ArrayList<>();
    String nativePath = System.getProperty("native.image.path");
    if (nativePath != null && Files.isExecutable(Path.of(nativePath))) {
      cmd.add(nativePath);
    } else {
      Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
      if (!Files.exists(jar)) {
        throw new IOException("package the runtime first: " + jar.toAbsolutePath() + " is missing");
      }
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-jar");
      cmd.add(jar.toString());
    }
    return cmd;
  }
}
