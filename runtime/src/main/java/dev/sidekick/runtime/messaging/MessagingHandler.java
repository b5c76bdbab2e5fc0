package dev.sidekick.runtime.messaging;

import dev.sidekick.runtime.EventContext;
import dev.sidekick.runtime.EventHandler;
import dev.sidekick.runtime.Identity;
import dev.sidekick.runtime.Outcome;
import dev.sidekick.runtime.commerce.Contact;
import dev.sidekick.runtime.config.EndpointSettings;
import dev.sidekick.runtime.dedupe.EventProgress;
import dev.sidekick.runtime.gladly.Deadline;
import dev.sidekick.runtime.gladly.Gladly;
import dev.sidekick.runtime.gladly.GladlyModel.Conversation;
import dev.sidekick.runtime.gladly.GladlyModel.Item;
import dev.sidekick.runtime.gladly.GladlyUnavailable;
import dev.sidekick.runtime.handoff.Handoff;
import dev.sidekick.runtime.handoff.HandoffNote;
import dev.sidekick.runtime.outcomes.Decisions;
import dev.sidekick.runtime.outcomes.ResolutionWatch;
import dev.sidekick.runtime.responder.Inquiry;
import dev.sidekick.runtime.responder.Reply;
import dev.sidekick.runtime.responder.Responder;
import dev.sidekick.runtime.responder.Responders;
import dev.sidekick.runtime.responder.orders.OrderConversation;
import dev.sidekick.runtime.responder.orders.OrderConversations;
import dev.sidekick.runtime.shadow.ShadowNote;
import dev.sidekick.runtime.store.StoreUnavailable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * A message on any other channel ({@code MESSAGE/RECEIVED}, {@code CONTACT/MESSAGE_RECEIVED}): fetch the
 * conversation and the item; leave it alone when it is closed, handed off (topic) and not closed since,
 * owned by a human agent, or not a customer's message; otherwise claim it for the Sidekick agent and reply,
 * or hand it to the endpoint's inbox with a note and the hand-off topic. In shadow mode, only a note of what it would
 * have done.
 */
@ApplicationScoped
public class MessagingHandler implements EventHandler {
  private static final Logger LOG = Logger.getLogger(MessagingHandler.class);
  private static final Set<String> REPLYABLE =
      Set.of("EMAIL", "CHAT_MESSAGE", "SMS", "WHATSAPP", "FACEBOOK_MESSAGE", "INSTAGRAM_DIRECT");
  private static final Duration DELIVERY_RESERVE = Duration.ofMillis(2000);

  @Inject Gladly gladly;
  @Inject Handoff handoff;
  @Inject Responders responders;
  @Inject Identity identity;
  @Inject ConversationOwner owners;
  @Inject OrderConversations orders;
  @Inject Decisions decisions;
  @Inject ResolutionWatch resolutions;

  @Override
  public Outcome handle(EventContext event) {
    String conversation = event.content().path("conversationId").asText();
    String item =
        event.content().path("conversationItemId").asText(event.content().path("messageId").asText());
    EventProgress p = event.progress();
    Deadline d = event.deadline();

    if (p.fact("text").isEmpty()) {
      String reason = whyLeaveAlone(conversation, item, event.fromCatchUp(), p, d);
      if (reason != null) {
        LOG.infof("left alone: %s", reason);
        return Outcome.LEFT_ALONE;
      }
    }
    String type = p.fact("type").orElseThrow();
    String text = p.fact("text").orElseThrow();
    // answered as the endpoint that owns the conversation's inbox, whichever endpoint's webhook delivered it
    EndpointSettings owner = owners.of(p.fact("inbox").orElse(null), event.endpoint());
    if (!owner.name().equals(event.endpoint().name())) {
      LOG.infof("answered as endpoint %s, which owns the conversation's inbox", owner.name());
    }
    Responder responder = responders.of(event, owner);
    // the conversation's customer, as Gladly knows them, is who order data may go to; the owner's shop holds the orders
    String customer = p.fact("customer").orElse(event.content().path("customerId").asText(""));
    String orderKey = "conversation:" + conversation;
    OrderConversation orderConversation = orders.open(owner.name(), orderKey,
        () -> gladly.customerIfKnown(customer, d).map(k -> Contact.of(k.email(), k.phone())).orElseGet(Contact::none));
    String channel = Decisions.channel(type);
    Reply reply = p.decision(() -> {
      Reply decided = decide(responder, text, orderConversation, d);
      decisions.decided(owner.name(), channel, owner.mode(), decided); // once: a redelivery reuses the decision
      return decided;
    }, () -> orders.decided(orderConversation));
    LOG.infof("decision: %s (%s)", reply.getClass().getSimpleName(), reply.reason());
    if (owner.mode() == EndpointSettings.Mode.SHADOW) {
      return shadow(conversation, item, text, reply, owner, p, d);
    }
    orders.keep(p, orderKey);

    if (reply instanceof Reply.Handoff h) {
      // what the customer is told before a person takes over ("a member of our team will follow up")
      h.toCustomer().ifPresent(line -> sendReply(conversation, item, type, line, p, d));
      String note = HandoffNote.note(identity.persona().orElse("Sidekick"), h.forAgent(), Inquiry.of(text).transcript());
      handoff.conversation(p, conversation, owner.handoffInboxId().orElseThrow(), note, d);
      p.step("resolution", () -> resolutions.decided(conversation, owner.name(), channel, reply));
      return Outcome.HANDED_OFF;
    }
    String inbox = p.fact("inbox").orElse(owner.handoffInboxId().orElseThrow());
    p.step("assign", () -> gladly.assign(conversation, inbox, Optional.of(identity.agentId()), d));
    String answer =
        reply instanceof Reply.Answer a ? withOptions(a) : ((Reply.Close) reply).farewell();
    sendReply(conversation, item, type, answer, p, d);
    p.step("resolution", () -> resolutions.decided(conversation, owner.name(), channel, reply));
    if (reply instanceof Reply.Close) {
      p.refusalTolerated("close", () -> p.step("close", () -> gladly.closeConversation(conversation, d)));
      return Outcome.CLOSED;
    }
    return Outcome.ANSWERED;
  }

