package dev.sidekick.runtime.responder.calibration;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidekick.runtime.config.ConfigException;
import dev.sidekick.runtime.config.SecretFile;
import dev.sidekick.runtime.harvest.HarvestCommand;
import dev.sidekick.runtime.responder.Knowledge;
import dev.sidekick.runtime.responder.KnowledgeBaseResponder;
import dev.sidekick.runtime.responder.knowledge.KnowledgeBase;
import dev.sidekick.runtime.responder.retrieval.Embedder;
import dev.sidekick.runtime.responder.retrieval.EmbeddingsEndpoint;
import dev.sidekick.runtime.responder.retrieval.Retriever;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The knowledge-base author's command (scripts/knowledge-base runs it from the packaged runtime):
 *
 * <pre>
 * calibrate KB.yaml [embedding options] [--write OUT.yaml]
 *     the knowledge base's examples (its entries', its must-hand-off ones, the built-in scenarios') cross-validated in
 *     5 folds: per threshold correct, menu, wrong entry, missed and the must-hand-off examples answered; the recommended
 *     threshold and margin; the examples that collide; the built-in scenarios that overlap the entries; how the file's own
 *     values fare. --write writes the file with the recommended values. Exit 1 when the file's values answer examples
 *     wrongly beyond the goals.
 * evaluate KB.yaml SET.yaml [embedding options] [--threshold T] [--margin M] [--rounds N] [--half dev|test] [--show]
 *     a labelled set of customer messages through the knowledge-base responder: correct, menu, wrong entry, false
 *     answer, missed per category and per channel; decision time p50/p99 (each message decided N times, default 5).
 *     --half takes one half of the set (by the parity of each text's hash), --show lists every message that was not
 *     correct.
 * harvest --gladly-url URL --email-file F --token-file F --out DRAFT.yaml [--append] [--since ISO|24h] [--until ISO]
 *         [--kb KB.yaml] [--include-contact]
 *     a draft labelled set from the notes of an endpoint in shadow mode (dev.sidekick.runtime.harvest.HarvestCommand).
 * embedding options: --embeddings-url URL --embeddings-model NAME [--embeddings-key-file FILE]   (an endpoint)
 *                    --lexical-only                                          (no sentence embeddings)
 *                    default: the in-process model
 * </pre>
 */
public final class KnowledgeBaseTool {
  private static final String IN_PROCESS = "dev.sidekick.runtime.responder.retrieval.onnx.InProcessEmbedder";

  private KnowledgeBaseTool() {}

  public static void main(String[] args) {
    PrintStream out = System.out;
    if (args.length > 0 && args[0].equals("harvest")) {
      System.exit(HarvestCommand.run(List.of(args).subList(1, args.length), out, System.err));
    }
    try {
      System.exit(run(List.of(args), out));
    } catch (ConfigException | IllegalArgumentException | Embedder.EmbeddingFailed e) {
      System.err.println("kb: " + e.getMessage());
      System.exit(2);
    }
  }

  public static int run(List<String> args, PrintStream out) {
    if (args.size() < 2 || !(args.get(0).equals("calibrate") || args.get(0).equals("evaluate"))) {
      throw new IllegalArgumentException("usage: calibrate KB.yaml [options] | evaluate KB.yaml SET.yaml [options]"
          + " | harvest [options] (see scripts/knowledge-base --help)");
    }
    Options o = new Options(args.subList(1, args.size()));
    KnowledgeBase kb = KnowledgeBase.load(Path.of(o.positional.get(0)));
    Optional<Embedder> embedder = o.embedder();
    long start = System.nanoTime();
    Retriever retriever = Retriever.build(kb, embedder, Duration.ofMinutes(5));
    out.printf(Locale.ROOT, "knowledge base %s: %d entries, %d must-hand-off examples, %d built-in scenarios; %d passages "
            + "embedded by %s and classifiers trained in %d ms (training %d ms)%n",
        kb.source(), kb.entries().size(), kb.handoffExamples().size(), kb.scenarios().size(), retriever.passages().size(),
        embedder.map(Embedder::name).orElse("none (lexical features only)"), (System.nanoTime() - start) / 1_000_000,
        retriever.trainingMillis());
    return args.get(0).equals("calibrate") ? calibrate(kb, retriever, o, out) : evaluate(kb, retriever, o, out);
  }

  private static int calibrate(KnowledgeBase kb, Retriever retriever, Options o, PrintStream out) {
    long start = System.nanoTime();
    Calibration c = Calibration.of(retriever);
    out.printf(Locale.ROOT, "cross-validated in %d folds: %d examples (%d of entries, %d must-hand-off, %d of the built-in "
            + "scenarios) in %d ms%n", Calibration.FOLDS, c.trials().size(),
        c.trials().stream().filter(t -> t.expected().isPresent()).count(),
        c.trials().stream().filter(t -> t.expected().isEmpty() && !t.builtIn()).count(),
        c.trials().stream().filter(Calibration.Trial::builtIn).count(), (System.nanoTime() - start) / 1_000_000);
    Optional<Calibration.Recommendation> r = c.recommend();
    double margin = r.map(Calibration.Recommendation::margin).orElse(kb.margin());
    out.printf(Locale.ROOT, "%nThe trade-off, every example held out (margin %.2f): entries' examples | must-hand-off examples answered%n", margin);
    out.println("| threshold | correct | menu | wrong entry | missed | answered: own | answered: built-in |");
    out.println("|---:|---:|---:|---:|---:|---:|---:|");
    List<Double> thresholds = new ArrayList<>();
    for (int t = 30; t <= 95; t += 5) {
      thresholds.add(t / 100.0);
    }
    r.ifPresent(x -> thresholds.add(x.threshold()));
    thresholds.add(kb.confidenceThreshold());
    thresholds.stream().distinct().sorted().forEach(t -> {
      Scorecard s = c.scorecard(t, margin);
      String mark = r.isPresent() && t == r.get().threshold() ? " (recommended)" : t == kb.confidenceThreshold() ? " (the file's)" : "";
      out.printf(Locale.ROOT, "| %.2f%s | %d | %d | %d | %d | %d of %d | %d of %d |%n", t, mark,
          s.count(Scorecard.Group.ENTRY, Calibration.Outcome.CORRECT), s.count(Scorecard.Group.ENTRY, Calibration.Outcome.MENU),
          s.count(Scorecard.Group.ENTRY, Calibration.Outcome.WRONG_ENTRY), s.count(Scorecard.Group.ENTRY, Calibration.Outcome.MISSED),
          s.count(Scorecard.Group.HANDOFF, Calibration.Outcome.FALSE_ANSWER), s.size(Scorecard.Group.HANDOFF),
          s.count(Scorecard.Group.BUILT_IN, Calibration.Outcome.FALSE_ANSWER), s.size(Scorecard.Group.BUILT_IN));
    });
    out.println();
    r.ifPresentOrElse(
        x -> out.printf(Locale.ROOT, "Recommended: confidenceThreshold: %.2f, margin: %.2f (%s)%n", x.threshold(), x.margin(), x.why()),
        () -> out.println("No threshold answers none of the entries' examples with a wrong entry and at most 1 in 50 of the"
            + " must-hand-off examples: rewrite the examples listed below."));
    List<String> collisions = c.collisions(30);
    if (!collisions.isEmpty()) {
      out.println("\nExamples that collide, most confident first (rewrite them so that each says what only its entry answers,"
          + " move them, or exclude a built-in scenario your brand answers itself):");
      collisions.forEach(x -> out.println("  - " + x));
    }
    List<String> overlaps = c.scenarioOverlaps();
    if (!overlaps.isEmpty()) {
      out.println("\nBuilt-in scenarios that overlap your entries (if your brand answers these itself, list them under"
          + " handoffScenarios.exclude):");
      overlaps.forEach(x -> out.println("  - " + x));
    }
    Scorecard own = c.scorecard(kb.confidenceThreshold(), kb.margin());
    out.printf(Locale.ROOT, "%nWith the file's values (confidenceThreshold %.2f, margin %.2f): %d of %d entry examples correct, "
            + "%d with a wrong entry, %d of %d must-hand-off examples answered: %s%n",
        kb.confidenceThreshold(), kb.margin(), own.count(Scorecard.Group.ENTRY, Calibration.Outcome.CORRECT),
        own.size(Scorecard.Group.ENTRY), own.count(Calibration.Outcome.WRONG_ENTRY), own.count(Calibration.Outcome.FALSE_ANSWER),
        own.mustHandOff(), Calibration.acceptable(own) ? "acceptable" : "NOT acceptable");
    own.problems().stream().limit(20).forEach(p -> out.println("  - " + p));
    if (o.write != null) {
      if (r.isEmpty()) {
        out.println("\nNothing written: there is no recommendation.");
        return 1;
      }
      KnowledgeBaseFile.writeDecision(Path.of(o.positional.get(0)), Path.of(o.write), r.get().threshold(), r.get().margin());
      out.printf(Locale.ROOT, "%nWrote %s with confidenceThreshold %.2f and margin %.2f%n", o.write, r.get().threshold(), r.get().margin());
      return 0;
    }
    return Calibration.acceptable(own) ? 0 : 1;
  }

  private static int evaluate(KnowledgeBase kb, Retriever retriever, Options o, PrintStream out) {
    if (o.positional.size() < 2) {
      throw new IllegalArgumentException("evaluate needs a knowledge base and a labelled set");
    }
    LabelledSet set = LabelledSet.load(Path.of(o.positional.get(1))).half(o.half);
    KnowledgeBase tuned = o.withDecision(kb);
    KnowledgeBaseResponder responder = new KnowledgeBaseResponder(tuned, Knowledge.of(retriever));
    Evaluation e = Evaluation.run(responder, tuned, set, o.rounds);
    out.printf(Locale.ROOT, "%nLabelled set %s: %d messages (confidenceThreshold %.2f, margin %.2f)%n%n",
        o.positional.get(1), set.messages().size(), tuned.confidenceThreshold(), tuned.margin());
    long suggested = set.messages().stream().filter(LabelledSet.Message::suggested).count();
    if (suggested > 0) {
      out.printf(Locale.ROOT, "%d of the %d labels are harvest's suggestions, not confirmed yet (suggested: true): the"
          + " scores below are only as right as they are%n%n", suggested, set.messages().size());
    }
    out.print(e.report());
    OrderRouting orders = OrderRouting.run(responder, tuned, set);
    out.print(orders.report());
    if (o.show) {
      out.println("\nNot correct:");
      e.scored().stream().filter(s -> s.result() != Evaluation.Result.CORRECT).forEach(s ->
          out.printf(Locale.ROOT, "  [%s] %s: \"%s\" -> %s%n", s.message().category(), s.result().label,
              s.message().text().replace("\n", " "), s.did()));
      out.println("\nTo the order desk (with a commerce backend):");
      orders.taken().forEach(t -> out.printf(Locale.ROOT, "  [%s] %s %s: \"%s\" (expects %s)%n",
          t.message().category(), t.right() ? "right" : t.stolen() ? "TAKEN" : "as the knowledge base alone,", t.intent().id(),
          t.message().text().replace("\n", " "), t.message().expect().kind() == LabelledSet.Expect.Kind.ENTRY
              ? String.join("|", t.message().expect().entries()) : t.message().expect().kind().name().toLowerCase(Locale.ROOT)));
    }
    return 0;
  }

  /** The command's options. */
  private static final class Options {
    final List<String> positional = new ArrayList<>();
    String url;
    String model;
    String keyFile;
    boolean lexicalOnly;
    String write;
    LabelledSet.Half half = LabelledSet.Half.ALL;
    boolean show;
    Double threshold;
    Double margin;
    int rounds = 5;

    Options(List<String> args) {
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        switch (a) {
          case "--embeddings-url" -> url = args.get(++i);
          case "--embeddings-model" -> model = args.get(++i);
          case "--embeddings-key-file" -> keyFile = args.get(++i);
          case "--lexical-only" -> lexicalOnly = true;
          case "--write" -> write = args.get(++i);
          case "--half" -> half = LabelledSet.Half.of(args.get(++i));
          case "--show" -> show = true;
          case "--threshold" -> threshold = Double.parseDouble(args.get(++i));
          case "--margin" -> margin = Double.parseDouble(args.get(++i));
          case "--rounds" -> rounds = Integer.parseInt(args.get(++i));
          default -> {
            if (a.startsWith("--")) {
              throw new IllegalArgumentException("unknown option " + a);
            }
            positional.add(a);
          }
        }
      }
      if (positional.isEmpty()) {
        throw new IllegalArgumentException("name the knowledge base");
      }
      if (rounds < 1 || rounds > 1000) {
        throw new IllegalArgumentException("--rounds must be 1..1000");
      }
    }

    Optional<Embedder> embedder() {
      if (lexicalOnly) {
        return Optional.empty();
      }
      if (url != null) {
        if (model == null) {
          throw new IllegalArgumentException("--embeddings-url needs --embeddings-model");
        }
        return Optional.of(new EmbeddingsEndpoint(URI.create(url), model,
            Optional.ofNullable(keyFile).map(f -> SecretFile.readOnce(Path.of(f))), Duration.ofSeconds(30), new ObjectMapper()));
      }
      try {
        return Optional.of((Embedder) Class.forName(IN_PROCESS).getConstructor().newInstance());
      } catch (ReflectiveOperationException | LinkageError e) {
        throw new IllegalArgumentException("this build has no in-process model (a native build?): use --embeddings-url or --lexical-only");
      }
    }

    KnowledgeBase withDecision(KnowledgeBase kb) {
      return kb.withDecision(threshold == null ? kb.confidenceThreshold() : threshold, margin == null ? kb.margin() : margin);
    }
  }
}
