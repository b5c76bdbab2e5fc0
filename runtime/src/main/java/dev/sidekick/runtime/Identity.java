package dev.sidekick.runtime;

import dev.sidekick.runtime.config.RuntimeConfig;
import dev.sidekick.runtime.gladly.Deadline;
import dev.sidekick.runtime.gladly.Gladly;
import dev.sidekick.runtime.gladly.GladlyModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Who Sidekick is in Gladly: its agent id and the id of its hand-off topic, looked up at start-up. */
@ApplicationScoped
public class Identity {
  private static final Logger LOG = Logger.getLogger(Identity.class);

  @Inject Gladly gladly;

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
      agentId = gladly.agents(deadline).stream()
          .filter(a -> email.equalsIgnoreCase(a.email()))
          .map(GladlyModel.Agent::id)
          .reduce((first, last) -> last)
          .orElseThrow(() -> new IllegalStateException("no Gladly agent has the API user's email address"));
    }
    String topic = config.handoffTopic();
    Optional<String> topicId = gladly.topics(deadline).stream()
        .filter(t -> topic.equals(t.name()) && !t.disabled())
        .map(GladlyModel.Topic::id)
        .reduce((first, last) -> last);
    if (topicId.isEmpty()) {
      LOG.warnf("topic \"%s\" not found in Gladly: hand-offs are remembered by the runtime's store only", topic);
    }
    handoffTopicId = topicId;
  }
}