  /**
   * Shadow mode: one note with what Sidekick would have done, nothing to the customer, no topic, and the conversation
   * left where it is; a conversation Sidekick still holds from live mode goes to the hand-off inbox, so that a person
   * answers it. The order desk's state is not kept: the customer never saw its question.
   */
  private Outcome shadow(
      String conversation, String item, String text, Reply reply, EndpointSettings owner, EventProgress p, Deadline d) {
    if (p.fact("agent").orElse("").equals(identity.agentId())) {
      p.step("release", () -> gladly.assign(conversation, owner.handoffInboxId().orElseThrow(), Optional.empty(), d));
    }
    String note = ShadowNote.of(reply, text);
    // the note is all that shadow mode does: Gladly refusing it fails the event (counted), unlike a hand-off's note
    p.write("note", () -> gladly.addNote(conversation, note, d), () -> gladly.noteFollows(conversation, item, note, d));
    return ShadowNote.outcome(reply);
  }

  /** Null when Sidekick should answer; otherwise why not. Remembers what the answer needs. */
  private String whyLeaveAlone(String conversation, String item, boolean fromCatchUp, EventProgress p, Deadline d) {
    Conversation conv = gladly.conversation(conversation, d);
    if (conv.closed()) {
      return "the conversation is closed";
    }
    Optional<String> topic = identity.handoffTopicId();
    if (topic.isPresent() && conv.topicIds().contains(topic.get())) {
      if (!closedSinceHandoff(conversation, topic.get(), d)) {
        return "the conversation carries the hand-off topic";
      }
      // Closed and reopened since the hand-off: a new request, Sidekick may answer it again.
      handoff.takeBack(p, conversation, topic.get(), d);
      LOG.info("the conversation was closed and reopened since the hand-off: Sidekick takes it up again");
    } else if (handoff.conversationLetGo(conversation)) {
      return "Sidekick handed this conversation to a human";
    }
    if (!conv.agentId().isEmpty() && !conv.agentId().equals(identity.agentId())) {
      return "a human agent owns the conversation";
    }
    if (fromCatchUp && gladly.answeredAfter(conversation, item, d)) {
      // an event of an outage (the Events API's id may differ from a legacy MESSAGE/RECEIVED delivery's)
      return "answered since";
    }
    Item message = gladly.item(item, d);
    if (!message.fromCustomer()) {
      return "not a customer's message";
    }
    String type = message.contentType();
    if (!REPLYABLE.contains(type)) {
      return "a " + type + " item cannot be answered in writing";
    }
    String text = message.text();
    if (type.equals("EMAIL") && !message.subject().isBlank()) {
      text = message.subject() + "\n" + text;
    }
    p.remember("inbox", conv.inboxId());
    p.remember("customer", conv.customerId());
    p.remember("agent", conv.agentId());
    p.remember("type", type);
    p.remember("text", text);
    return null;
  }

  /** Whether the conversation was closed after the hand-off topic was last put on it. */
  private boolean closedSinceHandoff(String conversation, String topic, Deadline d) {
    boolean closedAfter = false;
    for (Item i : gladly.items(conversation, d)) {
      if (i.contentType().equals("TOPIC_CHANGE") && i.addedTopicIds().contains(topic)) {
        closedAfter = false;
      } else if (i.contentType().equals("CONVERSATION_STATUS_CHANGE") && "CLOSED".equals(i.status())) {
        closedAfter = true;
      }
    }
    return closedAfter;
  }

  private Reply decide(Responder responder, String text, OrderConversation orders, Deadline d) {
    try {
      return responder.respond(Inquiry.of(text).withOrders(orders), d.budget(Duration.ofMinutes(1), DELIVERY_RESERVE));
    } catch (GladlyUnavailable | StoreUnavailable e) {
      // the customer's contact or the conversation's order state could not be read: Gladly redelivers
      throw e;
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
    String value = body.length() > Gladly.MAX_TEXT ? body.substring(0, Gladly.MAX_TEXT - 1) + "\u2026" : body;
    p.write("reply", () -> gladly.reply(item, type, value, d), () -> gladly.replyFollows(conversation, item, value, d));
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
