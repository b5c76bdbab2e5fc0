package dev.sidekick.gladlysim.state;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** A customer profile. Mutable; guarded by the {@link SimState} lock. */
public final class Customer {
  public final String id;
  public String name;
  public String email;
  public String phone;
  public final Instant createdAt;
  public Instant updatedAt;

  public Customer(String id, String name, String email, String phone, Instant createdAt) {
    this.id = id;
    this.name = name;
    this.email = email;
    this.phone = phone;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
  }

  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("id", id);
    if (name != null) o.put("name", name);
    ArrayNode emails = o.putArray("emails");
    if (email != null) {
      emails.addObject().put("original", email).put("normalized", email.toLowerCase()).put("primary", true);
    }
    ArrayNode phones = o.putArray("phones");
    if (phone != null) {
      phones.addObject().put("original", phone).put("normalized", phone).put("primary", true).put("type", "MOBILE")
          .put("smsPreference", "ON");
    }
    o.put("createdAt", Json.ts(createdAt));
    o.put("updatedAt", Json.ts(updatedAt));
    return o;
  }

  public record View(String id, String name, String email, String phone) {}

  public View view() {
    return new View(id, name, email, phone);
  }
}
