package dev.sidekick.gladlysim.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** One message of an automation session: the customer's (TEXT) or the bot's (TEXT, HTML, MENU). */
public record SessionMessage(
    String id, String sessionId, String type, ObjectNode content, Instant createdAt, String fromType, String fromId) {

  public boolean fromCustomer() {
    return "CUSTOMER".equals(fromType);
  }

  /** The text a person would read: the value, or the prompt of a menu. */
  public String text() {
    String v = Json.text(content, "value");
    return v != null ? v : Json.text(content, "prompt");
  }

  public ObjectNode toJson(ObjectNode context) {
    ObjectNode o = Json.object();
    o.put("id", id);
    o.put("sessionId", sessionId);
    o.put("type", type);
    o.set("content", content.deepCopy());
    o.put("createdAt", Json.ts(createdAt));
    o.putObject("from").put("type", fromType).put("id", fromId);
    if (context != null) o.set("context", context.deepCopy());
    return o;
  }
}
