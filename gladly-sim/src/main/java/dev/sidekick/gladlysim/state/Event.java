package dev.sidekick.gladlysim.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** A webhook event as Gladly delivers it: {id, type, timestamp, initiator, content}. */
public record Event(String orgKey, String id, String type, Instant timestamp, String initiatorId, String initiatorType,
    ObjectNode content) {

  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("id", id);
    o.put("type", type);
    o.put("timestamp", Json.ts(timestamp));
    if (initiatorType != null) {
      ObjectNode i = o.putObject("initiator");
      i.put("id", initiatorId);
      i.put("type", initiatorType);
    }
    o.set("content", content);
    return o;
  }
}
