package dev.sidekick.runtime.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidekick.runtime.EventContext;
import dev.sidekick.runtime.EventHandler;
import dev.sidekick.runtime.Identity;
import dev.sidekick.runtime.Outcome;
import dev.sidekick.runtime.automation.Transcripts;
import dev.sidekick.runtime.dedupe.EventProgress;
import dev.sidekick.runtime.dedupe.HandedOver;
import dev.sidekick.runtime.gladly.Deadline;
import dev.sidekick.runtime.gladly.GladlyClient;
import dev.sidekick.runtime.handoff.HandoffTrail;
import dev.sidekick.runtime.responder.Inquiry;
import dev.sidekick.runtime.responder.Reply;
import dev.sidekick.runtime.responder.Responder;
import dev.sidekick.runtime.responder.Responders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * A message on any other channel ({@code MESSAGE/RECEIVED}, {@code CONTACT/MESSAGE_RECEIVED}): fetch the
 * conversation and the item; leave it alone when it is closed, handed off (topic) and not closed since,
 * owned by a human agent, or not a customer's message; otherwise claim it for the Sidekick agent and reply,
 * or hand it to the endpoint's inbox with a note and the hand-off topic.
 */
@ApplicationScoped
public class MessagingHandler implements EventHandler {
  private static final Logger LOG = Logger.getLogger(MessagingHandler.class);
  static final String CONVERSATION = "/api/v1/conversations/{}";
  static final String ITEMS = "/api/v1/conversations/{}/items";
  static final String ITEM = "/api/v1/conversation-items/{}";
  static final String REPLY = "/api/v1/conversation-items/{}/reply";
  static final String TOPIC = "/api/v1/conversations/{}/topics/{}";
  private static final Set<String> REPLYABLE =
      Set.of("EMAIL", "CHAT_MESSAGE", "SMS", "WHATSAPP", "FACEBOOK_MESSAGE", "INSTAGRAM_DIRECT");
  private static final Duration DELIVERY_RESERVE = Duration.ofMillis(2000);

  @Inject GladlyClient gladly;
  @Inject HandoffTrail trail;
  @Inject Responders responders;
  @Inject Identity identity;
  @Inject HandedOver handedOver;
  @Inject ObjectMapper json;

  @Override
  public Outcome handle(EventContext event) {
    String conversation = event.content().path("conversationId").asText();
    String item =
        event.content().path("conversationItemId").asText(event.content().path("messageId").asText());
    EventProgress p = event.progress();
    Deadline d = event.deadline();

    if (p.fact("text").isEmpty()) {
      String reason = whyLeaveAlone(conversation, item, p, d);
      if (reason != null) {
        LOG.infof("left alone: %s", reason);
        return Outcome.LEFT_ALONE;
      }
    }
    String type = p.fact("type").orElseThrow();
    String text = p.fact("text").orElseThrow();
    Responder responder = responders.of(event);
    Reply reply = p.decision(() -> decide(responder, text, d));
    LOG.infof("decision: %s (%s)", reply.getClass().getSimpleName(), reply.reason());

    if (reply instanceof Reply.Handoff handoff) {
      handOff(conversation, text, handoff, event, d);
      return Outcome.HANDED_OFF;
    }
    String inbox = p.fact("inbox").orElse(event.endpoint().handoffInboxId().orElseThrow());
    p.step("assign", () -> gladly.patch(CONVERSATION, assignee(inbox, identity.agentId(), "OPEN"), d, conversation));
    String answer =
        reply instanceof Reply.Answer a ? withOptions(a) : ((Reply.Close) reply).farewell();
    sendReply(conversation, item, type, answer, p, d);
    if (reply instanceof Reply.Close) {
      ObjectNode close = json.createObjectNode();
      close.putObject("status").put("value", "CLOSED").put("force", true);
      p.stepRefusalTolerated("close", () -> gladly.patch(CONVERSATION, close, d, conversation));
      return Outcome.CLOSED;
    }
    return Outcome.ANSWERED;
  }

