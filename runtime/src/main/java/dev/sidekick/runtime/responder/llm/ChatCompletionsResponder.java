package dev.sidekick.runtime.responder.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidekick.runtime.config.SecretFile;
import dev.sidekick.runtime.responder.Inquiry;
import dev.sidekick.runtime.responder.Knowledge;
import dev.sidekick.runtime.responder.OpenAiEndpoint;
import dev.sidekick.runtime.responder.KnowledgeBaseResponder;
import dev.sidekick.runtime.responder.Reply;
import dev.sidekick.runtime.responder.Responder;
import dev.sidekick.runtime.responder.Understanding;
import dev.sidekick.runtime.responder.knowledge.KnowledgeBase;
import dev.sidekick.runtime.responder.retrieval.Candidate;
import dev.sidekick.runtime.responder.retrieval.Decision;
import dev.sidekick.runtime.responder.retrieval.Ranking;
import jakarta.enterprise.inject.Instance;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * An OpenAI-compatible {@code /v1/chat/completions} model, grounded: the {@link Understanding} (triage and order stage) settles what it can
 * (menu picks, transfer reasons, greetings, goodbyes) without the model, and answers order
 * questions from the shop's data (as the order desk words them: the model never states an order's facts); retrieval picks the entries close to the
 * message, and the model sees only those (never the whole knowledge base) with the conversation. Nothing close
 * enough, or a message closer to one that must be handed off, hands off without calling the model. The model may
 * answer, or say {@code HANDOFF} or {@code CLOSE}; every answer passes {@link AnswerCheck} before
 * it is sent. A failure, a timeout or an empty answer hands off.
 */
public final class ChatCompletionsResponder implements Responder {
  private static final Logger LOG = Logger.getLogger(ChatCompletionsResponder.class);
  static final String HANDOFF = "HANDOFF";
  static final String CLOSE = "CLOSE";
  /** How far below the answer threshold an entry is still given to the model (the model judges the rest). */
  static final double RETRIEVAL_ALLOWANCE = 0.15;

  private final OpenAiEndpoint endpoint;
  private final String model;
  private final Duration timeout;
  private final int maxAnswerLength;
  private final Knowledge knowledge;
  private final KnowledgeBase kb;
  private final Understanding understanding;
  private final String persona;
  private final Instance<ObjectMapper> mapper;

  public ChatCompletionsResponder(
      URI url, String model, Optional<SecretFile> apiKey, Duration timeout, int maxAnswerLength, Knowledge knowledge,
      Optional<String> persona, Instance<ObjectMapper> mapper) {
    this.endpoint = new OpenAiEndpoint(url, "the model", apiKey, timeout);
    this.model = model;
    this.timeout = timeout;
    this.maxAnswerLength = maxAnswerLength;
    this.knowledge = knowledge;
    this.kb = knowledge.knowledgeBase();
    this.understanding = new Understanding(kb, knowledge);
    this.persona = persona.orElse("Sidekick");
    this.mapper = mapper;
  }

  @Override
  public boolean needsTranscript() {
    return true;
  }

