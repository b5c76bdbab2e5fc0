package dev.sidekick.shopsim.seed;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A seed time: an ISO-8601 instant, or relative to "now" ({@code -3d}, {@code +2d}, {@code -5h}, {@code -30m}). */
public final class When {
  private static final Pattern RELATIVE = Pattern.compile("([+-])(\\d+)([dhm])");

  private When() {}

  /** Null stays null. */
  public static Instant at(String value, Instant now, String field) {
    if (value == null || value.isBlank()) return null;
    Matcher m = RELATIVE.matcher(value.trim());
    if (m.matches()) {
      long n = Long.parseLong(m.group(2));
      Duration d = switch (m.group(3)) {
        case "d" -> Duration.ofDays(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofMinutes(n);
      };
      return m.group(1).equals("-") ? now.minus(d) : now.plus(d);
    }
    try {
      return Instant.parse(value.trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(field + ": not an instant or a relative time such as -3d (got \"" + value + "\")");
    }
  }
}
