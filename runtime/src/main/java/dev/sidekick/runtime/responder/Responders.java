package dev.sidekick.runtime.responder;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidekick.runtime.EventContext;
import dev.sidekick.runtime.config.EndpointSettings;
import dev.sidekick.runtime.config.ResponderSettings;
import dev.sidekick.runtime.config.RuntimeConfig;
import dev.sidekick.runtime.config.SecretFiles;
import dev.sidekick.runtime.responder.calibration.Calibration;
import dev.sidekick.runtime.responder.calibration.Scorecard;
import dev.sidekick.runtime.responder.knowledge.KnowledgeBase;
import dev.sidekick.runtime.responder.llm.ChatCompletionsResponder;
import dev.sidekick.runtime.responder.retrieval.Embedder;
import dev.sidekick.runtime.responder.retrieval.EmbeddingsEndpoint;
import dev.sidekick.runtime.responder.retrieval.Retriever;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The responder of each endpoint. The knowledge bases are loaded and validated on the start-up thread (a bad one
 * stops start-up); their retrievers are built on the {@code sidekick-knowledge} thread (the embedding model loads
 * and embeds every passage), and each knowledge base's own examples are checked ({@link Calibration}), readiness
 * waiting for both; any example that would be answered wrongly is logged, counted in
 * {@code sidekick_knowledge_base_examples} and shown by the {@code knowledge-base} health check (the operator shows
 * it as the condition KnowledgeBaseChecked).
 *
 * <p>Each call of a responder is timed: {@code sidekick.responder} by endpoint and responder kind, and each
 * event's own {@code ResponderTime}.
 */
@ApplicationScoped
public class Responders {
  private static final Logger LOG = Logger.getLogger(Responders.class);
  private static final Duration BUILD_BUDGET = Duration.ofMinutes(2);

  // Only the HTTP clients need it. Not built on Quarkus' start-up thread (~250 ms on a cold JVM).
  @Inject Instance<ObjectMapper> json;
  @Inject SecretFiles secrets;
  @Inject MeterRegistry meters;
  // The JVM image's in-process model; no bean in the native image (its package is not compiled there).
  @Inject Instance<Embedder> inProcess;

  private record Configured(Responder responder, Timer timer, Knowledge knowledge) {}

  /** A knowledge base's own examples, checked once its retriever is built. */
  public record ExampleReport(Scorecard scorecard, double threshold, double margin) {}

  private volatile Map<String, Configured> byEndpoint = Map.of();
  private final Map<Knowledge, ExampleReport> reports = new java.util.concurrent.ConcurrentHashMap<>();
  // why a knowledge base's examples could not be checked (its embedder failed during the check)
  private final Map<Knowledge, String> unchecked = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile Thread builder;

  public void start(RuntimeConfig config) {
    Map<ResponderSettings.KnowledgeBase, Knowledge> loaded = new LinkedHashMap<>();
    Map<Optional<ResponderSettings.Embeddings>, Optional<Embedder>> embedders = new HashMap<>();
    Map<String, Configured> responders = new HashMap<>();
    for (EndpointSettings endpoint : config.endpoints()) {
      ResponderSettings settings = endpoint.responder();
      ResponderSettings.KnowledgeBase kbSettings =
          settings instanceof ResponderSettings.KnowledgeBase kb ? kb : ((ResponderSettings.ChatCompletions) settings).knowledgeBase();
      Knowledge knowledge =
          loaded.computeIfAbsent(
              kbSettings, s -> new Knowledge(KnowledgeBase.load(s.file()), embedders.computeIfAbsent(s.embeddings(), this::embedder)));
      String kind = settings instanceof ResponderSettings.KnowledgeBase ? "knowledge_base" : "chat_completions";
      Timer timer =
          Timer.builder("sidekick.responder")
              .description("Time the responder took to decide on a customer message")
              .publishPercentileHistogram()
              .tag("endpoint", endpoint.name())
              .tag("responder", kind)
              .register(meters);
      responders.put(endpoint.name(), new Configured(responder(settings, knowledge, config), timer, knowledge));
      if (endpoint.commerce().isPresent() && knowledge.knowledgeBase().entries().stream().noneMatch(e -> e.orders().isPresent())) {
        LOG.warnf("endpoint %s has a commerce backend, but its knowledge base %s marks no entry with orders: status|return"
            + " (docs/runtime-config.md): only cancellations and order numbers given with their proof reach the shop",
            endpoint.name(), kbSettings.file());
      }
      for (Calibration.Outcome o : Calibration.Outcome.values()) {
        Gauge.builder("sidekick.knowledge_base.examples", () -> {
              ExampleReport r = reports.get(knowledge);
              return r == null ? Double.NaN : r.scorecard().count(o);
            })
            .description("The knowledge base's own examples by what the decision does with them (start-up check)")
            .tag("endpoint", endpoint.name())
            .tag("outcome", o.name().toLowerCase(java.util.Locale.ROOT))
            .register(meters);
      }
    }
    byEndpoint = Map.copyOf(responders);
    Thread t = new Thread(() -> buildAll(loaded.values()), "sidekick-knowledge");
    t.setDaemon(true);
    builder = t;
    t.start();
  }

  void stop(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent event) {
    Thread t = builder;
    if (t != null) {
      t.interrupt();
    }
  }

