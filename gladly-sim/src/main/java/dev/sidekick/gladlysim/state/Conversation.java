package dev.sidekick.gladlysim.state;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A conversation. Mutable; guarded by the {@link SimState} lock. */
public final class Conversation {
  public final String id;
  public final String customerId;
  public final EntryPoint entryPoint;
  public String inboxId;
  public String agentId;
  public String status = "OPEN";
  public final Set<String> topicIds = new LinkedHashSet<>();
  public final Instant createdAt;
  public Instant closedAt;
  /** True while a chat is with message automation: Gladly does not show it (nor its items) until hand-off. */
  public boolean inAutomation;
  /** The current automation session of a chat, if any. */
  public String sessionId;
  public final List<Item> items = new ArrayList<>();
  /** What the customer sees in a chat widget: their messages, the bot's, agents' replies, hand-off and close. */
  public final List<ChatLine> chat = new ArrayList<>();

  /** One line of the customer's chat window. {@code from} is CUSTOMER, BOT, AGENT or SYSTEM. */
  public record ChatLine(String id, String from, String type, String text, List<MenuItem> menuItems, Instant at) {}

  public record MenuItem(String id, String label) {}

  public Conversation(String id, String customerId, EntryPoint entryPoint, String inboxId, Instant createdAt) {
    this.id = id;
    this.customerId = customerId;
    this.entryPoint = entryPoint;
    this.inboxId = inboxId;
    this.createdAt = createdAt;
  }

  public boolean closed() {
    return "CLOSED".equals(status);
  }

  /** The customer's last message has no answer yet (Gladly refuses to close such a conversation without force). */
  public boolean customerWaiting() {
    for (int i = items.size() - 1; i >= 0; i--) {
      Item item = items.get(i);
      String type = item.contentType();
      if (type == null || type.equals("CONVERSATION_NOTE") || type.equals("TOPIC_CHANGE")
          || type.equals("CONVERSATION_STATUS_CHANGE")) {
        continue;
      }
      return item.isCustomerMessage();
    }
    return false;
  }

  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("id", id);
    o.put("customerId", customerId);
    if (agentId != null) o.put("agentId", agentId);
    o.put("inboxId", inboxId);
    if (!topicIds.isEmpty()) {
      ArrayNode t = o.putArray("topicIds");
      topicIds.forEach(t::add);
    }
    o.putArray("customAttributes");
    o.put("createdAt", Json.ts(createdAt));
    if (closedAt != null && closed()) o.put("closedAt", Json.ts(closedAt));
    o.put("status", status);
    return o;
  }

  public record View(
      String id,
      String customerId,
      String channel,
      String entryPointAddress,
      String inboxId,
      String agentId,
      String status,
      Set<String> topicIds,
      boolean inAutomation,
      String sessionId,
      List<Item> items) {

    public List<Item> notes() {
      return items.stream().filter(i -> "CONVERSATION_NOTE".equals(i.contentType())).toList();
    }

    public List<Item> messages() {
      return items.stream()
          .filter(i -> {
            String t = i.contentType();
            return !"CONVERSATION_NOTE".equals(t) && !"TOPIC_CHANGE".equals(t) && !"CONVERSATION_STATUS_CHANGE".equals(t);
          })
          .toList();
    }
  }

  public View view() {
    return new View(id, customerId, entryPoint.type().name(), entryPoint.address(), inboxId, agentId, status,
        Set.copyOf(topicIds), inAutomation, sessionId, List.copyOf(items));
  }
}
