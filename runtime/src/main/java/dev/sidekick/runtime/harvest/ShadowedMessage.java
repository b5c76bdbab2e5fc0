package dev.sidekick.runtime.harvest;

import dev.sidekick.runtime.gladly.GladlyModel.Item;

/**
 * A customer message an endpoint in shadow mode noted: the message (as Sidekick read it), Sidekick's proposal (the
 * note's {@code Proposal:} line) and what a person did next.
 */
record ShadowedMessage(String conversationId, Item message, String text, String proposal, AgentAction action) {

  /** chat or email, as {@code evaluate} knows channels (SMS and the other short channels read as chat). */
  String channel() {
    return message.contentType().equals("EMAIL") ? "email" : "chat";
  }
}
