package dev.sidekick.runtime.handoff;

import dev.sidekick.runtime.Identity;
import dev.sidekick.runtime.dedupe.EventProgress;
import dev.sidekick.runtime.gladly.Deadline;
import dev.sidekick.runtime.gladly.Gladly;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Handing a customer to a human, for chat and messaging alike: the hand-off itself (the automation session routed to
 * its inbox, or the conversation assigned to the endpoint's inbox), then what it leaves behind: the hand-off topic (so
 * that Sidekick leaves the conversation alone until it is closed), a note for the agent, and the memory of it. Once the
 * hand-off happened, Gladly refusing the topic or the note is logged and does not undo it.
 */
@ApplicationScoped
public class Handoff {
  @Inject Gladly gladly;
  @Inject Identity identity;
  @Inject HandedOver handedOver;

  /** The chat session goes to the entry point's default inbox; then the conversation gets the topic and the note. */
  public void chat(EventProgress p, String session, String conversation, String description, String note, Deadline d) {
    p.endOnce("handoff", () -> gladly.handOffSession(session, description, d));
    handedOver.add(sessionKey(session));
    if (!conversation.isEmpty()) {
      handedOver.add(conversationKey(conversation));
      leaveTrail(p, conversation, note, d);
    }
  }

  /** The conversation goes to {@code inbox}, unassigned; then the topic and the note. */
  public void conversation(EventProgress p, String conversation, String inbox, String note, Deadline d) {
    p.step("handoff", () -> gladly.assign(conversation, inbox, Optional.empty(), d));
    handedOver.add(conversationKey(conversation));
    leaveTrail(p, conversation, note, d);
  }

  /** A chat session Sidekick closed is not answered again either. */
  public void sessionClosed(String session) {
    handedOver.add(sessionKey(session));
  }

  public boolean sessionLetGo(String session) {
    return handedOver.contains(sessionKey(session));
  }

  public boolean conversationLetGo(String conversation) {
    return handedOver.contains(conversationKey(conversation));
  }

  /** The conversation was closed and reopened since the hand-off: Sidekick may answer it again. */
  public void takeBack(EventProgress p, String conversation, String topic, Deadline d) {
    p.step("untag", () -> gladly.removeTopic(conversation, topic, d));
    handedOver.remove(conversationKey(conversation));
  }

  private void leaveTrail(EventProgress p, String conversation, String note, Deadline d) {
    identity.handoffTopicId().ifPresent(topic ->
        p.refusalTolerated("topic", () -> p.step("topic", () -> gladly.addTopic(conversation, topic, d))));
    p.refusalTolerated("note", () -> p.write(
        "note", () -> gladly.addNote(conversation, note, d), () -> gladly.noteExists(conversation, note, d)));
  }

  private static String sessionKey(String session) {
    return "session:" + session;
  }

  private static String conversationKey(String conversation) {
    return "conversation:" + conversation;
  }
}
