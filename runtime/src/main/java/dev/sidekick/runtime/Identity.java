package dev.sidekick.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidekick.runtime.config.RuntimeConfig;
import dev.sidekick.runtime.gladly.Deadline;
import dev.sidekick.runtime.gladly.GladlyClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Who Sidekick is in Gladly: its agent id and the id of its hand-off topic, looked up at start-up. */
@ApplicationScoped
public class Identity {
  private static final Logger LOG = Logger.getLogger(Identity.class);

  @Inject GladlyClient gladly;

  private volatile String agentId;
  private volatile Optional<String> handoffTopicId = Optional.empty();
  private volatile Optional<String> persona = Optional.empty();

  public String agentId() {
    return agentId;
  }

  public Optional<String> handoffTopicId() {
    return handoffTopicId;
  }

  public Optional<String> persona() {
    return persona;
  }

  /** Looks up what the configuration leaves out; throws when Gladly cannot tell yet. */
  void resolve(RuntimeConfig config) {
    persona = config.personaName();
    Deadline deadline = Deadline.in(Duration.ofSeconds(10));
    if (config.gladly().agentId().isPresent()) {
      agentId = config.gladly().agentId().get();
    } else {
      String email = gladly.userEmail();
      String found = null;
      for (JsonNode agent : gladly.get("/api/v1/agents", deadline)) {
        if (email.equalsIgnoreCase(agent.path("emailAddress").asText())) {
          found = agent.path("id").asText();
        }
      }
      if (found == null) {
        throw new IllegalStateException("no Gladly agent has the API user's email address");
      }
      agentId = found;
    }
    String topic = config.handoffTopic();
    Optional<String> topicId = Optional.empty();
    for (JsonNode t : gladly.get("/api/v1/topics", deadline)) {
      if (topic.equals(t.path("name").asText()) && !t.path("disabled").asBoolean(false)) {
        topicId = Optional.of(t.path("id").asText());
      }
    }
    if (topicId.isEmpty()) {
      LOG.warnf("topic \"%s\" not found in Gladly: hand-offs are remembered by this process only", topic);
    }
    handoffTopicId = topicId;
  }
}