  @Override
  public Reply respond(Inquiry inquiry, Duration budget) {
    long start = System.nanoTime();
    Understanding.Understood u = understanding.of(inquiry, budget);
    if (u instanceof Understanding.Settled s) {
      // order questions included: answered from the shop's data as the desk words them, never by the model
      return s.reply();
    }
    Understanding.Decided decided = (Understanding.Decided) u;
    String message = decided.message();
    Ranking ranking = decided.decision().ranking();
    List<Reply.Considered> considered = KnowledgeBaseResponder.considered(ranking);
    double floor = kb.confidenceThreshold() - RETRIEVAL_ALLOWANCE;
    List<Candidate> retrieved = ranking.top(Decision.MENU_CANDIDATES).stream().filter(c -> c.score() >= floor).toList();
    Decision decision = Decision.of(ranking, floor, kb.margin());
    if (retrieved.isEmpty() || decision instanceof Decision.MustHandOff) {
      return new Reply.Handoff(
          "nothing in the knowledge base is close enough to ask the model (" + decision.explained() + ")",
          Optional.empty(), considered);
    }
    Duration left = budget.minusNanos(System.nanoTime() - start);
    Duration limit = left.compareTo(timeout) < 0 ? left : timeout;
    if (limit.toMillis() < 50) {
      return new Reply.Handoff("no time left to ask the model", Optional.empty(), considered);
    }
    Optional<String> content;
    try {
      content = ask(inquiry, retrieved, limit);
    } catch (OpenAiEndpoint.Failed f) {
      LOG.infof("chat-completions call failed: %s", f.getMessage());
      return new Reply.Handoff(f.getMessage(), Optional.empty(), considered);
    }
    if (content.isEmpty()) {
      return new Reply.Handoff("the model gave an empty answer", Optional.empty(), considered);
    }
    String text = content.get();
    String upper = text.toUpperCase(Locale.ROOT);
    if (upper.startsWith(HANDOFF)) {
      // The model's own words stay out of the reason: it is logged, and they may repeat the customer's.
      return new Reply.Handoff("the model handed off", Optional.empty(), considered);
    }
    if (upper.equals(CLOSE)) {
      return new Reply.Close(kb.farewell(), "the model judged the conversation resolved");
    }
    String grounding = grounding(retrieved);
    Optional<String> problem =
        AnswerCheck.problem(text, grounding, message, kb.transfers().languages(), maxAnswerLength);
    if (problem.isPresent()) {
      LOG.infof("the model's answer was not sent: %s", problem.get());
      return new Reply.Handoff("the model's answer failed a check: " + problem.get(), Optional.empty(), considered);
    }
    return new Reply.Answer(text, List.of(), "model " + model + " from "
        + String.join(", ", retrieved.stream().map(c -> c.entry().id()).toList()));
  }

  private Optional<String> ask(Inquiry inquiry, List<Candidate> retrieved, Duration limit) throws OpenAiEndpoint.Failed {
    ObjectMapper json = mapper.get();
    String content =
        endpoint.post(body(json, inquiry, retrieved), limit, json)
            .path("choices").path(0).path("message").path("content").asText("").trim();
    return content.isEmpty() ? Optional.empty() : Optional.of(content);
  }

  private ObjectNode body(ObjectMapper json, Inquiry inquiry, List<Candidate> retrieved) {
    ObjectNode body = json.createObjectNode();
    body.put("model", model);
    body.put("temperature", 0);
    ArrayNode messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", instructions(retrieved));
    List<Inquiry.Turn> turns =
        inquiry.transcript().isEmpty() ? Inquiry.of(inquiry.message()).transcript() : inquiry.transcript();
    for (Inquiry.Turn turn : turns) {
      String role = turn.speaker() == Inquiry.Turn.Speaker.CUSTOMER ? "user" : "assistant";
      messages.addObject().put("role", role).put("content", turn.text());
    }
    return body;
  }

  private String instructions(List<Candidate> retrieved) {
    Set<String> languages = kb.transfers().languages();
    StringBuilder s = new StringBuilder();
    s.append("You are ").append(persona).append(", a customer-service agent. ");
    s.append("Answer the customer's last message using only the knowledge-base entries below; they are the ones ")
        .append("closest to the message, and may not answer it. ");
    s.append("Never add a link, an address, a price, a date or a policy that is not in them. ");
    s.append("Answer in at most ").append(maxAnswerLength).append(" characters, in the customer's language")
        .append(languages.isEmpty() ? "" : " (one of: " + String.join(", ", languages) + ")").append(". ");
    s.append("If the entries do not answer the message, or you are unsure, reply with exactly ").append(HANDOFF)
        .append(" followed by a short reason. If the customer is done (thanks, goodbye), reply with exactly ")
        .append(CLOSE).append(".\n\nKnowledge-base entries:\n");
    s.append(grounding(retrieved));
    return s.toString();
  }

  /** The retrieved entries as the model reads them, and as the answer checks compare the answer with. */
  private static String grounding(List<Candidate> retrieved) {
    StringBuilder s = new StringBuilder();
    for (Candidate c : retrieved) {
      KnowledgeBase.Entry e = c.entry();
      s.append("- ").append(e.title()).append(" (questions like: ")
          .append(String.join("; ", e.phrases().isEmpty() ? e.examples() : e.phrases())).append(")\n  Answer: ")
          .append(e.answer()).append('\n');
      for (KnowledgeBase.MenuItem m : e.menu()) {
        s.append("  If ").append(m.label()).append(": ").append(m.answer()).append('\n');
      }
    }
    return s.toString();
  }
}