  /**
   * The responder of {@code endpoint} (the endpoint an event is answered as, which need not be the one whose webhook
   * delivered it); its calls are timed into the metric and into the event.
   */
  public Responder of(EventContext event, dev.sidekick.runtime.config.EndpointSettings endpoint) {
    Configured c = byEndpoint.get(endpoint.name());
    if (c == null) {
      throw new IllegalStateException("no responder for endpoint " + endpoint.name());
    }
    return new Responder() {
      @Override
      public boolean needsTranscript() {
        return c.responder().needsTranscript();
      }

      @Override
      public Reply respond(Inquiry inquiry, Duration budget) {
        long start = System.nanoTime();
        try {
          return c.responder().respond(inquiry, budget);
        } finally {
          long took = System.nanoTime() - start;
          c.timer().record(took, TimeUnit.NANOSECONDS);
          event.responderTime().add(took);
        }
      }
    };
  }

  /** Whether every knowledge base is built and checked (what readiness waits for). */
  public boolean allReady() {
    return byEndpoint.values().stream().allMatch(c -> c.knowledge().ready());
  }

  /** Each endpoint's knowledge base, for the health check. */
  Map<String, Knowledge> knowledge() {
    Map<String, Knowledge> out = new java.util.TreeMap<>();
    byEndpoint.forEach((name, c) -> out.put(name, c.knowledge()));
    return out;
  }

  Optional<ExampleReport> report(Knowledge k) {
    return Optional.ofNullable(reports.get(k));
  }

  /** Why its examples could not be checked, when they could not. */
  Optional<String> unchecked(Knowledge k) {
    return Optional.ofNullable(unchecked.get(k));
  }

  private Optional<Embedder> embedder(Optional<ResponderSettings.Embeddings> settings) {
    if (settings.isPresent()) {
      ResponderSettings.Embeddings e = settings.get();
      return Optional.of(new EmbeddingsEndpoint(e.url(), e.model(), e.apiKeyFile().map(secrets::file), e.timeout(), json.get()));
    }
    if (inProcess.isResolvable()) {
      return Optional.of(inProcess.get());
    }
    LOG.warn("no in-process embedding model in this build (native image) and no embeddings endpoint configured: "
        + "the classifiers read words and letters only; configure responder.knowledgeBase.embeddings (docs/runtime-config.md)");
    return Optional.empty();
  }

  private Responder responder(ResponderSettings settings, Knowledge knowledge, RuntimeConfig config) {
    if (settings instanceof ResponderSettings.KnowledgeBase) {
      return new KnowledgeBaseResponder(knowledge.knowledgeBase(), knowledge);
    }
    ResponderSettings.ChatCompletions cc = (ResponderSettings.ChatCompletions) settings;
    return new ChatCompletionsResponder(
        cc.url(), cc.model(), cc.apiKeyFile().map(secrets::file), cc.timeout(), cc.maxAnswerLength(), knowledge,
        config.personaName(), json);
  }

  /** Builds each retriever (retrying an embeddings endpoint that fails), then checks the examples. */
  private void buildAll(Iterable<Knowledge> all) {
    for (Knowledge k : all) {
      KnowledgeBase kb = k.knowledgeBase();
      long pause = 1000;
      while (!Thread.currentThread().isInterrupted() && !k.ready()) {
        long start = System.nanoTime();
        try {
          Retriever r = Retriever.build(kb, k.embedder(), BUILD_BUDGET);
          LOG.infof("knowledge base %s: %d entries, %d passages embedded by %s and its classifiers trained in %d ms "
                  + "(training %d ms)", kb.source(), kb.entries().size(), r.passages().size(),
              k.embedder().map(Embedder::name).orElse("nothing (lexical only)"), (System.nanoTime() - start) / 1_000_000,
              r.trainingMillis());
          // before readiness: a ready runtime has its report (the operator reads it once the pods are ready)
          check(k, r);
          k.built(r);
        } catch (Embedder.EmbeddingFailed e) {
          k.problem(e.getMessage());
          LOG.warnf("knowledge base %s: cannot embed its passages yet (%s); retrying in %d ms", kb.source(), e.getMessage(), pause);
          try {
            Thread.sleep(pause);
          } catch (InterruptedException stop) {
            return;
          }
          pause = Math.min(30_000, pause * 2);
        } catch (RuntimeException | LinkageError e) {
          // The model itself cannot load (its native library, say): stay not ready and say why.
          k.problem("the embedding model cannot be loaded: " + e);
          LOG.errorf(e, "knowledge base %s: the embedding model cannot be loaded", kb.source());
          break;
        }
      }
    }
  }

  private void check(Knowledge k, Retriever r) {
    KnowledgeBase kb = k.knowledgeBase();
    Scorecard card;
    try {
      card = Calibration.of(r).scorecard(kb.confidenceThreshold(), kb.margin());
    } catch (Embedder.EmbeddingFailed e) {
      LOG.warnf("knowledge base %s: its examples could not be checked (%s)", kb.source(), e.getMessage());
      unchecked.put(k, e.getMessage());
      return;
    }
    reports.put(k, new ExampleReport(card, kb.confidenceThreshold(), kb.margin()));
    if (!Calibration.acceptable(card)) {
      LOG.warnf("knowledge base %s: with threshold %.2f and margin %.2f its examples are answered wrongly beyond the goals "
              + "(%s; run scripts/knowledge-base calibrate on it): %s",
          kb.source(), kb.confidenceThreshold(), kb.margin(), Calibration.summary(card),
          String.join("; ", card.problems().stream().limit(10).toList()));
    } else {
      LOG.infof("knowledge base %s: its examples are answered within the goals (%s)", kb.source(), Calibration.summary(card));
    }
  }

}
