package dev.sidekick.runtime.harvest;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The command line of {@code knowledge-base harvest}; a bad one is an {@link IllegalArgumentException} naming it. */
record HarvestOptions(
    URI gladlyUrl, Path emailFile, Path tokenFile, String since, Optional<String> until, Path out, boolean append,
    Optional<Path> kb, boolean includeContact) {
  /** How far back Gladly's Events API serves events (API.md §4.9). */
  static final Duration EVENTS_WINDOW = Duration.ofHours(24);
  // A start right at the window's edge is outside it by the time Gladly reads the request.
  private static final Duration EDGE = Duration.ofSeconds(30);
  private static final Pattern DURATION = Pattern.compile("(\\d+)([smhd])");

  static final String USAGE = "usage: harvest --gladly-url URL --email-file F --token-file F --out DRAFT.yaml [--append]"
      + " [--since ISO|24h] [--until ISO] [--kb KB.yaml] [--include-contact] (see scripts/knowledge-base --help)";

  static HarvestOptions parse(List<String> args) {
    String url = null;
    String email = null;
    String token = null;
    String since = "24h";
    String until = null;
    String out = null;
    String kb = null;
    boolean append = false;
    boolean contact = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "--gladly-url" -> url = value(args, ++i, a);
        case "--email-file" -> email = value(args, ++i, a);
        case "--token-file" -> token = value(args, ++i, a);
        case "--since" -> since = value(args, ++i, a);
        case "--until" -> until = value(args, ++i, a);
        case "--out" -> out = value(args, ++i, a);
        case "--kb" -> kb = value(args, ++i, a);
        case "--append" -> append = true;
        case "--include-contact" -> contact = true;
        default -> throw new IllegalArgumentException((a.startsWith("--") ? "unknown option " : "unexpected ") + a + "\n" + USAGE);
      }
    }
    if (url == null || email == null || token == null || out == null) {
      throw new IllegalArgumentException("--gladly-url, --email-file, --token-file and --out are required\n" + USAGE);
    }
    URI gladly = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    if (!"https".equals(gladly.getScheme()) && !"http".equals(gladly.getScheme())) {
      throw new IllegalArgumentException("--gladly-url must be the organization's http(s) URL (got " + url + ")");
    }
    return new HarvestOptions(gladly, readable(email, "--email-file"), readable(token, "--token-file"), since,
        Optional.ofNullable(until), writable(Path.of(out), append), append, Optional.ofNullable(kb).map(Path::of), contact);
  }

  /** The range's start, given Gladly's time now: refused when it is older than the Events API serves. */
  Instant start(Instant now) {
    Matcher d = DURATION.matcher(since);
    if (d.matches()) {
      Duration back = Duration.ofSeconds(Long.parseLong(d.group(1)) * switch (d.group(2)) {
        case "s" -> 1L;
        case "m" -> 60L;
        case "h" -> 3600L;
        default -> 86400L;
      });
      if (back.compareTo(EVENTS_WINDOW) > 0) {
        throw tooOld("--since " + since);
      }
      Instant earliest = now.minus(EVENTS_WINDOW).plus(EDGE);
      Instant start = now.minus(back);
      return start.isBefore(earliest) ? earliest : start;
    }
    Instant start = time(since, "--since");
    if (start.isBefore(now.minus(EVENTS_WINDOW))) {
      throw tooOld("--since " + since + " (Gladly's time now is " + now + ")");
    }
    return start;
  }

  /** The range's end: --until, else now. */
  Instant end(Instant start, Instant now) {
    Instant end = until.map(u -> time(u, "--until")).orElse(now);
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("--until must come after --since");
    }
    return end;
  }

  private static IllegalArgumentException tooOld(String what) {
    return new IllegalArgumentException(what + " is older than 24 hours: Gladly's Events API serves only the last 24 hours."
        + " Harvest a longer period by running harvest every day (--since 24h --append onto the same file).");
  }

  private static Instant time(String value, String option) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(option + " must be an ISO 8601 time with an offset (2026-03-01T09:00:00Z)"
          + (option.equals("--since") ? " or a duration back from now (24h, 90m)" : "") + " (got " + value + ")");
    }
  }

  private static String value(List<String> args, int i, String option) {
    if (i >= args.size()) {
      throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
    }
    return args.get(i);
  }

  private static Path readable(String file, String option) {
    Path p = Path.of(file);
    if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
      throw new IllegalArgumentException(option + " " + file + ": no readable file");
    }
    return p;
  }

  /** Checked before Gladly is asked anything: the draft can be written (a new file, or an existing one with --append). */
  private static Path writable(Path out, boolean append) {
    Path dir = out.toAbsolutePath().getParent();
    if (Files.exists(out)) {
      if (!append) {
        throw new IllegalArgumentException("--out " + out + " exists: --append adds to it (or name a new file)");
      }
      if (!Files.isRegularFile(out) || !Files.isWritable(out)) {
        throw new IllegalArgumentException("--out " + out + ": cannot be written");
      }
    } else if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
      throw new IllegalArgumentException("--out " + out + ": cannot be written (no writable directory " + dir + ")");
    }
    return out;
  }
}
