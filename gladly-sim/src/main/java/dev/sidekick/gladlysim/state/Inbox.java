package dev.sidekick.gladlysim.state;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A Gladly inbox. Mutable; guarded by the {@link SimState} lock. */
public final class Inbox {
  public final String id;
  public final String name;
  public boolean disabled;

  public Inbox(String id, String name, boolean disabled) {
    this.id = id;
    this.name = name;
    this.disabled = disabled;
  }

  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("id", id);
    o.put("name", name);
    o.put("disabled", disabled);
    return o;
  }

  public record View(String id, String name, boolean disabled) {}

  public View view() {
    return new View(id, name, disabled);
  }
}
