package dev.sidekick.gladlysim.control;

import dev.sidekick.gladlysim.Simulation;
import dev.sidekick.gladlysim.state.Agent;
import dev.sidekick.gladlysim.state.Conversation;
import dev.sidekick.gladlysim.state.Event;
import dev.sidekick.gladlysim.state.Inbox;
import dev.sidekick.gladlysim.state.Org;
import java.util.List;
import java.util.function.BiFunction;

/**
 * What a human agent does in Gladly's UI: reply to the customer, transfer the conversation to another inbox, close it.
 * The items and events are those Gladly records for it (API.md §4.3, §2.3), so a client of the API sees them afterwards.
 */
public final class AgentActions {
  private final Simulation sim;
  private final String orgKey;
  private final String email;

  public AgentActions(Simulation sim, String orgKey, String email) {
    this.sim = sim;
    this.orgKey = orgKey;
    this.email = email;
  }

  /** Replies to the customer's latest message on its channel (an EMAIL, a CHAT_MESSAGE, ...); returns the new item's id. */
  public String reply(String conversationId, String text) {
    return act(conversationId, (org, work) -> org.replyByAgent(work.conversation, work.agent.id, text, work.events).id());
  }

  /** Moves the conversation to the inbox of that name, where nobody owns it yet. */
  public void transfer(String conversationId, String inboxName) {
    act(conversationId, (org, work) -> {
      Inbox inbox = org.inboxByName(inboxName);
      if (inbox == null) throw new IllegalArgumentException("no inbox named " + inboxName);
      org.transferByAgent(work.conversation, inbox.id, work.agent.id, work.events);
      return null;
    });
  }

  /** Closes the conversation ({@code CONVERSATION/CLOSED}, a CONVERSATION_STATUS_CHANGE item). */
  public void close(String conversationId) {
    act(conversationId, (org, work) -> {
      org.closeByAgent(work.conversation, work.agent.id, work.events);
      return null;
    });
  }

  private record Work(Conversation conversation, Agent agent, List<Event> events) {}

  private <T> T act(String conversationId, BiFunction<Org, Work, T> action) {
    var result = sim.state().change(orgKey, w -> {
      Conversation c = w.org.visibleConversation(conversationId);
      Agent a = w.org.agentByEmail(email);
      if (c == null || a == null) throw new IllegalArgumentException("no conversation " + conversationId + " or agent " + email);
      return action.apply(w.org, new Work(c, a, w.events));
    });
    sim.deliveries().publish(result.events());
    return result.value();
  }
}
