package dev.sidekick.runtime.responder.calibration;

import dev.sidekick.runtime.responder.Inquiry;
import dev.sidekick.runtime.responder.Reply;
import dev.sidekick.runtime.responder.Responder;
import dev.sidekick.runtime.responder.knowledge.KnowledgeBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A responder scored on a labelled set from outside, by its replies as a customer would get them: an answer is
 * the entry whose answer (or menu option's answer) it is; "Did you mean" is a menu; a hand-off, a greeting and a
 * goodbye are what they are. Each message is decided several times for the decision time's p50 and p99.
 */
public final class Evaluation {
  /** What happened to one labelled message. */
  public enum Result {
    CORRECT("correct"),
    MENU("menu"),
    WRONG_ENTRY("wrong entry"),
    FALSE_ANSWER("false answer"),
    MISSED("missed");

    final String label;

    Result(String label) {
      this.label = label;
    }
  }

  /** One message's result, what Sidekick did (in words), and whether a hand-off named the expected reason. */
  public record Scored(LabelledSet.Message message, Result result, String did, boolean reasonRight) {}

  private final List<Scored> scored;
  private final long[] nanos;
  private final long[] cpuNanos;
  private final Map<String, long[]> nanosByChannel;

  private Evaluation(List<Scored> scored, long[] nanos, long[] cpuNanos, Map<String, long[]> nanosByChannel) {
    this.scored = scored;
    this.nanos = nanos;
    this.cpuNanos = cpuNanos;
    this.nanosByChannel = nanosByChannel;
  }

  public static Evaluation run(Responder responder, KnowledgeBase kb, LabelledSet set, int rounds) {
    List<Scored> scored = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    List<Long> cpu = new ArrayList<>();
    Map<String, List<Long>> byChannel = new java.util.TreeMap<>();
    // CPU time of the deciding thread too: on shared cores the wall time also counts the wait for a core.
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    for (LabelledSet.Message m : set.messages()) {
      responder.respond(Inquiry.of(m.text()), Duration.ofSeconds(5)); // warm-up
    }
    for (LabelledSet.Message m : set.messages()) {
      Reply reply = null;
      for (int r = 0; r < rounds; r++) {
        long startCpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        reply = responder.respond(Inquiry.of(m.text()), Duration.ofSeconds(5));
        long took = System.nanoTime() - start;
        times.add(took);
        cpu.add(threads.getCurrentThreadCpuTime() - startCpu);
        byChannel.computeIfAbsent(m.channel(), c -> new ArrayList<>()).add(took);
      }
      scored.add(score(m, reply, kb));
    }
    Map<String, long[]> sortedByChannel = new java.util.TreeMap<>();
    byChannel.forEach((c, t) -> sortedByChannel.put(c, t.stream().mapToLong(Long::longValue).sorted().toArray()));
    return new Evaluation(scored, times.stream().mapToLong(Long::longValue).sorted().toArray(),
        cpu.stream().mapToLong(Long::longValue).sorted().toArray(), sortedByChannel);
  }

  public List<Scored> scored() {
    return scored;
  }

  /** The decision time's percentile, in milliseconds. */
  public double percentileMillis(double p) {
    return percentile(nanos, p);
  }

  /** The percentile of the deciding thread's CPU time per decision, in milliseconds. */
  public double cpuPercentileMillis(double p) {
    return percentile(cpuNanos, p);
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }

  public int decisions() {
    return nanos.length;
  }

  static Scored score(LabelledSet.Message m, Reply reply, KnowledgeBase kb) {
    LabelledSet.Expect expect = m.expect();
    String did;
    Result result;
    boolean reasonRight = false;
    if (reply instanceof Reply.Handoff h) {
      did = "handed off: " + h.reason();
      reasonRight = expect.reason().isPresent() && h.transfer().equals(expect.reason());
      result = switch (expect.kind()) {
        case HANDOFF -> Result.CORRECT;
        default -> Result.MISSED;
      };
    } else if (reply instanceof Reply.Close) {
      did = "closed";
      result = switch (expect.kind()) {
        case CLOSE -> Result.CORRECT;
        case HANDOFF -> Result.FALSE_ANSWER;
        default -> Result.WRONG_ENTRY;
      };
    } else {
      Reply.Answer a = (Reply.Answer) reply;
      Optional<String> entry = entryOf(a, kb);
      boolean menu = a.reason().startsWith("did you mean");
      boolean greeting = a.reason().equals("greeting");
      // the decision's reason carries the scores ("knowledge base: order-status at 0.61, next shipping at 0.56")
      did = menu ? "menu: " + a.options().stream().map(Reply.Option::label).toList() + " (" + a.reason() + ")"
          : greeting ? "greeting" : "answered " + entry.orElse("?") + " (" + a.reason() + ")";
      if (expect.kind() == LabelledSet.Expect.Kind.HANDOFF) {
        result = menu ? Result.MENU : Result.FALSE_ANSWER;
      } else if (expect.kind() == LabelledSet.Expect.Kind.GREETING) {
        result = greeting ? Result.CORRECT : menu ? Result.MENU : Result.WRONG_ENTRY;
      } else if (expect.kind() == LabelledSet.Expect.Kind.CLOSE) {
        result = menu ? Result.MENU : Result.WRONG_ENTRY;
      } else if (menu) {
        List<String> offered = a.options().stream()
            .flatMap(o -> kb.entries().stream().filter(e -> e.title().equals(o.label())).map(KnowledgeBase.Entry::id))
            .toList();
        boolean both = expect.entries().size() > 1 && offered.containsAll(expect.entries());
        result = both ? Result.CORRECT : Result.MENU;
        did += offered.stream().anyMatch(expect.entries()::contains) ? " (offers it)" : " (does not offer it)";
      } else {
        result = entry.isPresent() && expect.entries().contains(entry.get()) ? Result.CORRECT : Result.WRONG_ENTRY;
      }
    }
    return new Scored(m, result, did, reasonRight);
  }

  /** The entry an answer comes from: its answer, or one of its menu options' answers. */
  private static Optional<String> entryOf(Reply.Answer a, KnowledgeBase kb) {
    for (KnowledgeBase.Entry e : kb.entries()) {
      if (e.answers().contains(a.text())) {
        return Optional.of(e.id());
      }
    }
    return Optional.empty();
  }

  /** The table per category and per channel, then the totals and the goals, as Markdown. */
  public String report() {
    StringBuilder out = new StringBuilder();
    out.append(table("category", s -> s.message().category()));
    out.append('\n').append(table("channel", s -> s.message().channel()));
    long inScope = scored.stream().filter(s -> s.message().expect().kind() == LabelledSet.Expect.Kind.ENTRY).count();
    long mustHandOff = scored.stream().filter(s -> s.message().expect().kind() == LabelledSet.Expect.Kind.HANDOFF).count();
    long falseAnswers = scored.stream().filter(s -> s.result() == Result.FALSE_ANSWER).count();
    long wrong = scored.stream().filter(s -> s.result() == Result.WRONG_ENTRY).count();
    long withReason = scored.stream().filter(s -> s.message().expect().reason().isPresent()).count();
    long reasonRight = scored.stream().filter(Scored::reasonRight).count();
    out.append('\n');
    for (String channel : new java.util.TreeSet<>(scored.stream().map(s -> s.message().channel()).toList())) {
      out.append(String.format(Locale.ROOT, "Answerable %s messages answered with the right entry: %s%n", channel,
          rightShare(scored.stream().filter(s -> s.message().channel().equals(channel)).toList())));
    }
    long inScopeCorrect = scored.stream()
        .filter(s -> s.message().expect().kind() == LabelledSet.Expect.Kind.ENTRY && s.result() == Result.CORRECT).count();
    out.append(String.format(Locale.ROOT,
        "Answerable messages answered with the right entry: %s (goal >= 85 %%: %s)%n"
            + "Answered with the wrong entry (or a greeting or goodbye that was not one): %d of %d (goal <= 1 in 100: %s)%n"
            + "Messages that must be handed off but were answered: %d of %d (%.1f %%; goal <= 1 in 50: %s)%n"
            + "Hand-offs naming the expected transfer reason: %d of %d%n"
            + "Decision time over %d decisions: p50 %.2f ms, p99 %.2f ms, max %.2f ms (CPU time: p50 %.2f ms, p99 %.2f ms; "
            + "load average %s)%n",
        rightShare(scored), met(inScopeCorrect * 100 >= 85 * inScope),
        wrong, inScope, met(wrong * 100 <= inScope), falseAnswers, mustHandOff, 100.0 * falseAnswers / Math.max(1, mustHandOff),
        met(falseAnswers * 50 <= mustHandOff),
        reasonRight, withReason, decisions(), percentileMillis(50), percentileMillis(99), percentileMillis(100),
        cpuPercentileMillis(50), cpuPercentileMillis(99), loadAverage()));
    nanosByChannel.forEach((c, t) -> out.append(String.format(Locale.ROOT, "Decision time, %s: p50 %.2f ms, p99 %.2f ms over %d%n",
        c, percentile(t, 50), percentile(t, 99), t.length)));
    return out.toString();
  }

  /** "61 of 71 (85.9 %)" of the answerable messages among these. */
  private static String rightShare(List<Scored> some) {
    long n = some.stream().filter(s -> s.message().expect().kind() == LabelledSet.Expect.Kind.ENTRY).count();
    long right = some.stream()
        .filter(s -> s.message().expect().kind() == LabelledSet.Expect.Kind.ENTRY && s.result() == Result.CORRECT).count();
    return String.format(Locale.ROOT, "%d of %d (%.1f %%)", right, n, 100.0 * right / Math.max(1, n));
  }

  private String table(String by, java.util.function.Function<Scored, String> key) {
    Map<String, int[]> rows = new LinkedHashMap<>();
    int[] total = new int[Result.values().length + 1];
    for (Scored s : scored) {
      int[] row = rows.computeIfAbsent(key.apply(s), c -> new int[Result.values().length + 1]);
      row[s.result().ordinal()]++;
      row[Result.values().length]++;
      total[s.result().ordinal()]++;
      total[Result.values().length]++;
    }
    StringBuilder out = new StringBuilder();
    out.append("| ").append(by).append(" | messages |");
    Arrays.stream(Result.values()).forEach(r -> out.append(' ').append(r.label).append(" |"));
    out.append("\n|---|---:|").append("---:|".repeat(Result.values().length)).append('\n');
    rows.forEach((c, row) -> out.append(row(c, row)));
    out.append(row("**all**", total));
    return out.toString();
  }

  private static String met(boolean met) {
    return met ? "met" : "NOT met";
  }

  private static String loadAverage() {
    double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f on %d cores", load, Runtime.getRuntime().availableProcessors());
  }

  private static String row(String name, int[] counts) {
    StringBuilder s = new StringBuilder("| ").append(name).append(" | ").append(counts[Result.values().length]).append(" |");
    for (Result r : Result.values()) {
      s.append(' ').append(counts[r.ordinal()]).append(" |");
    }
    return s.append('\n').toString();
  }
}
