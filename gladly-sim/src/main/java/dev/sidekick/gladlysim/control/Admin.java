package dev.sidekick.gladlysim.control;

import dev.sidekick.gladlysim.Simulation;
import dev.sidekick.gladlysim.state.Agent;
import dev.sidekick.gladlysim.state.Conversation;
import dev.sidekick.gladlysim.state.Event;
import dev.sidekick.gladlysim.state.Inbox;
import dev.sidekick.gladlysim.state.Org;
import dev.sidekick.gladlysim.state.Webhook;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** What a Gladly admin does in Gladly's UI, without the API (no PING, no rate limit, no rules the UI would not apply). */
public final class Admin {
  private final Simulation sim;
  private final String orgKey;

  public Admin(Simulation sim, String orgKey) {
    this.sim = sim;
    this.orgKey = orgKey;
  }

  private void change(Consumer<Org> action) {
    change((org, events) -> action.accept(org));
  }

  private void change(BiConsumer<Org, List<Event>> action) {
    var result = sim.state().change(orgKey, w -> {
      action.accept(w.org, w.events);
      return null;
    });
    sim.deliveries().publish(result.events());
  }

  private static Webhook webhook(Org org, String id) {
    Webhook w = org.webhooks.get(id);
    if (w == null) throw new IllegalArgumentException("no webhook " + id);
    return w;
  }

  public void disableWebhook(String id) {
    change(org -> {
      Webhook w = webhook(org, id);
      w.enabled = false;
      w.updatedAt = org.now();
    });
  }

  /** Deletes a webhook as the UI does (regardless of its state). */
  public void deleteWebhook(String id) {
    change(org -> {
      webhook(org, id);
      org.webhooks.remove(id);
    });
  }

  public void setWebhookEvents(String id, String... events) {
    change(org -> {
      Webhook w = webhook(org, id);
      w.events = List.of(events);
      w.updatedAt = org.now();
    });
  }

  public String addAgent(String name, String email, String token, List<String> roles, String... inboxNames) {
    String[] id = new String[1];
    change(org -> id[0] = org.addAgent(null, name, email, token, roles, Arrays.asList(inboxNames)).id);
    return id[0];
  }

  public void disableInbox(String name) {
    change(org -> {
      Inbox inbox = org.inboxByName(name);
      if (inbox == null) throw new IllegalArgumentException("no inbox named " + name);
      inbox.disabled = true;
    });
  }

  /** The agent's API token stops working. */
  public void revokeToken(String email) {
    change(org -> {
      Agent a = org.agentByEmail(email);
      if (a == null) throw new IllegalArgumentException("no agent " + email);
      a.token = null;
    });
  }

  /** An agent closes the conversation in Gladly's UI ({@code CONVERSATION/CLOSED} is raised, as for the API). */
  public void closeConversation(String conversationId) {
    change((org, events) -> {
      Conversation c = org.conversations.get(conversationId);
      if (c == null) throw new IllegalArgumentException("no conversation " + conversationId);
      String admin = org.agents.values().stream().filter(a -> a.roles.contains("ADMINISTRATOR")).map(a -> a.id).findFirst()
          .orElse(org.agents.keySet().iterator().next());
      org.closeByAgent(c, admin, events);
    });
  }

  /** An agent takes the conversation (moving it to one of the agent's inboxes if need be). */
  public void assignToAgent(String conversationId, String agentEmail) {
    change((org, events) -> {
      Conversation c = org.conversations.get(conversationId);
      Agent a = org.agentByEmail(agentEmail);
      if (c == null || a == null) throw new IllegalArgumentException("no conversation " + conversationId + " or agent " + agentEmail);
      String inbox = a.inboxIds.contains(c.inboxId) || a.inboxIds.isEmpty() ? c.inboxId : a.inboxIds.iterator().next();
      org.assignByAgent(c, inbox, a.id, events);
    });
  }
}
