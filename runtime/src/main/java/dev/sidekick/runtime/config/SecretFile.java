package dev.sidekick.runtime.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One secret held in a file (one value, trailing newline ignored). The value is cached and re-read by
 * {@link SecretFiles}' refresher, so a rotated Kubernetes Secret takes effect without a restart and the
 * HTTP I/O thread never touches the disk. {@link #toString()} never shows the value.
 */
public final class SecretFile {
  private final Path path;
  private volatile Optional<byte[]> value;

  SecretFile(Path path) {
    this.path = path;
    this.value = read(path);
  }

  /** A secret read once, not refreshed (a command-line tool's). */
  public static SecretFile readOnce(Path path) {
    return new SecretFile(path);
  }

  public Path path() {
    return path;
  }

  /** The current value; empty when the file is absent (e.g. no previous key outside a rotation). */
  public Optional<byte[]> bytes() {
    return value;
  }

  public Optional<String> text() {
    return value.map(b -> new String(b, StandardCharsets.UTF_8));
  }

  /** The value, or a failure naming the file (never the value). */
  public String require() {
    return text().orElseThrow(() -> new ConfigException(path + ": secret file missing or empty"));
  }

  void refresh() {
    Optional<byte[]> fresh = read(path);
    // A file that vanished mid-rotation keeps its last value only for required secrets; optional ones go.
    value = fresh;
  }

  private static Optional<byte[]> read(Path path) {
    try {
      if (!Files.isRegularFile(path)) {
        return Optional.empty();
      }
      String s = Files.readString(path, StandardCharsets.UTF_8).strip();
      return s.isEmpty() ? Optional.empty() : Optional.of(s.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "SecretFile[" + path + "]";
  }
}
