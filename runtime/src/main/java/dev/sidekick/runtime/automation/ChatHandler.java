package dev.sidekick.runtime.automation;

import dev.sidekick.runtime.EventContext;
import dev.sidekick.runtime.EventHandler;
import dev.sidekick.runtime.Identity;
import dev.sidekick.runtime.Outcome;
import dev.sidekick.runtime.commerce.Contact;
import dev.sidekick.runtime.config.EndpointSettings;
import dev.sidekick.runtime.dedupe.EventProgress;
import dev.sidekick.runtime.gladly.Deadline;
import dev.sidekick.runtime.gladly.Gladly;
import dev.sidekick.runtime.gladly.GladlyModel.SessionMessage;
import dev.sidekick.runtime.gladly.GladlyRefused;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * A chat customer's message through Gladly's message automation ({@code AUTOMATION/MESSAGE_RECEIVED}):
 * typing indicator (not awaited), responder, then a TEXT or MENU message, a hand-off (a one-line description, the
 * hand-off topic and a note summarising the bot conversation for the agent), or a goodbye and close. In shadow mode,
 * a hand-off at once with a note of what Sidekick would have done.
 * Each Gladly write is a recorded step, so a redelivered event resumes instead of repeating.
 */
@ApplicationScoped
public class ChatHandler implements EventHandler {
  private static final Logger LOG = Logger.getLogger(ChatHandler.class);
  // Time kept back from the responder for the Gladly calls that deliver its answer.
  private static final Duration DELIVERY_RESERVE = Duration.ofMillis(1500);
  // The most an answer waits for the typing indicator's request to be written (not answered).
  private static final Duration TYPING_WRITE_WAIT = Duration.ofMillis(50);

  @Inject Gladly gladly;
  @Inject Responders responders;
  @Inject Identity identity;
  @Inject Handoff handoff;
  @Inject OrderConversations orders;
  @Inject ChatOwner owners;
  @Inject Decisions decisions;
  @Inject ResolutionWatch resolutions;

  @Override
  public Outcome handle(EventContext event) {
    var c = event.content();
    String session = c.path("sessionId").asText();
    String conversation = c.path("conversationId").asText("");
    String messageId = c.path("message").path("id").asText("");
    String text = c.path("message").path("content").path("body").asText();
    EventProgress progress = event.progress();
    Deadline deadline = event.deadline();

    if (!progress.resumed() && handoff.sessionLetGo(session)) {
      LOG.info("session already handed off or closed: left alone");
      return Outcome.LEFT_ALONE;
    }
    if (event.fromCatchUp() && !progress.resumed() && gladly.sessionAnsweredAfter(session, messageId, deadline)) {
      LOG.info("a message of the outage that was answered since: left alone");
      return Outcome.LEFT_ALONE;
    }
    // answered as the endpoint whose chat entry point it came in at, whichever endpoint's webhook delivered it
    EndpointSettings owner = owners.of(c.path("companyAddress").asText(""), event.endpoint());
    if (!owner.name().equals(event.endpoint().name())) {
      LOG.infof("answered as endpoint %s, whose chat entry point it is", owner.name());
    }
    boolean shadow = owner.mode() == EndpointSettings.Mode.SHADOW;
    // Best effort and never awaited: the answer must not wait for Gladly's round trip of the indicator. In shadow
    // mode the customer sees nothing of Sidekick, not even that.
    CompletableFuture<Void> typing = progress.attempts() == 1 && !shadow
        ? gladly.startTyping(session, deadline) : CompletableFuture.completedFuture(null);
    Responder responder = responders.of(event, owner);
    // the chat session is the conversation whose order questions are remembered (verification, what Sidekick asked)
    String orderKey = "session:" + session;
    String customer = c.path("customerId").asText("");
    OrderConversation orderConversation = orders.open(owner.name(), orderKey,
        () -> gladly.customerIfKnown(customer, deadline).map(k -> Contact.of(k.email(), k.phone())).orElseGet(Contact::none));
    Reply reply = progress.decision(() -> {
      Reply decided = decide(responder, session, messageId, text, orderConversation, deadline);
      decisions.decided(owner.name(), "chat", owner.mode(), decided); // once: a redelivery reuses the decision
      return decided;
    }, () -> orders.decided(orderConversation));
    LOG.infof("decision: %s (%s)", reply.getClass().getSimpleName(), reply.reason());
    if (shadow) {
      // the customer waits for a person as without Sidekick; the agent reads what Sidekick would have done
      String description = HandoffNote.oneLine(ShadowNote.description(reply), Gladly.MAX_DESCRIPTION);
      handoff.chat(progress, session, conversation, description, ShadowNote.of(reply, text), deadline);
      return ShadowNote.outcome(reply);
    }
    orders.keep(progress, orderKey);
    typingWrittenFirst(typing);
    Outcome outcome = deliver(session, conversation, messageId, text, reply, progress, deadline);
    if (!conversation.isEmpty()) {
      progress.step("resolution", () -> resolutions.decided(conversation, owner.name(), "chat", reply));
    }
    return outcome;
  }

