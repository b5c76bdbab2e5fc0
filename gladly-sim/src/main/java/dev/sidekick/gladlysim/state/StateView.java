package dev.sidekick.gladlysim.state;

import java.util.List;
import java.util.function.Function;

/** Read-only snapshots of one organization for assertions. Each call copies under the lock, so it is safe from any thread. */
public final class StateView {
  private final SimState state;
  private final String orgKey;

  public StateView(SimState state, String orgKey) {
    this.state = state;
    this.orgKey = orgKey;
  }

  /** The same views for another organization of a multi-organization seed. */
  public StateView org(String key) {
    return new StateView(state, key);
  }

  public record Organization(String key, String id, String name, String timezone, String gladlyUrl) {}

  private <T> T read(Function<Org, T> f) {
    return state.read(s -> f.apply(s.org(orgKey)));
  }

  public Organization organization() {
    return read(o -> new Organization(o.key, o.id, o.name, o.timezone, o.gladlyUrl));
  }

  public List<Agent.View> agents() {
    return read(o -> o.agents.values().stream().map(Agent::view).toList());
  }

  public Agent.View agent(String email) {
    return read(o -> {
      Agent a = o.agentByEmail(email);
      return a == null ? null : a.view();
    });
  }

  public List<Inbox.View> inboxes() {
    return read(o -> o.inboxes.values().stream().map(Inbox::view).toList());
  }

  /** The id of the inbox with this name. */
  public String inboxId(String name) {
    return read(o -> {
      Inbox i = o.inboxByName(name);
      if (i == null) throw new IllegalArgumentException("no inbox named " + name);
      return i.id;
    });
  }

  public List<Topic> topics() {
    return read(o -> List.copyOf(o.topics.values()));
  }

  public String topicId(String name) {
    return read(o -> o.topics.values().stream().filter(t -> t.name().equals(name)).map(Topic::id).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no topic named " + name)));
  }

  public List<Customer.View> customers() {
    return read(o -> o.customers.values().stream().map(Customer::view).toList());
  }

  public List<Webhook.View> webhooks() {
    return read(o -> o.webhooks.values().stream().map(Webhook::view).toList());
  }

  public Webhook.View webhook(String id) {
    return read(o -> {
      Webhook w = o.webhooks.get(id);
      return w == null ? null : w.view();
    });
  }

  /** All conversations, including chats still with the bot (which the API does not show). */
  public List<Conversation.View> conversations() {
    return read(o -> o.conversations.values().stream().map(Conversation::view).toList());
  }

  public Conversation.View conversation(String id) {
    return read(o -> {
      Conversation c = o.conversations.get(id);
      return c == null ? null : c.view();
    });
  }

  public List<Session.View> sessions() {
    return read(o -> o.sessions.values().stream().map(Session::view).toList());
  }

  public Session.View session(String id) {
    return read(o -> {
      Session s = o.sessions.get(id);
      return s == null ? null : s.view();
    });
  }
}
