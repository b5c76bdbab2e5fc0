package dev.sidekick.runtime.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The packaged runtime as a process of its own, and the files of a configuration for it. */
final class PackagedRuntime {
  private PackagedRuntime() {}

  /** The native executable when this run built one, otherwise the jar. */
  static List<String> command() throws IOException {
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

  /**
   * Writes {@code dir}/runtime.yaml for Gladly at {@code gladlyUrl} with these {@code endpoints} (YAML list
   * items), beside its secret files (the API token, a key file per endpoint name in {@code keyFiles}) and a
   * one-entry knowledge base. Returns the configuration file.
   */
  static Path writeConfig(Path dir, String gladlyUrl, String token, String endpoints, String... keyFiles)
      throws IOException {
    Files.createDirectories(dir.resolve("keys"));
    for (String endpoint : keyFiles) {
      Files.writeString(dir.resolve("keys").resolve(endpoint), "a-webhook-key-of-" + endpoint);
    }
    Files.writeString(dir.resolve("email"), "sidekick@acme.example");
    Files.writeString(dir.resolve("token"), token);
    Files.writeString(dir.resolve("kb.yaml"), "entries: [{id: a, phrases: [x], answer: y}]\n");
    return Files.writeString(dir.resolve("runtime.yaml"), """
        version: 1
        gladly:
          baseUrl: %s
          credentials: { emailFile: email, tokenFile: token }
        keysDir: keys
        responder: { knowledgeBase: { file: kb.yaml } }
        endpoints:
        %s""".formatted(gladlyUrl, endpoints.indent(2)));
  }
}
