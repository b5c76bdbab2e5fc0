package dev.sidekick.runtime.handoff;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidekick.runtime.Identity;
import dev.sidekick.runtime.dedupe.EventProgress;
import dev.sidekick.runtime.gladly.Deadline;
import dev.sidekick.runtime.gladly.GladlyClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What a hand-off leaves on the conversation, for chat and messaging alike: the hand-off topic (so that Sidekick
 * leaves the conversation alone until it is closed) and a note for the agent. The hand-off itself has happened:
 * Gladly refusing either is logged, and does not undo it.
 */
@ApplicationScoped
public class HandoffTrail {
  public static final String NOTES = "/api/v1/conversations/{}/notes";
  public static final String TOPICS = "/api/v1/conversations/{}/topics";

  @Inject GladlyClient gladly;
  @Inject Identity identity;
  @Inject ObjectMapper json;

  public void leave(EventProgress p, String conversation, String note, Deadline d) {
    identity
        .handoffTopicId()
        .ifPresent(
            topic -> {
              ObjectNode body = json.createObjectNode();
              body.putArray("topicIds").add(topic);
              p.stepRefusalTolerated("topic", () -> gladly.post(TOPICS, body, d, conversation));
            });
    ObjectNode body = json.createObjectNode();
    body.putObject("content").put("body", note);
    p.stepRefusalTolerated("note", () -> gladly.post(NOTES, body, d, conversation));
  }
}
