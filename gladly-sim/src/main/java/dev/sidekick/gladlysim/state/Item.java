package dev.sidekick.gladlysim.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** A conversation item (message, note, topic change, ...). Content follows Gladly's item content shapes. */
public record Item(
    String id,
    String conversationId,
    String customerId,
    Instant timestamp,
    String initiatorId,
    String initiatorType,
    ObjectNode content) {

  public String contentType() {
    return Json.text(content, "type");
  }

  /** The text of a message or note, whatever field Gladly keeps it in. */
  public String text() {
    String t = Json.text(content, "content");
    return t != null ? t : Json.text(content, "body");
  }

  public boolean isCustomerMessage() {
    return "CUSTOMER".equals(initiatorType);
  }

  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("id", id);
    o.put("customerId", customerId);
    if (conversationId != null) o.put("conversationId", conversationId);
    o.put("timestamp", Json.ts(timestamp));
    o.putObject("initiator").put("id", initiatorId).put("type", initiatorType);
    o.set("content", content.deepCopy());
    return o;
  }
}
