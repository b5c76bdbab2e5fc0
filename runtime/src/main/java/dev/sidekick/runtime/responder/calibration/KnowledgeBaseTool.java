package dev.sidekick.runtime.responder.calibration;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidekick.runtime.config.ConfigException;
import dev.sidekick.runtime.config.SecretFile;
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
 * calibrate KB.yaml [embedding options] [--weights]
 *     every example of the knowledge base held out and scored against the rest, per threshold: correct, menu,
 *     wrong entry, missed, handed off, false answer; the recommended threshold and margin; the examples that
 *     would be answered wrongly with the file's own values. Exit 1 when there are any.
 * evaluate KB.yaml SET.yaml [embedding options] [--threshold T] [--margin M] [--rounds N] [--show]
 *     a labelled set of customer messages through the knowledge-base responder: correct, menu, wrong entry, false
 *     answer, missed per category; decision time p50/p99 (each message decided N times, default 5). --show lists
 *     every message that was not correct.
 * embedding options: --embeddings-url URL --embeddings-model NAME [--embeddings-key-file FILE]   (an endpoint)
 *                    --lexical-only                                          (no semantic stage)
 *                    default: the in-process model
 * </pre>
 */
public final class KnowledgeBaseTool {
  private static final String IN_PROCESS = "dev.sidekick.runtime.responder.retrieval.onnx.InProcessEmbedder";

  private KnowledgeBaseTool() {}

  public static void main(String[] args) {
    PrintStream out = System.out;
    try {
      System.exit(run(List.of(args), out));
    } catch (ConfigException | IllegalArgumentException | Embedder.EmbeddingFailed e) {
      System.err.println("kb: " + e.getMessage());
      System.exit(2);
    }
  }

  static int run(List<String> args, PrintStream out) {
    if (args.size() < 2 || !(args.get(0).equals("calibrate") || args.get(0).equals("evaluate"))) {
      throw new IllegalArgumentException(
          "usage: calibrate KB.yaml [options] | evaluate KB.yaml SET.yaml [options] (see scripts/knowledge-base --help)");
    }
    Options o = new Options(args.subList(1, args.size()));
    KnowledgeBase kb = KnowledgeBase.load(Path.of(o.positional.get(0)));
    Optional<Embedder> embedder = o.embedder();
    long start = System.nanoTime();
    Retriever retriever = Retriever.build(kb, embedder, Duration.ofMinutes(5));
    out.printf(Locale.ROOT, "knowledge base %s: %d entries, %d passages, %d must-hand-off examples; embeddings: %s (%d ms)%n",
        kb.source(), kb.entries().size(), retriever.passages().size(), kb.handoffExamples().size(),
        embedder.map(Embedder::name).orElse("none (lexical stage only)"), (System.nanoTime() - start) / 1_000_000);
    return args.get(0).equals("calibrate") ? calibrate(kb, retriever, o, out) : evaluate(kb, retriever, o, out);
  }

  private static int calibrate(KnowledgeBase kb, Retriever retriever, Options o, PrintStream out) {
    if (o.weights) {
      out.println("\nweight of the semantic stage: examples correct at the recommended threshold and margin");
      for (double w : new double[] {0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0}) {
        Optional<Calibration.Recommendation> r = Calibration.of(retriever.withSemanticWeight(w), Duration.ofMinutes(1)).recommend();
        out.printf(Locale.ROOT, "  %.1f: %s%n", w, r.map(x -> String.format(Locale.ROOT, "%d of %d correct, %d menu (threshold %.2f, margin %.2f)",
            x.scorecard().correct(), x.scorecard().total(), x.scorecard().count(Calibration.Outcome.MENU), x.threshold(), x.margin()))
            .orElse("no threshold without wrong answers"));
      }
    }
    Calibration c = Calibration.of(retriever, Duration.ofMinutes(1));
    Optional<Calibration.Recommendation> r = c.recommend();
    double margin = r.map(Calibration.Recommendation::margin).orElse(kb.margin());
    out.printf(Locale.ROOT, "%nEvery example held out and scored against the rest (margin %.2f):%n", margin);
    out.println("| threshold | correct | menu | wrong entry | missed | handed off | false answer |");
    out.println("|---:|---:|---:|---:|---:|---:|---:|");
    List<Double> thresholds = new ArrayList<>();
    for (int t = 30; t <= 90; t += 5) {
      thresholds.add(t / 100.0);
    }
    r.ifPresent(x -> thresholds.add(x.threshold()));
    thresholds.add(kb.confidenceThreshold());
    thresholds.stream().distinct().sorted().forEach(t -> {
      Scorecard s = c.scorecard(t, margin);
      String mark = r.isPresent() && t == r.get().threshold() ? " (recommended)" : t == kb.confidenceThreshold() ? " (the file's)" : "";
      out.printf(Locale.ROOT, "| %.2f%s | %d | %d | %d | %d | %d | %d |%n", t, mark, s.correct(), s.count(Calibration.Outcome.MENU),
          s.count(Calibration.Outcome.WRONG_ENTRY), s.count(Calibration.Outcome.MISSED), s.count(Calibration.Outcome.HANDED_OFF),
          s.count(Calibration.Outcome.FALSE_ANSWER));
    });
    out.println();
    r.ifPresentOrElse(
        x -> out.printf(Locale.ROOT, "Recommended: confidenceThreshold: %.2f, margin: %.2f (%s)%n", x.threshold(), x.margin(), x.why()),
        () -> out.println("No threshold answers none of the examples wrongly: entries overlap; give them clearer examples."));
    Scorecard own = c.scorecard(kb.confidenceThreshold(), kb.margin());
    out.printf(Locale.ROOT, "With the file's values (confidenceThreshold %.2f, margin %.2f): %d of %d correct, %d answered wrongly%n",
        kb.confidenceThreshold(), kb.margin(), own.correct(), own.total(), own.wrong());
    own.problems().forEach(p -> out.println("  - " + p));
    return own.wrong() > 0 ? 1 : 0;
  }

  private static int evaluate(KnowledgeBase kb, Retriever retriever, Options o, PrintStream out) {
    if (o.positional.size() < 2) {
      throw new IllegalArgumentException("evaluate needs a knowledge base and a labelled set");
    }
    LabelledSet set = LabelledSet.load(Path.of(o.positional.get(1)));
    KnowledgeBase tuned = o.withDecision(kb);
    KnowledgeBaseResponder responder = new KnowledgeBaseResponder(tuned, Knowledge.of(retriever));
    Evaluation e = Evaluation.run(responder, tuned, set, o.rounds);
    out.printf(Locale.ROOT, "%nLabelled set %s: %d messages (confidenceThreshold %.2f, margin %.2f)%n%n",
        o.positional.get(1), set.messages().size(), tuned.confidenceThreshold(), tuned.margin());
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
    boolean weights;
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
          case "--weights" -> weights = true;
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
      return new KnowledgeBase(kb.source(), kb.greeting(), threshold == null ? kb.confidenceThreshold() : threshold,
          margin == null ? kb.margin() : margin, kb.transfers(), kb.closingPhrases(), kb.farewell(), kb.synonyms(),
          kb.entries(), kb.handoffExamples());
    }
  }
}
