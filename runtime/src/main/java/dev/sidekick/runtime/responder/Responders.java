package dev.sidekick.runtime.responder;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidekick.runtime.config.EndpointSettings;
import dev.sidekick.runtime.config.ResponderSettings;
import dev.sidekick.runtime.config.RuntimeConfig;
import dev.sidekick.runtime.config.SecretFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The responder of each endpoint, built once at start-up (a bad knowledge base stops start-up). */
@ApplicationScoped
public class Responders {
  @Inject ObjectMapper json;
  @Inject SecretFiles secrets;

  private volatile Map<String, Responder> byEndpoint = Map.of();

  public void start(RuntimeConfig config) {
    Map<Path, KnowledgeBase> loaded = new HashMap<>();
    Map<String, Responder> responders = new HashMap<>();
    for (EndpointSettings endpoint : config.endpoints()) {
      responders.put(endpoint.name(), build(endpoint.responder(), config, loaded));
    }
    byEndpoint = Map.copyOf(responders);
  }

  public Responder of(String endpoint) {
    Responder r = byEndpoint.get(endpoint);
    if (r == null) {
      throw new IllegalStateException("no responder for endpoint " + endpoint);
    }
    return r;
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
        json);
  }
}