  private Outcome deliver(
      String session, String conversation, String messageId, String text, Reply reply, EventProgress progress,
      Deadline deadline) {
    if (reply instanceof Reply.Answer answer) {
      sendAnswer(session, messageId, answer, progress, deadline);
      return Outcome.ANSWERED;
    }
    if (reply instanceof Reply.Close close) {
      sendText("answer", session, messageId, close.farewell(), progress, deadline);
      String description = HandoffNote.oneLine("Resolved by Sidekick: " + close.reason(), Gladly.MAX_DESCRIPTION);
      progress.endOnce("close", () -> gladly.closeSession(session, description, deadline));
      handoff.sessionClosed(session);
      return Outcome.CLOSED;
    }
    handOff(session, conversation, messageId, text, (Reply.Handoff) reply, progress, deadline);
    return Outcome.HANDED_OFF;
  }

  /**
   * A STARTED that reached Gladly after the answer would leave "typing..." showing under it (a bot message
   * ends the indicator, a later STARTED starts it again). So the answer goes out only once the indicator's
   * request is on its connection: normally long done by now, never waited for more than
   * {@link #TYPING_WRITE_WAIT}, and never for Gladly's answer to it.
   */
  private static void typingWrittenFirst(CompletableFuture<Void> typing) {
    if (typing.isDone()) {
      return;
    }
    try {
      typing.get(TYPING_WRITE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      LOG.debug("typing indicator not written yet: answering without waiting for it");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Reply decide(
      Responder responder, String session, String messageId, String text, OrderConversation orders, Deadline deadline) {
    List<Inquiry.Turn> transcript =
        responder.needsTranscript() ? transcript(session, messageId, text, deadline) : List.of();
    Inquiry inquiry = new Inquiry(text, transcript.isEmpty() ? Inquiry.of(text).transcript() : transcript, orders);
    try {
      return responder.respond(inquiry, deadline.budget(Duration.ofMinutes(1), DELIVERY_RESERVE));
    } catch (GladlyUnavailable | StoreUnavailable e) {
      // the customer's contact or the conversation's order state could not be read: Gladly redelivers
      throw e;
    } catch (RuntimeException e) {
      LOG.warnf("responder failed (%s): handing off", e.getClass().getSimpleName());
      return new Reply.Handoff("the responder failed");
    }
  }

  private void sendAnswer(String session, String messageId, Reply.Answer answer, EventProgress p, Deadline d) {
    if (answer.options().isEmpty()) {
      sendText("answer", session, messageId, answer.text(), p, d);
      return;
    }
    String prompt = answer.text();
    if (prompt.length() > Gladly.MAX_MENU_PROMPT) {
      sendText("answer", session, messageId, answer.text(), p, d);
      prompt = "Choose one:";
    }
    String menuPrompt = prompt;
    List<Gladly.MenuItem> items = answer.options().stream().map(o -> new Gladly.MenuItem(o.id(), o.label())).toList();
    p.write("menu", () -> gladly.sendMenu(session, menuPrompt, items, d),
        () -> gladly.botMessageFollows(session, messageId, menuPrompt, d));
  }

  private void sendText(String step, String session, String messageId, String text, EventProgress p, Deadline d) {
    String value = text.length() > Gladly.MAX_TEXT ? text.substring(0, Gladly.MAX_TEXT - 1) + "\u2026" : text;
    p.write(step, () -> gladly.sendText(session, value, d), () -> gladly.botMessageFollows(session, messageId, value, d));
  }

  private void handOff(
      String session, String conversation, String messageId, String text, Reply.Handoff reply, EventProgress p,
      Deadline d) {
    if (p.fact("note").isEmpty()) {
      p.remember("note", note(reply.forAgent(), transcriptForNote(session, messageId, text, d)));
    }
    // what the customer is told before a person takes over ("a member of our team will follow up")
    reply.toCustomer().ifPresent(line -> sendText("answer", session, messageId, line, p, d));
    String description = HandoffNote.oneLine(summary(reply.reason(), text), Gladly.MAX_DESCRIPTION);
    handoff.chat(p, session, conversation, description, p.fact("note").orElse(""), d);
  }

  private List<Inquiry.Turn> transcriptForNote(String session, String messageId, String text, Deadline d) {
    try {
      return transcript(session, messageId, text, d);
    } catch (GladlyUnavailable | GladlyRefused e) {
      // The hand-off matters more than a complete note.
      return Inquiry.of(text).transcript();
    }
  }

  private List<Inquiry.Turn> transcript(String session, String messageId, String text, Deadline d) {
    List<Inquiry.Turn> turns = new ArrayList<>();
    boolean current = false;
    for (SessionMessage m : gladly.sessionMessages(session, d)) {
      if (m.text().isEmpty()) {
        continue;
      }
      current |= m.id().equals(messageId);
      turns.add(new Inquiry.Turn(speaker(m.fromType()), m.text()));
    }
    if (!current) {
      turns.add(new Inquiry.Turn(Inquiry.Turn.Speaker.CUSTOMER, text));
    }
    return turns;
  }

  private static Inquiry.Turn.Speaker speaker(String fromType) {
    return switch (fromType) {
      case "CUSTOMER" -> Inquiry.Turn.Speaker.CUSTOMER;
      case "AGENT" -> Inquiry.Turn.Speaker.AGENT;
      default -> Inquiry.Turn.Speaker.SIDEKICK;
    };
  }

  private static String summary(String reason, String lastMessage) {
    return "Sidekick: " + reason + ". Customer: \"" + HandoffNote.oneLine(lastMessage, 120) + "\"";
  }

  private String note(String reason, List<Inquiry.Turn> transcript) {
    return HandoffNote.note(identity.persona().orElse("Sidekick"), reason, transcript);
  }
}
