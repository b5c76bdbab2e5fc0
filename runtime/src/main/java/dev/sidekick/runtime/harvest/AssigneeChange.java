package dev.sidekick.runtime.harvest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidekick.runtime.gladly.GladlyModel;
import java.time.Instant;
import java.util.Optional;

/**
 * A {@code CONVERSATION_ASSIGNEE/UPDATED} event of the Events API (API.md §2.3): the conversation's inbox before
 * ({@code context.assignee}) and after ({@code assignee}), who changed it and when. Conversation items do not show
 * assignments, so a transfer is read from these.
 */
record AssigneeChange(
    String conversationId, Instant at, String fromInbox, String toInbox, String initiatorId, String initiatorType) {
  static final String TYPE = "CONVERSATION_ASSIGNEE/UPDATED";

  static Optional<AssigneeChange> of(JsonNode event) {
    if (!TYPE.equals(event.path("type").asText())) {
      return Optional.empty();
    }
    JsonNode c = event.path("content");
    return Optional.of(new AssigneeChange(
        c.path("conversationId").asText(), GladlyModel.instant(event.path("timestamp").asText(null)).orElse(Instant.EPOCH),
        c.path("context").path("assignee").path("inboxId").asText(""), c.path("assignee").path("inboxId").asText(""),
        event.path("initiator").path("id").asText(""), event.path("initiator").path("type").asText("")));
  }

  /** A person moved the conversation to another inbox (not an agent taking it, not Sidekick's own routing). */
  boolean transferByPerson(String apiUserId) {
    return "AGENT".equals(initiatorType) && !initiatorId.equals(apiUserId) && !toInbox.isEmpty()
        && !toInbox.equals(fromInbox);
  }
}
