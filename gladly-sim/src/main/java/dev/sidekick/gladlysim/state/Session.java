package dev.sidekick.gladlysim.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A message automation session: the bot's private conversation with a chat customer. Guarded by the {@link SimState} lock. */
public final class Session {
  public enum State {
    ACTIVE,
    HANDED_OFF,
    CLOSED,
    IDLE_CLOSED
  }

  public final String id;
  public final String conversationId;
  public final String customerId;
  public final String customerAddress;
  public final EntryPoint entryPoint;
  public final Instant createdAt;
  public Instant updatedAt;
  /** Last activity of the customer or the bot; five quiet minutes close the session. */
  public Instant lastActivity;
  public State state = State.ACTIVE;
  public String description;
  public String typing = "STOPPED";
  public final ObjectNode context;
  public final List<SessionMessage> messages = new ArrayList<>();

  public Session(String id, String conversationId, String customerId, String customerAddress, EntryPoint entryPoint,
      ObjectNode context, Instant now) {
    this.id = id;
    this.conversationId = conversationId;
    this.customerId = customerId;
    this.customerAddress = customerAddress;
    this.entryPoint = entryPoint;
    this.context = context;
    this.createdAt = now;
    this.updatedAt = now;
    this.lastActivity = now;
  }

  public boolean active() {
    return state == State.ACTIVE;
  }

  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("id", id);
    o.put("companyAddress", entryPoint.address());
    o.put("conversationId", conversationId);
    o.put("customerAddress", customerAddress);
    o.put("customerId", customerId);
    o.put("endpointType", "CHAT");
    o.put("createdAt", Json.ts(createdAt));
    o.put("updatedAt", Json.ts(updatedAt));
    o.putObject("target").put("targetType", state == State.HANDED_OFF ? "AGENT" : "AUTOMATION");
    return o;
  }

  public record View(
      String id,
      String conversationId,
      String customerId,
      String entryPointAddress,
      State state,
      String targetType,
      String description,
      String typing,
      List<SessionMessage> messages) {
    public boolean handedOff() {
      return state == State.HANDED_OFF;
    }

    public boolean closed() {
      return state == State.CLOSED || state == State.IDLE_CLOSED;
    }

    public List<SessionMessage> botMessages() {
      return messages.stream().filter(m -> !m.fromCustomer()).toList();
    }
  }

  public View view() {
    return new View(id, conversationId, customerId, entryPoint.address(), state,
        state == State.HANDED_OFF ? "AGENT" : "AUTOMATION", description, typing, List.copyOf(messages));
  }
}
