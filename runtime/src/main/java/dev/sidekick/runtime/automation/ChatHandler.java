package dev.sidekick.runtime.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidekick.runtime.EventContext;
import dev.sidekick.runtime.EventHandler;
import dev.sidekick.runtime.Identity;
import dev.sidekick.runtime.Outcome;
import dev.sidekick.runtime.dedupe.EventProgress;
import dev.sidekick.runtime.dedupe.HandedOver;
import dev.sidekick.runtime.gladly.Deadline;
import dev.sidekick.runtime.gladly.GladlyClient;
import dev.sidekick.runtime.gladly.GladlyRefused;
import dev.sidekick.runtime.gladly.GladlyUnavailable;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * A chat customer's message through Gladly's message automation ({@code AUTOMATION/MESSAGE_RECEIVED}):
 * typing indicator (not awaited), responder, then a TEXT or MENU message, a hand-off (a one-line description, the
 * hand-off topic and a note summarising the bot conversation for the agent), or a goodbye and close.
 * Each Gladly write is a recorded step, so a redelivered event resumes instead of repeating.
 */
@ApplicationScoped
public class ChatHandler implements EventHandler {
  private static final Logger LOG = Logger.getLogger(ChatHandler.class);
  static final String MESSAGES = "/api/v1/message-automation/sessions/{}/messages";
  static final String TYPING = "/api/v1/message-automation/sessions/{}/typing-indicators";
  static final String HANDOFF = "/api/v1/message-automation/sessions/{}/handoff";
  static final String CLOSE = "/api/v1/message-automation/sessions/{}/close";
  // Time kept back from the responder for the Gladly calls that deliver its answer.
  private static final Duration DELIVERY_RESERVE = Duration.ofMillis(1500);
  private static final int MENU_PROMPT_MAX = 50;
  // The most an answer waits for the typing indicator's request to be written (not answered).
  private static final Duration TYPING_WRITE_WAIT = Duration.ofMillis(50);

  @Inject GladlyClient gladly;
  @Inject Responders responders;
  @Inject Identity identity;
  @Inject HandedOver handedOver;
  @Inject HandoffTrail trail;
  @Inject ObjectMapper json;

