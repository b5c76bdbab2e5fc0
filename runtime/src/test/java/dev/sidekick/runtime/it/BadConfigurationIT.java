package dev.sidekick.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad configuration file stops the packaged runtime at start-up, naming the field and no secret. */
class BadConfigurationIT {
  @TempDir Path dir;

  @Test
  void the_runtime_refuses_to_start_and_says_which_field_is_wrong() throws Exception {
    Path config = PackagedRuntime.writeConfig(dir, "https://acme.gladly.com", "sup3r-secret-token", """
        - name: us-store
          channels: [CHAT]
        - name: EMEA_Brand
          channels: [CHAT]
        """, "us-store", "EMEA_Brand");

    ProcessBuilder pb = new ProcessBuilder(PackagedRuntime.command()).redirectErrorStream(true);
    pb.environment().put("SIDEKICK_CONFIG", config.toString());
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
}
