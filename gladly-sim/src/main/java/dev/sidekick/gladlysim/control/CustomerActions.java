package dev.sidekick.gladlysim.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidekick.gladlysim.Simulation;
import dev.sidekick.gladlysim.state.Conversation;
import dev.sidekick.gladlysim.state.Org;
import dev.sidekick.gladlysim.state.Session;
import dev.sidekick.gladlysim.state.SimState;
import java.util.List;

/** Acting as a customer: chat at an entry point, send an email or an SMS. Events are delivered as Gladly would. */
public final class CustomerActions {
  private final Simulation sim;
  private final String orgKey;

  public CustomerActions(Simulation sim, String orgKey) {
    this.sim = sim;
    this.orgKey = orgKey;
  }

  /** The same actions in another organization of a multi-organization seed. */
  public CustomerActions org(String key) {
    return new CustomerActions(sim, key);
  }

  public Chat startChat(String entryPointAddress, String customerEmail) {
    return startChat(entryPointAddress, customerEmail, null, null);
  }

  public Chat startChat(String entryPointAddress, String customerEmail, String customerName, ObjectNode context) {
    Org.ChatStarted started = sim.state()
        .change(orgKey, w -> w.org.startChat(entryPointAddress, customerEmail, customerName, context)).value();
    return new Chat(started.conversationId(), started.customerId());
  }

  /** An inbound email; returns the conversation id. */
  public String sendEmail(String from, String toEntryPointAddress, String subject, String body) {
    SimState.Result<String> r = sim.state().change(orgKey, w -> w.org.inboundEmail(from, toEntryPointAddress, subject, body, w.events));
    sim.deliveries().publish(r.events());
    return r.value();
  }

  /** An inbound SMS; returns the conversation id. */
  public String sendSms(String fromPhone, String toEntryPointAddress, String body) {
    SimState.Result<String> r = sim.state().change(orgKey, w -> w.org.inboundSms(fromPhone, toEntryPointAddress, body, w.events));
    sim.deliveries().publish(r.events());
    return r.value();
  }

  /** Resumes a chat by conversation id (for example one started through the control API). */
  public Chat chat(String conversationId) {
    String customerId = sim.state().read(s -> s.org(orgKey).chatConversation(conversationId).customerId);
    return new Chat(conversationId, customerId);
  }

  /** A customer's chat window. */
  public final class Chat {
    private final String conversationId;
    private final String customerId;

    Chat(String conversationId, String customerId) {
      this.conversationId = conversationId;
      this.customerId = customerId;
    }

    public String conversationId() {
      return conversationId;
    }

    public String customerId() {
      return customerId;
    }

    /** The current automation session id, or null at an entry point without automation. */
    public String sessionId() {
      return sim.state().read(s -> s.org(orgKey).conversations.get(conversationId).sessionId);
    }

    /** The customer writes; returns the id of the message (a session message or a conversation item). */
    public String say(String text) {
      return send(text, null);
    }

    /** The customer picks an item of the last menu the bot (or a quick reply) offered. */
    public String pick(String menuItemId) {
      return send(null, menuItemId);
    }

    private String send(String text, String menuItemId) {
      SimState.Result<String> r = sim.state().change(orgKey, w -> w.org.customerSays(conversationId, text, menuItemId, w.events));
      sim.deliveries().publish(r.events());
      return r.value();
    }

    /** What the customer sees, in order. */
    public List<Conversation.ChatLine> messages() {
      return sim.state().read(s -> List.copyOf(s.org(orgKey).conversations.get(conversationId).chat));
    }

    /** The texts of what the bot and agents wrote, in order. */
    public List<String> answers() {
      return messages().stream().filter(l -> l.from().equals("BOT") || l.from().equals("AGENT")).map(Conversation.ChatLine::text)
          .toList();
    }

    /** The current automation session, or null. */
    public Session.View session() {
      return sim.state().read(s -> {
        Org org = s.org(orgKey);
        String id = org.conversations.get(conversationId).sessionId;
        return id == null ? null : org.sessions.get(id).view();
      });
    }

    /** The conversation as Gladly keeps it. */
    public Conversation.View conversation() {
      return sim.state().read(s -> s.org(orgKey).conversations.get(conversationId).view());
    }
  }
}
