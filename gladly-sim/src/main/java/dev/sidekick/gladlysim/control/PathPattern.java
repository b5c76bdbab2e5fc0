package dev.sidekick.gladlysim.control;

import java.util.regex.Pattern;

/** A path glob: {@code *} matches one segment, {@code **} any rest. Compiled once. */
public final class PathPattern {
  private final String glob;
  private final Pattern regex;

  private PathPattern(String glob) {
    this.glob = glob;
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        sb.append(".*");
        i++;
      } else if (c == '*') {
        sb.append("[^/]+");
      } else {
        sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    this.regex = Pattern.compile(sb.toString());
  }

  public static PathPattern of(String glob) {
    return new PathPattern(glob);
  }

  public boolean matches(String path) {
    return regex.matcher(path).matches();
  }

  @Override
  public String toString() {
    return glob;
  }
}
