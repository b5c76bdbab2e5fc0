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
   * The packaged runtime on 127.0.0.1:{@code port} with the configuration {@code config}, its output appended to
   * {@code log}; {@code command} is {@link #command()}, or a variant of it (JVM options).
   */
  static ProcessBuilder onLoopback(List<String> command, Path config, int port, Path log) {
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().put("SIDEKICK_CONFIG", config.toString());
    pb.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
    pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
    return pb;
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