  @Override
  public Outcome handle(EventContext event) {
    JsonNode c = event.content();
    String session = c.path("sessionId").asText();
    String conversation = c.path("conversationId").asText("");
    String messageId = c.path("message").path("id").asText("");
    String text = c.path("message").path("content").path("body").asText();
    EventProgress progress = event.progress();
    Deadline deadline = event.deadline();

    if (!progress.resumed() && handedOver.contains("session:" + session)) {
      LOG.info("session already handed off or closed: left alone");
      return Outcome.LEFT_ALONE;
    }
    // Best effort and never awaited: the answer must not wait for Gladly's round trip of the indicator.
    CompletableFuture<Void> typing =
        progress.attempts() == 1
            ? gladly.bestEffortAsync(
                "POST", TYPING, json.createObjectNode().put("state", "STARTED"), deadline, session)
            : CompletableFuture.completedFuture(null);
    Responder responder = responders.of(event);
    Reply reply = progress.decision(() -> decide(responder, session, messageId, text, deadline));
    LOG.infof("decision: %s (%s)", reply.getClass().getSimpleName(), reply.reason());
    typingWrittenFirst(typing);

    if (reply instanceof Reply.Answer answer) {
      sendAnswer(session, messageId, answer, progress, deadline);
      return Outcome.ANSWERED;
    }
    if (reply instanceof Reply.Close close) {
      sendText("answer", session, messageId, close.farewell(), progress, deadline);
      endSession(
          progress, "close",
          () -> gladly.post(CLOSE, description("Resolved by Sidekick: " + close.reason()), deadline, session));
      handedOver.add("session:" + session);
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

  private Reply decide(Responder responder, String session, String messageId, String text, Deadline deadline) {
    List<Inquiry.Turn> transcript =
        responder.needsTranscript() ? transcript(session, messageId, text, deadline) : List.of();
    Inquiry inquiry = new Inquiry(text, transcript.isEmpty() ? Inquiry.of(text).transcript() : transcript);
    try {
      return responder.respond(inquiry, deadline.budget(Duration.ofMinutes(1), DELIVERY_RESERVE));
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
    if (prompt.length() > MENU_PROMPT_MAX) {
      sendText("answer", session, messageId, answer.text(), p, d);
      prompt = "Choose one:";
    }
    ObjectNode menu = json.createObjectNode().put("type", "MENU");
    ObjectNode content = menu.putObject("content").put("prompt", prompt);
    ArrayNode items = content.putArray("menuItems");
    answer.options().forEach(o -> items.addObject().put("id", o.id()).put("label", o.label()));
    if (p.isUncertain("menu") && alreadySent(session, messageId, prompt, d)) {
      LOG.info("the menu of an earlier attempt did reach the customer: not sending it again");
      p.markDone("menu");
    }
    p.step("menu", () -> gladly.post(MESSAGES, menu, d, session));
  }

  private void sendText(String step, String session, String messageId, String text, EventProgress p, Deadline d) {
    String value = text.length() > 2048 ? text.substring(0, 2047) + "\u2026" : text;
    if (p.isUncertain(step) && alreadySent(session, messageId, value, d)) {
      LOG.info("the answer of an earlier attempt did reach the customer: not sending it again");
      p.markDone(step);
    }
    ObjectNode body = json.createObjectNode().put("type", "TEXT");
    body.putObject("content").put("value", value);
    p.step(step, () -> gladly.post(MESSAGES, body, d, session));
  }

  /** Whether a bot message with this text (or menu prompt) already follows the customer's message in the session. */
  private boolean alreadySent(String session, String messageId, String value, Deadline d) {
    boolean afterCustomerMessage = messageId.isEmpty();
    for (JsonNode m : gladly.get(MESSAGES, d, session)) {
      if (m.path("id").asText().equals(messageId)) {
        afterCustomerMessage = true;
      } else if (afterCustomerMessage
          && !"CUSTOMER".equals(m.path("from").path("type").asText())
          && (value.equals(m.path("content").path("value").asText())
              || value.equals(m.path("content").path("prompt").asText()))) {
        return true;
      }
    }
    return false;
  }

  private void handOff(
      String session, String conversation, String messageId, String text, Reply.Handoff handoff, EventProgress p,
      Deadline d) {
    if (p.fact("note").isEmpty()) {
      p.remember("note", note(handoff.forAgent(), transcriptForNote(session, messageId, text, d)));
    }
    endSession(p, "handoff", () -> gladly.post(HANDOFF, description(summary(handoff.reason(), text)), d, session));
    handedOver.add("session:" + session);
    if (conversation.isEmpty()) {
      return;
    }
    handedOver.add("conversation:" + conversation);
    trail.leave(p, conversation, p.fact("note").orElse(""), d);
  }

  /**
   * Hand-off or close. When an earlier attempt may have done it already, Gladly refusing it now (the session
   * is no longer active) means it did.
   */
  private static void endSession(EventProgress p, String step, Runnable action) {
    boolean mayBeDone = p.isUncertain(step);
    try {
      p.step(step, action);
    } catch (GladlyRefused e) {
      if (!mayBeDone) {
        throw e;
      }
      LOG.infof("%s of an earlier attempt did go through: %s", step, e.getMessage());
      p.markDone(step);
    }
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
    for (JsonNode m : gladly.get(MESSAGES, d, session)) {
      String said = Transcripts.text(m.path("content"));
      if (said.isEmpty()) {
        continue;
      }
      current |= m.path("id").asText().equals(messageId);
      turns.add(new Inquiry.Turn(Transcripts.speaker(m.path("from").path("type").asText()), said));
    }
    if (!current) {
      turns.add(new Inquiry.Turn(Inquiry.Turn.Speaker.CUSTOMER, text));
    }
    return turns;
  }

  private ObjectNode description(String line) {
    return json.createObjectNode().put("description", Transcripts.oneLine(line, 240));
  }

  private static String summary(String reason, String lastMessage) {
    return "Sidekick: " + reason + ". Customer: \"" + Transcripts.oneLine(lastMessage, 120) + "\"";
  }

  private String note(String reason, List<Inquiry.Turn> transcript) {
    return Transcripts.note(identity.persona().orElse("Sidekick"), reason, transcript);
  }
}
