package dev.sidekick.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** How long each step of the walkthrough took, and other figures, written as a Markdown table after each step. */
final class StepTimes {
  private final Path report;
  private final Map<String, String> rows = new LinkedHashMap<>();

  StepTimes(Path report) {
    this.report = report;
  }

  <T> T time(String step, java.util.function.Supplier<T> work) {
    long t0 = System.nanoTime();
    try {
      return work.get();
    } finally {
      record(step, String.format("%.1f s", (System.nanoTime() - t0) / 1e9));
    }
  }

  void time(String step, Runnable work) {
    time(step, () -> {
      work.run();
      return null;
    });
  }

  synchronized void record(String what, String figure) {
    rows.put(what, figure);
    StringBuilder md = new StringBuilder("| step or figure | value |\n|---|---|\n");
    rows.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    try {
      Files.createDirectories(report.getParent());
      Files.writeString(report, md);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    System.out.println("e2e: " + what + ": " + figure);
  }

  static String seconds(Duration d) {
    return String.format("%.1f s", d.toMillis() / 1000.0);
  }
}
