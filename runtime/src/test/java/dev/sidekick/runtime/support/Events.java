package dev.sidekick.runtime.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/** Gladly webhook bodies for tests that deliver events themselves (API.md §2.2 and §2.3). */
public final class Events {
  private static final ObjectMapper JSON = new ObjectMapper();
  // Gladly's clock: event timestamps are on it (a test's simulator may have moved it ahead)
  private static volatile java.util.function.Supplier<java.time.Instant> gladlyClock = java.time.Instant::now;

  /** Timestamps from now on come from this clock (the simulator's). */
  public static void useClock(java.util.function.Supplier<java.time.Instant> clock) {
    gladlyClock = clock;
  }

  private Events() {}

  public static String newId() {
    return "test-" + UUID.randomUUID();
  }

  public static String ping() {
    return envelope(newId(), "PING", JSON.createObjectNode()).toString();
  }

  public static String chatMessage(String eventId, String sessionId, String conversationId, String messageId, String text) {
    ObjectNode content = JSON.createObjectNode();
    content.put("sessionId", sessionId).put("channelType", "CHAT").put("conversationId", conversationId);
    ObjectNode message = content.putObject("message").put("id", messageId).put("type", "TEXT");
    message.putObject("content").put("body", text);
    return envelope(eventId, "AUTOMATION/MESSAGE_RECEIVED", content).toString();
  }

  /** The same chat event, as Gladly redelivers it {@code age} after it was recorded. */
  public static String recordedAgo(String event, java.time.Duration age) {
    try {
      ObjectNode root = (ObjectNode) JSON.readTree(event);
      root.put("timestamp", gladlyClock.get().minus(age).toString());
      return root.toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static String messageReceived(String eventId, String conversationId, String itemId) {
    ObjectNode content = JSON.createObjectNode();
    content.put("conversationId", conversationId).put("conversationItemId", itemId);
    return envelope(eventId, "MESSAGE/RECEIVED", content).toString();
  }

  public static String ofType(String type) {
    ObjectNode content = JSON.createObjectNode().put("conversationId", "c1").put("customerId", "x");
    return envelope(newId(), type, content).toString();
  }

  private static ObjectNode envelope(String id, String type, ObjectNode content) {
    ObjectNode root = JSON.createObjectNode();
    // recorded just now, as on a first delivery (an old timestamp marks a redelivery)
    root.put("id", id).put("type", type).put("timestamp", gladlyClock.get().toString());
    root.putObject("initiator").put("id", "customer").put("type", "CUSTOMER");
    root.set("content", content);
    return root;
  }
}