  /** Null when Sidekick should answer; otherwise why not. Remembers what the answer needs. */
  private String whyLeaveAlone(String conversation, String item, EventProgress p, Deadline d) {
    JsonNode conv = gladly.get(CONVERSATION, d, conversation);
    if ("CLOSED".equals(conv.path("status").asText())) {
      return "the conversation is closed";
    }
    Optional<String> topic = identity.handoffTopicId();
    boolean tagged = false;
    for (JsonNode t : conv.path("topicIds")) {
      tagged |= topic.isPresent() && t.asText().equals(topic.get());
    }
    if (tagged) {
      if (!closedSinceHandoff(conversation, topic.get(), d)) {
        return "the conversation carries the hand-off topic";
      }
      // Closed and reopened since the hand-off: a new request, Sidekick may answer it again.
      p.step("untag", () -> gladly.delete(TOPIC, d, conversation, topic.get()));
      handedOver.remove("conversation:" + conversation);
      LOG.info("the conversation was closed and reopened since the hand-off: Sidekick takes it up again");
    } else if (handedOver.contains("conversation:" + conversation)) {
      return "Sidekick handed this conversation to a human";
    }
    String agent = conv.path("agentId").asText("");
    if (!agent.isEmpty() && !agent.equals(identity.agentId())) {
      return "a human agent owns the conversation";
    }
    JsonNode message = gladly.get(ITEM, d, item);
    if (!"CUSTOMER".equals(message.path("initiator").path("type").asText())) {
      return "not a customer's message";
    }
    JsonNode content = message.path("content");
    String type = content.path("type").asText();
    if (!REPLYABLE.contains(type)) {
      return "a " + type + " item cannot be answered in writing";
    }
    String text = content.path("content").asText("");
    if (type.equals("EMAIL") && !content.path("subject").asText("").isBlank()) {
      text = content.path("subject").asText() + "\n" + text;
    }
    p.remember("inbox", conv.path("inboxId").asText(null));
    p.remember("type", type);
    p.remember("text", text);
    return null;
  }

  /** Whether the conversation was closed after the hand-off topic was last put on it. */
  private boolean closedSinceHandoff(String conversation, String topic, Deadline d) {
    boolean closedAfter = false;
    for (JsonNode item : gladly.get(ITEMS, d, conversation)) {
      JsonNode c = item.path("content");
      String type = c.path("type").asText();
      if (type.equals("TOPIC_CHANGE")) {
        for (JsonNode added : c.path("addedTopicIds")) {
          if (added.asText().equals(topic)) {
            closedAfter = false;
          }
        }
      } else if (type.equals("CONVERSATION_STATUS_CHANGE") && "CLOSED".equals(c.path("status").asText())) {
        closedAfter = true;
      }
    }
    return closedAfter;
  }

  private Reply decide(Responder responder, String text, Deadline d) {
    try {
      return responder.respond(Inquiry.of(text), d.budget(Duration.ofMinutes(1), DELIVERY_RESERVE));
    } catch (RuntimeException e) {
      LOG.warnf("responder failed (%s): handing off", e.getClass().getSimpleName());
      return new Reply.Handoff("the responder failed");
    }
  }

  private void sendReply(String conversation, String item, String type, String text, EventProgress p, Deadline d) {
    String body = text;
    if (type.equals("EMAIL") && identity.persona().isPresent()) {
      body = text + "\n\n" + identity.persona().get();
    }
    String value = body.length() > 2048 ? body.substring(0, 2047) + "\u2026" : body;
    if (p.isUncertain("reply") && alreadyReplied(conversation, item, value, d)) {
      LOG.info("the reply of an earlier attempt did reach the customer: not sending it again");
      p.markDone("reply");
    }
    ObjectNode reply = json.createObjectNode();
    ObjectNode content = reply.putObject("content").put("type", type);
    if (type.equals("CHAT_MESSAGE")) {
      content.put("messageType", "TEXT");
    }
    content.put("body", value);
    p.step("reply", () -> gladly.post(REPLY, reply, d, item));
  }

  private boolean alreadyReplied(String conversation, String item, String value, Deadline d) {
    boolean after = false;
    for (JsonNode i : gladly.get(ITEMS, d, conversation)) {
      if (i.path("id").asText().equals(item)) {
        after = true;
      } else if (after
          && !"CUSTOMER".equals(i.path("initiator").path("type").asText())
          && (value.equals(i.path("content").path("body").asText())
              || value.equals(i.path("content").path("content").asText()))) {
        return true;
      }
    }
    return false;
  }

  private void handOff(String conversation, String text, Reply.Handoff handoff, EventContext event, Deadline d) {
    EventProgress p = event.progress();
    String inbox = event.endpoint().handoffInboxId().orElseThrow();
    p.step("handoff", () -> gladly.patch(CONVERSATION, assignee(inbox, null, "OPEN"), d, conversation));
    handedOver.add("conversation:" + conversation);
    List<Inquiry.Turn> turns = new ArrayList<>(Inquiry.of(text).transcript());
    trail.leave(p, conversation, Transcripts.note(identity.persona().orElse("Sidekick"), handoff.forAgent(), turns), d);
  }

  private ObjectNode assignee(String inbox, String agent, String status) {
    ObjectNode body = json.createObjectNode();
    ObjectNode a = body.putObject("assignee").put("inboxId", inbox);
    if (agent == null) {
      a.putNull("agentId");
    } else {
      a.put("agentId", agent);
    }
    body.putObject("status").put("value", status);
    return body;
  }

  private static String withOptions(Reply.Answer a) {
    if (a.options().isEmpty()) {
      return a.text();
    }
    return a.text()
        + "\n\n"
        + a.options().stream().map(o -> "- " + o.label()).collect(Collectors.joining("\n"))
        + "\n\nReply with one of the options above.";
  }
}
