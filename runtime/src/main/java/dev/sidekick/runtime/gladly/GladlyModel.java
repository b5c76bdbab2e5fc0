package dev.sidekick.runtime.gladly;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the runtime reads from Gladly, as small records read from Gladly's JSON in one place (API.md §3 and §4). Only
 * the fields the runtime uses; everything else Gladly sends is ignored.
 */
public final class GladlyModel {
  private GladlyModel() {}

  /** A user of the organization (API.md §4.1). */
  public record Agent(String id, String email) {
    static Agent of(JsonNode n) {
      return new Agent(n.path("id").asText(), n.path("emailAddress").asText());
    }
  }

  /** An inbox conversations are routed to (API.md §4.1). */
  public record Inbox(String id, String name) {
    static Inbox of(JsonNode n) {
      return new Inbox(n.path("id").asText(), n.path("name").asText());
    }
  }

  /** A topic that can be put on conversations. */
  public record Topic(String id, String name, boolean disabled) {
    static Topic of(JsonNode n) {
      return new Topic(n.path("id").asText(), n.path("name").asText(), n.path("disabled").asBoolean(false));
    }
  }

  /** A message of an automation session: who wrote it ({@code CUSTOMER}, {@code AUTOMATION}, ...) and its text. */
  public record SessionMessage(String id, String fromType, String text) {
    static SessionMessage of(JsonNode n) {
      return new SessionMessage(n.path("id").asText(), n.path("from").path("type").asText(), text(n.path("content")));
    }

    public boolean fromCustomer() {
      return "CUSTOMER".equals(fromType);
    }

    /** TEXT/HTML value, a customer's body, or a menu prompt. */
    private static String text(JsonNode content) {
      for (String field : new String[] {"value", "body", "prompt"}) {
        if (content.path(field).isTextual()) {
          return content.path(field).asText();
        }
      }
      return "";
    }
  }

  /** A conversation (API.md §4.2); {@code agentId} is empty when no agent owns it. */
  public record Conversation(
      String id, String status, String agentId, String inboxId, List<String> topicIds, String customerId) {
    static Conversation of(JsonNode n) {
      List<String> topics = new ArrayList<>();
      n.path("topicIds").forEach(t -> topics.add(t.asText()));
      return new Conversation(
          n.path("id").asText(), n.path("status").asText(), n.path("agentId").asText(""),
          n.path("inboxId").asText(null), List.copyOf(topics), n.path("customerId").asText(""));
    }

    public boolean closed() {
      return "CLOSED".equals(status);
    }
  }

  /**
   * A conversation item (API.md §4.3): a message (its text is {@code content.content}; replies and notes put it in
   * {@code content.body}), a note, a topic or status change; who made it and when ({@link Instant#EPOCH} when
   * Gladly gave no time).
   */
  public record Item(
      String id, String initiatorType, String contentType, String text, String subject, List<String> addedTopicIds,
      String status, String initiatorId, Instant timestamp) {
    static Item of(JsonNode n) {
      JsonNode c = n.path("content");
      List<String> added = new ArrayList<>();
      c.path("addedTopicIds").forEach(t -> added.add(t.asText()));
      String text = c.path("content").isTextual() ? c.path("content").asText() : c.path("body").asText("");
      return new Item(
          n.path("id").asText(), n.path("initiator").path("type").asText(), c.path("type").asText(), text,
          c.path("subject").asText(""), List.copyOf(added), c.path("status").asText(""),
          n.path("initiator").path("id").asText(""), instant(n.path("timestamp").asText(null)).orElse(Instant.EPOCH));
    }

    public boolean fromCustomer() {
      return "CUSTOMER".equals(initiatorType);
    }

    public boolean isNote() {
      return "CONVERSATION_NOTE".equals(contentType);
    }
  }

  /**
   * A customer profile (API.md §4.6): its name, emails and phone numbers, the primary one first. Personal data: never
   * logged ({@link #toString()} shows none of it).
   */
  public record Customer(String id, String name, List<String> emails, List<String> phones) {
    static Customer of(JsonNode n) {
      return new Customer(n.path("id").asText(), n.path("name").asText(""), primaryFirst(n.path("emails"), "original"),
          primaryFirst(n.path("phones"), "normalized"));
    }

    private static List<String> primaryFirst(JsonNode array, String field) {
      List<String> values = new ArrayList<>();
      for (JsonNode v : array) {
        String value = v.path(field).asText(v.path("original").asText(""));
        if (value.isBlank()) {
          continue;
        }
        if (v.path("primary").asBoolean(false)) {
          values.add(0, value);
        } else {
          values.add(value);
        }
      }
      return List.copyOf(values);
    }

    public Optional<String> email() {
      return emails.stream().findFirst();
    }

    public Optional<String> phone() {
      return phones.stream().findFirst();
    }

    @Override
    public String toString() {
      return "Customer[" + id + ", " + emails.size() + " emails, " + phones.size() + " phones]";
    }
  }

  /** A webhook as Gladly lists it: its URL, whether it is enabled, when Gladly disabled it after its retries. */
  public record Webhook(String id, String url, boolean enabled, Optional<Instant> disabledAtDueToRetryLimit) {
    static Webhook of(JsonNode n) {
      return new Webhook(
          n.path("id").asText(), n.path("url").asText(), n.path("enabled").asBoolean(false),
          instant(n.path("disabledAtDueToRetryLimit").asText(null)));
    }
  }

  /** An ISO 8601 time as Gladly writes them; empty when absent or unreadable. */
  public static Optional<Instant> instant(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
