package dev.sidekick.runtime.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A Gladly delivery: {@code {id, type, timestamp, initiator, content}}; only id and type are required.
 * {@code timestamp} is when Gladly recorded the event (ISO 8601 text, read only when needed), null when absent.
 */
record Envelope(String id, String type, String timestamp, JsonNode content) {
  static final String PING = "PING";
  static final String AUTOMATION_MESSAGE = "AUTOMATION/MESSAGE_RECEIVED";
  static final String MESSAGE_RECEIVED = "MESSAGE/RECEIVED";
  static final String CONTACT_MESSAGE = "CONTACT/MESSAGE_RECEIVED";

  /**
   * The envelope, or why it is malformed: strict UTF-8 (no overlong or surrogate sequences), exactly one JSON value
   * (nothing after it), no unpaired surrogate escaped in a string, an object with a textual type and id.
   */
  static Envelope parse(ObjectReader json, byte[] body) throws MalformedEvent {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedEvent("body is not valid UTF-8");
    }
    JsonNode root;
    try {
      root = json.readTree(text);
    } catch (IOException e) {
      throw new MalformedEvent("body is not one JSON value");
    }
    if (root == null || !root.isObject()) {
      throw new MalformedEvent("body is not a JSON object");
    }
    if (!wellFormed(root)) {
      throw new MalformedEvent("body holds an unpaired surrogate");
    }
    String id = root.path("id").isTextual() ? root.path("id").asText().trim() : "";
    String type = root.path("type").isTextual() ? root.path("type").asText().trim() : "";
    if (type.isEmpty()) {
      throw new MalformedEvent("type is missing");
    }
    if (id.isEmpty() && !type.equals(PING)) {
      throw new MalformedEvent("id is missing");
    }
    if (id.length() > 200) {
      throw new MalformedEvent("id is too long");
    }
    JsonNode timestamp = root.path("timestamp");
    return new Envelope(id, type, timestamp.isTextual() ? timestamp.asText() : null, root.path("content"));
  }

  /** The reader {@link #parse} needs: one that refuses anything after the value. */
  static ObjectReader reader(ObjectMapper json) {
    return json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /** Whether every string and field name in the tree is well-formed UTF-16 (a JSON escape can name a lone surrogate). */
  private static boolean wellFormed(JsonNode node) {
    if (node.isTextual()) {
      return wellFormed(node.textValue());
    }
    if (node.isObject()) {
      var fields = node.fields();
      while (fields.hasNext()) {
        var f = fields.next();
        if (!wellFormed(f.getKey()) || !wellFormed(f.getValue())) {
          return false;
        }
      }
    } else if (node.isArray()) {
      for (JsonNode item : node) {
        if (!wellFormed(item)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean wellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether this is surely not Gladly's first delivery: Gladly redelivers 30 s after a failure at the earliest,
   * so an event recorded longer ago than {@code age} has been delivered before (here, or to another replica).
   */
  boolean olderThan(Duration age, Instant now) {
    if (timestamp == null) {
      return false;
    }
    try {
      return OffsetDateTime.parse(timestamp).toInstant().plus(age).isBefore(now);
    } catch (DateTimeParseException e) {
      return false; // only id and type are required: an unreadable timestamp is no reason to refuse the event
    }
  }

  /** When Gladly recorded the event; empty when the timestamp is absent or unreadable. */
  Optional<Instant> recordedAt() {
    if (timestamp == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(timestamp).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The envelope of an event read from Gladly's Events API (the same shape as a delivery). */
  static Envelope of(JsonNode event) {
    JsonNode timestamp = event.path("timestamp");
    return new Envelope(event.path("id").asText(""), event.path("type").asText(""),
        timestamp.isTextual() ? timestamp.asText() : null, event.path("content"));
  }

  /** Whether Gladly recorded the event before {@code moment} (false when the timestamp is absent or unreadable). */
  boolean recordedBefore(Instant moment) {
    if (timestamp == null) {
      return false;
    }
    try {
      return OffsetDateTime.parse(timestamp).toInstant().isBefore(moment);
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** The key whose events are handled one at a time, or why the content is unusable. */
  String serialKey() throws MalformedEvent {
    return switch (type) {
      case AUTOMATION_MESSAGE -> {
        require("content.message.content.body", content.path("message").path("content").path("body"));
        yield "session:" + require("content.sessionId", content.path("sessionId"));
      }
      case MESSAGE_RECEIVED -> {
        require("content.conversationItemId", content.path("conversationItemId"));
        yield "conversation:" + require("content.conversationId", content.path("conversationId"));
      }
      case CONTACT_MESSAGE -> {
        require("content.messageId", content.path("messageId"));
        yield "conversation:" + require("content.conversationId", content.path("conversationId"));
      }
      default -> "event:" + id;
    };
  }

  /** The customer message the event is about (its Gladly item or session message id), if it is about one. */
  Optional<String> messageId() {
    JsonNode id = switch (type) {
      case AUTOMATION_MESSAGE -> content.path("message").path("id");
      case MESSAGE_RECEIVED -> content.path("conversationItemId");
      case CONTACT_MESSAGE -> content.path("messageId");
      default -> com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    };
    return id.isTextual() && !id.asText().isBlank() ? Optional.of(id.asText()) : Optional.empty();
  }

  Optional<String> text(String field) {
    JsonNode n = content.path(field);
    return n.isTextual() && !n.asText().isBlank() ? Optional.of(n.asText()) : Optional.empty();
  }

  private static String require(String name, JsonNode n) throws MalformedEvent {
    if (!n.isTextual() || n.asText().isBlank()) {
      throw new MalformedEvent(name + " is missing");
    }
    return n.asText();
  }

  /** Why a body is not a usable Gladly event. */
  static final class MalformedEvent extends Exception {
    MalformedEvent(String message) {
      super(message, null, false, false);
    }
  }
}
