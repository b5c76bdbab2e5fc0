package dev.sidekick.runtime.responder;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidekick.runtime.EventContext;
import dev.sidekick.runtime.config.EndpointSettings;
import dev.sidekick.runtime.config.ResponderSettings;
import dev.sidekick.runtime.config.RuntimeConfig;
import dev.sidekick.runtime.config.SecretFiles;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The responder of each endpoint, built once at start-up (a bad knowledge base stops start-up), and timed:
 * {@code sidekick.responder} by endpoint and responder kind, and each event's own {@code ResponderTime}.
 */
@ApplicationScoped
public class Responders {
  // Only the chat-completions responder needs it. Not built on Quarkus' start-up thread for a knowledge base
  // (~250 ms on a cold JVM): the Gladly client builds it on the bootstrap thread.
  @Inject Instance<ObjectMapper> json;
  @Inject SecretFiles secrets;
  @Inject MeterRegistry meters;

  private record Configured(Responder responder, Timer timer) {}

  private volatile Map<String, Configured> byEndpoint = Map.of();

  public void start(RuntimeConfig config) {
    Map<Path, KnowledgeBase> loaded = new HashMap<>();
    Map<String, Configured> responders = new HashMap<>();
    for (EndpointSettings endpoint : config.endpoints()) {
      ResponderSettings settings = endpoint.responder();
      Timer timer =
          Timer.builder("sidekick.responder")
              .description("Time the responder took to decide on a customer message")
              .publishPercentileHistogram()
              .tag("endpoint", endpoint.name())
              .tag("responder", settings instanceof ResponderSettings.KnowledgeBase ? "knowledge_base" : "chat_completions")
              .register(meters);
      responders.put(endpoint.name(), new Configured(build(settings, config, loaded), timer));
    }
    byEndpoint = Map.copyOf(responders);
  }

  /** The event's endpoint's responder; its calls are timed into the metric and into the event. */
  public Responder of(EventContext event) {
    Configured c = byEndpoint.get(event.endpoint().name());
    if (c == null) {
      throw new IllegalStateException("no responder for endpoint " + event.endpoint().name());
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

  private Responder build(ResponderSettings settings, RuntimeConfig config, Map<Path, KnowledgeBase> loaded) {
    if (settings instanceof ResponderSettings.KnowledgeBase kb) {
      return new KnowledgeBaseResponder(loaded.computeIfAbsent(kb.file(), KnowledgeBase::load));
    }
    ResponderSettings.ChatCompletions cc = (ResponderSettings.ChatCompletions) settings;
    return new ChatCompletionsResponder(
        cc.url(),
        cc.model(),
        cc.apiKeyFile().map(secrets::file),
        cc.timeout(),
        cc.knowledgeBaseFile().map(f -> loaded.computeIfAbsent(f, KnowledgeBase::load)),
        config.personaName(),
        json.get());
  }
}
