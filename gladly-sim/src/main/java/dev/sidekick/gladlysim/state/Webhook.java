package dev.sidekick.gladlysim.state;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A webhook registration. Headers and credentials are write-only: the API reports only their keys and presence. */
public final class Webhook {
  public record Credentials(String username, String password, String realm) {
    @Override
    public String toString() {
      return "Credentials[redacted]";
    }
  }

  public final String id;
  public String name;
  public String url;
  public List<String> events;
  public boolean enabled;
  public Map<String, String> headers = new LinkedHashMap<>();
  public Credentials credentials;
  public final Instant createdAt;
  public Instant updatedAt;
  public Instant disabledAtDueToRetryLimit;

  public Webhook(String id, Instant createdAt) {
    this.id = id;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
  }

  public boolean subscribes(String eventType) {
    return events.contains(eventType);
  }

  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("id", id);
    if (name != null) o.put("name", name);
    ArrayNode ev = o.putArray("events");
    events.forEach(ev::add);
    o.put("url", url);
    o.put("enabled", enabled);
    o.put("createdAt", Json.ts(createdAt));
    o.put("updatedAt", Json.ts(updatedAt));
    o.put("hasCredentials", credentials != null);
    ArrayNode keys = o.putArray("headerKeys");
    headers.keySet().forEach(keys::add);
    if (disabledAtDueToRetryLimit != null) o.put("disabledAtDueToRetryLimit", Json.ts(disabledAtDueToRetryLimit));
    return o;
  }

  /** What a test may assert on; never the header values or the password. */
  public record View(
      String id,
      String name,
      String url,
      List<String> events,
      boolean enabled,
      List<String> headerKeys,
      boolean hasCredentials,
      Instant disabledAtDueToRetryLimit) {}

  public View view() {
    return new View(id, name, url, List.copyOf(events), enabled, List.copyOf(headers.keySet()), credentials != null,
        disabledAtDueToRetryLimit);
  }
}
