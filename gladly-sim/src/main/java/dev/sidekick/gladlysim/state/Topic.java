package dev.sidekick.gladlysim.state;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A conversation topic. */
public record Topic(String id, String name, boolean disabled, String parentId) {
  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("id", id);
    o.put("name", name);
    o.put("disabled", disabled);
    if (parentId != null) o.put("parentId", parentId);
    return o;
  }
}
