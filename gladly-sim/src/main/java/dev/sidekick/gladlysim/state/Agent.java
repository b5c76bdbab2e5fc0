package dev.sidekick.gladlysim.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A Gladly user. Mutable; guarded by the {@link SimState} lock. */
public final class Agent {
  public final String id;
  public String name;
  public final String email;
  /** The API token; null when the agent has none (or it was revoked). Never logged or shown. */
  public String token;
  public final List<String> roles;
  public final Set<String> inboxIds = new LinkedHashSet<>();

  public Agent(String id, String name, String email, String token, List<String> roles) {
    this.id = id;
    this.name = name;
    this.email = email;
    this.token = token;
    this.roles = List.copyOf(roles);
  }

  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("id", id);
    o.put("name", name);
    o.put("emailAddress", email);
    return o;
  }

  public record View(String id, String name, String email, List<String> roles, Set<String> inboxIds, boolean hasToken) {}

  public View view() {
    return new View(id, name, email, roles, Set.copyOf(inboxIds), token != null);
  }
}
