package dev.sidekick.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command from the repository root, as a person would type it, and says what it printed. */
final class Shell {
  record Result(List<String> command, int exit, String out, String err) {
    Result ok() {
      if (exit != 0) {
        throw new AssertionError(String.join(" ", command) + " exited " + exit + "\n--- stdout\n" + tail(out) + "\n--- stderr\n" + tail(err));
      }
      return this;
    }

    private static String tail(String s) {
      return s.length() <= 6000 ? s : "..." + s.substring(s.length() - 6000);
    }
  }

  private final Path root;
  private final Map<String, String> env;

  Shell(Path root, Map<String, String> env) {
    this.root = root;
    this.env = Map.copyOf(env);
  }

  /** With more environment variables. */
  Shell with(Map<String, String> more) {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.putAll(more);
    return new Shell(root, all);
  }

  Path root() {
    return root;
  }

  String env(String name) {
    String value = env.get(name);
    if (value == null) throw new IllegalStateException("no " + name + " in the environment");
    return value;
  }

  Result run(Duration timeout, String... command) {
    try {
      Path out = Files.createTempFile("e2e-out", ".txt");
      Path err = Files.createTempFile("e2e-err", ".txt");
      try {
        ProcessBuilder pb = new ProcessBuilder(resolved(command)).directory(root.toFile())
            .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
          throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout + "\n"
              + Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Result(List.of(command), p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A bare program name looked up on this shell's PATH (Java would look it up on the test JVM's own). */
  private String[] resolved(String[] command) {
    String[] out = command.clone();
    if (!out[0].contains("/") && env.containsKey("PATH")) {
      for (String dir : env.get("PATH").split(":")) {
        Path candidate = Path.of(dir, out[0]);
        if (Files.isExecutable(candidate)) {
          out[0] = candidate.toString();
          break;
        }
      }
    }
    return out;
  }

  /** Runs and fails the test with the command's output when it exits non-zero. */
  String ok(Duration timeout, String... command) {
    return run(timeout, command).ok().out();
  }
}
