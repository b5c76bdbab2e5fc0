package dev.sidekick.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of the native build without GraalVM: `package` wrote the native-image sources
 * (target/native-sources), and their reflection configuration registers the classes Jackson writes.
 * With -Dnative the executable itself is built and SidekickIT runs against it instead.
 */
class NativeSourcesIT {

  @Test
  void the_native_image_sources_register_the_webhook_answer_for_reflection() throws IOException {
    String nativePath = System.getProperty("native.image.path");
    if (nativePath != null && Files.isExecutable(Path.of(nativePath))) {
      return; // a real native executable was built and is tested by SidekickIT
    }
    Path sources = Path.of("target/native-sources");
    assertThat(sources.resolve("native-image.args")).exists();
    Path runner;
    try (var files = Files.list(sources)) {
      runner = files.filter(p -> p.getFileName().toString().endsWith("-runner.jar")).findFirst().orElseThrow();
    }
    try (JarFile jar = new JarFile(runner.toFile())) {
      ZipEntry reflection = jar.getEntry("META-INF/native-image/reflect-config.json");
      assertThat(reflection).isNotNull();
      try (InputStream in = jar.getInputStream(reflection)) {
        String config = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(config).contains("dev.sidekick.runtime.webhook.WebhookAnswer");
      }
      // The typo corrector's and the language detector's word list is read as a resource.
      try (InputStream in = jar.getInputStream(jar.getEntry("META-INF/native-image/resource-config.json"))) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("english-words");
      }
    }
  }
}
