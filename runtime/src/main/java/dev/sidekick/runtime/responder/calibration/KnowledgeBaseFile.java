package dev.sidekick.runtime.responder.calibration;

import dev.sidekick.runtime.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code calibrate --write}: the author's knowledge-base file as they wrote it (comments, order, quoting), with the
 * recommended {@code confidenceThreshold} and {@code margin} in place of theirs, or added at the top when it has none.
 */
final class KnowledgeBaseFile {
  private static final Pattern THRESHOLD = Pattern.compile("^confidenceThreshold:.*$");
  private static final Pattern MARGIN = Pattern.compile("^margin:.*$");

  private KnowledgeBaseFile() {}

  static void writeDecision(Path from, Path to, double threshold, double margin) {
    List<String> lines;
    try {
      lines = new ArrayList<>(Files.readAllLines(from));
    } catch (IOException e) {
      throw new ConfigException(from + ": cannot be read: " + e.getClass().getSimpleName());
    }
    String t = String.format(Locale.ROOT, "confidenceThreshold: %.2f   # scripts/knowledge-base calibrate --write", threshold);
    String m = String.format(Locale.ROOT, "margin: %.2f               # scripts/knowledge-base calibrate --write", margin);
    boolean hasT = replace(lines, THRESHOLD, t);
    boolean hasM = replace(lines, MARGIN, m);
    int top = 0;
    while (top < lines.size() && (lines.get(top).startsWith("#") || lines.get(top).startsWith("---"))) {
      top++;
    }
    if (!hasM) {
      lines.add(top, m);
    }
    if (!hasT) {
      lines.add(top, t);
    }
    try {
      Files.write(to, lines);
    } catch (IOException e) {
      throw new ConfigException(to + ": cannot be written: " + e.getClass().getSimpleName());
    }
  }

  private static boolean replace(List<String> lines, Pattern key, String with) {
    for (int i = 0; i < lines.size(); i++) {
      if (key.matcher(lines.get(i)).matches()) {
        lines.set(i, with);
        return true;
      }
    }
    return false;
  }
}
