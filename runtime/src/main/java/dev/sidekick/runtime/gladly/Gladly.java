package dev.sidekick.runtime.gladly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidekick.runtime.config.RuntimeConfig;
import dev.sidekick.runtime.gladly.GladlyModel.Agent;
import dev.sidekick.runtime.gladly.GladlyModel.Conversation;
import dev.sidekick.runtime.gladly.GladlyModel.Customer;
import dev.sidekick.runtime.gladly.GladlyModel.Inbox;
import dev.sidekick.runtime.gladly.GladlyModel.Item;
import dev.sidekick.runtime.gladly.GladlyModel.SessionMessage;
import dev.sidekick.runtime.gladly.GladlyModel.Topic;
import dev.sidekick.runtime.gladly.GladlyModel.Webhook;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Gladly's API as the runtime uses it, in one place: every path, every request and answer shape (API.md §3, §4), and
 * which writes are safe to send twice. Handlers speak in Gladly's terms (send a message, reply, hand off) and never
 * see a path or a JSON field. Each call takes the event's {@link Deadline}; {@link GladlyUnavailable} asks for a
 * redelivery, {@link GladlyRefused} means Gladly said no.
 *
 * <p>Writes that are not idempotent (messages, replies, notes, hand-offs, closes) are sent once per call: when the
 * outcome is unknown, the caller checks with {@link #botMessageFollows}, {@link #replyFollows} or {@link #noteExists}
 * before sending again ({@code dedupe.EventProgress#write}).
 */
@ApplicationScoped
public class Gladly {
  static final String ORGANIZATION = "/api/v1/organization";
  static final String AGENTS = "/api/v1/agents";
  static final String TOPICS = "/api/v1/topics";
  static final String INBOXES = "/api/v1/inboxes";
  static final String WEBHOOKS = "/api/v1/webhooks";
  static final String EVENTS = "/api/v1/events";
  static final String SESSION_MESSAGES = "/api/v1/message-automation/sessions/{}/messages";
  static final String TYPING = "/api/v1/message-automation/sessions/{}/typing-indicators";
  static final String HANDOFF = "/api/v1/message-automation/sessions/{}/handoff";
  static final String CLOSE_SESSION = "/api/v1/message-automation/sessions/{}/close";
  static final String CONVERSATION = "/api/v1/conversations/{}";
  static final String ITEMS = "/api/v1/conversations/{}/items";
  static final String ITEM = "/api/v1/conversation-items/{}";
  static final String REPLY = "/api/v1/conversation-items/{}/reply";
  static final String NOTES = "/api/v1/conversations/{}/notes";
  static final String CONVERSATION_TOPICS = "/api/v1/conversations/{}/topics";
  static final String CONVERSATION_TOPIC = "/api/v1/conversations/{}/topics/{}";
  static final String CUSTOMER = "/api/v1/customer-profiles/{}";
  /** Gladly's limit on a message, a reply or a description (API.md §3.2, §4.4). */
  public static final int MAX_TEXT = 2048;
  public static final int MAX_DESCRIPTION = 240;
  public static final int MAX_MENU_PROMPT = 50;

  @Inject GladlyClient client;
  @Inject ObjectMapper json;

  /**
   * Gladly's API for a command-line tool, outside CDI ({@code knowledge-base harvest}): the same client, its
   * credentials read once from their files, this process's rate limiter alone.
   */
  public static Gladly standalone(RuntimeConfig.Gladly config, ObjectMapper json, MeterRegistry meters) {
    Gladly gladly = new Gladly();
    gladly.client = GladlyClient.standalone(config, json, meters);
    gladly.json = json;
    return gladly;
  }

  /** Gladly's time now (event timestamps are on its clock), as its answers' {@code Date} header tells it. */
  public Instant now() {
    return client.gladlyNow();
  }

  /** Gladly's time now, read afresh from an answer of Gladly's (a cheap read of the organization). */
  public Instant readClock(Deadline d) {
    client.forgetClock();
    client.call("GET", ORGANIZATION, null, true, d);
    return client.gladlyNow();
  }

  /** The API user's email (to find its agent id among {@link #agents}). */
  public String userEmail() {
    return client.userEmail();
  }

  public List<Agent> agents(Deadline d) {
    return list(client.call("GET", AGENTS, null, true, d).body(), Agent::of);
  }

  public List<Topic> topics(Deadline d) {
    return list(client.call("GET", TOPICS, null, true, d).body(), Topic::of);
  }

  public List<Inbox> inboxes(Deadline d) {
    return list(client.call("GET", INBOXES, null, true, d).body(), Inbox::of);
  }

  public List<Webhook> webhooks(Deadline d) {
    return list(client.call("GET", WEBHOOKS, null, true, d).body(), Webhook::of);
  }

  // ---------------------------------------------------------------- message automation (chat)

  /** "Sidekick is typing...": best effort, never awaited for Gladly's answer (see {@code GladlyClient}). */
  public CompletableFuture<Void> startTyping(String session, Deadline d) {
    return client.bestEffortAsync("POST", TYPING, json.createObjectNode().put("state", "STARTED"), d, session);
  }

  public void sendText(String session, String text, Deadline d) {
    ObjectNode body = json.createObjectNode().put("type", "TEXT");
    body.putObject("content").put("value", text);
    client.call("POST", SESSION_MESSAGES, body, false, d, session);
  }

  /** A MENU: a prompt of at most {@link #MAX_MENU_PROMPT} characters and its items (id, label). */
  public void sendMenu(String session, String prompt, List<MenuItem> items, Deadline d) {
    ObjectNode body = json.createObjectNode().put("type", "MENU");
    ObjectNode content = body.putObject("content").put("prompt", prompt);
    ArrayNode menu = content.putArray("menuItems");
    items.forEach(i -> menu.addObject().put("id", i.id()).put("label", i.label()));
    client.call("POST", SESSION_MESSAGES, body, false, d, session);
  }

  /** A menu item of {@link #sendMenu}. */
  public record MenuItem(String id, String label) {}

  /** The session's messages, the customer's and the bot's, oldest first. */
  public List<SessionMessage> sessionMessages(String session, Deadline d) {
    return list(client.call("GET", SESSION_MESSAGES, null, true, d, session).body(), SessionMessage::of);
  }

  /** Routes the chat to the entry point's inbox with a one-line description; the session ends. */
  public void handOffSession(String session, String description, Deadline d) {
    client.call("POST", HANDOFF, description(description), false, d, session);
  }

  public void closeSession(String session, String description, Deadline d) {
    client.call("POST", CLOSE_SESSION, description(description), false, d, session);
  }

  /** Whether a bot message with this text (or menu prompt) follows the customer's message in the session. */
  public boolean botMessageFollows(String session, String customerMessageId, String text, Deadline d) {
    return sessionMessageAfter(session, customerMessageId, m -> m.text().equals(text), d);
  }

  /** Whether any bot or agent message follows the customer's message in the session (someone answered it). */
  public boolean sessionAnsweredAfter(String session, String customerMessageId, Deadline d) {
    return sessionMessageAfter(session, customerMessageId, m -> true, d);
  }

  private boolean sessionMessageAfter(
      String session, String customerMessageId, Predicate<SessionMessage> which, Deadline d) {
    boolean after = customerMessageId.isEmpty();
    for (SessionMessage m : sessionMessages(session, d)) {
      if (m.id().equals(customerMessageId)) {
        after = true;
      } else if (after && !m.fromCustomer() && which.test(m)) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- conversations (every other channel)

  public Conversation conversation(String id, Deadline d) {
    return Conversation.of(client.call("GET", CONVERSATION, null, true, d, id).body());
  }

  /** The conversation's items, oldest first (at most 1,000: Gladly's cap). */
  public List<Item> items(String conversation, Deadline d) {
    return list(client.call("GET", ITEMS, null, true, d, conversation).body(), Item::of);
  }

  public Item item(String id, Deadline d) {
    return Item.of(client.call("GET", ITEM, null, true, d, id).body());
  }

  /** Assigns the conversation (to an agent, or with {@code agent} empty only to the inbox) and keeps it open. */
  public void assign(String conversation, String inbox, Optional<String> agent, Deadline d) {
    ObjectNode body = json.createObjectNode();
    ObjectNode a = body.putObject("assignee").put("inboxId", inbox);
    if (agent.isPresent()) {
      a.put("agentId", agent.get());
    } else {
      a.putNull("agentId");
    }
    body.putObject("status").put("value", "OPEN");
    client.call("PATCH", CONVERSATION, body, true, d, conversation);
  }

  public void closeConversation(String conversation, Deadline d) {
    ObjectNode body = json.createObjectNode();
    body.putObject("status").put("value", "CLOSED").put("force", true);
    client.call("PATCH", CONVERSATION, body, true, d, conversation);
  }

  /** Replies to the customer's message {@code item} on its channel ({@code type}: EMAIL, SMS, CHAT_MESSAGE, ...). */
  public void reply(String item, String type, String text, Deadline d) {
    ObjectNode body = json.createObjectNode();
    ObjectNode content = body.putObject("content").put("type", type);
    if (type.equals("CHAT_MESSAGE")) {
      content.put("messageType", "TEXT");
    }
    content.put("body", text);
    client.call("POST", REPLY, body, false, d, item);
  }

  /** Whether a reply with this text follows the customer's message {@code item} in the conversation. */
  public boolean replyFollows(String conversation, String item, String text, Deadline d) {
    return replyAfter(conversation, item, i -> i.text().equals(text), d);
  }

  /** Whether any reply (Sidekick's or an agent's) follows the customer's message {@code item} in the conversation. */
  public boolean answeredAfter(String conversation, String item, Deadline d) {
    return replyAfter(conversation, item, i -> !i.text().isEmpty(), d);
  }

  /** Whether a note with this text follows the customer's message {@code item} in the conversation. */
  public boolean noteFollows(String conversation, String item, String text, Deadline d) {
    return itemAfter(conversation, item, i -> i.isNote() && i.text().equals(text), d);
  }

  private boolean replyAfter(String conversation, String item, Predicate<Item> which, Deadline d) {
    return itemAfter(conversation, item, i -> !i.fromCustomer() && !i.isNote() && which.test(i), d);
  }

  private boolean itemAfter(String conversation, String item, Predicate<Item> which, Deadline d) {
    boolean after = false;
    for (Item i : items(conversation, d)) {
      if (i.id().equals(item)) {
        after = true;
      } else if (after && which.test(i)) {
        return true;
      }
    }
    return false;
  }

  public void addNote(String conversation, String text, Deadline d) {
    ObjectNode body = json.createObjectNode();
    body.putObject("content").put("body", text);
    client.call("POST", NOTES, body, false, d, conversation);
  }

  /** Whether the conversation holds a note with this text. */
  public boolean noteExists(String conversation, String text, Deadline d) {
    return items(conversation, d).stream().anyMatch(i -> i.isNote() && i.text().equals(text));
  }

  /** Adds a topic; Gladly ignores topics already on the conversation, so this is safe to send twice. */
  public void addTopic(String conversation, String topic, Deadline d) {
    ObjectNode body = json.createObjectNode();
    body.putArray("topicIds").add(topic);
    client.call("POST", CONVERSATION_TOPICS, body, true, d, conversation);
  }

  public void removeTopic(String conversation, String topic, Deadline d) {
    client.call("DELETE", CONVERSATION_TOPIC, null, true, d, conversation, topic);
  }

  // ---------------------------------------------------------------- customers

  /** A customer's profile: the emails and phone numbers Gladly knows them by (API.md §4.6). */
  public Customer customer(String id, Deadline d) {
    return Customer.of(client.call("GET", CUSTOMER, null, true, d, id).body());
  }

  /**
   * The customer's profile, or empty when there is none to read (no id; Gladly refuses: merged, deleted). Gladly
   * being unavailable still asks for a redelivery ({@link GladlyUnavailable}).
   */
  public Optional<Customer> customerIfKnown(String id, Deadline d) {
    if (id == null || id.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(customer(id, d));
    } catch (GladlyRefused e) {
      return Optional.empty();
    }
  }

  // ---------------------------------------------------------------- Events API

  /**
   * The organization's events recorded in [{@code from}, {@code to}] of these entities (API.md §4.9: the last 24
   * hours, JSONL, up to 15 s behind), each envelope handed to {@code event} as it arrives. {@code timeout} bounds the
   * whole stream.
   */
  public void events(
      Instant from, Instant to, List<String> entities, Duration timeout, Deadline d, Consumer<JsonNode> event) {
    StringBuilder query = new StringBuilder("?startAt=").append(encode(from.toString()))
        .append("&endAt=").append(encode(to.toString()));
    entities.forEach(e -> query.append("&entities=").append(encode(e)));
    client.streamLines(EVENTS, query.toString(), timeout, d, line -> {
      try {
        event.accept(json.readTree(line));
      } catch (IOException e) {
        throw new GladlyUnavailable("GET " + EVENTS + ": a line that is not JSON", false);
      }
    });
  }

  private ObjectNode description(String line) {
    return json.createObjectNode().put("description", line);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static <T> List<T> list(JsonNode array, java.util.function.Function<JsonNode, T> read) {
    List<T> out = new ArrayList<>();
    array.forEach(n -> out.add(read.apply(n)));
    return out;
  }
}
