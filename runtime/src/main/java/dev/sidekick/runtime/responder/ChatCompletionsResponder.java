package dev.sidekick.runtime.responder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidekick.runtime.config.SecretFile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Asks an OpenAI-compatible {@code /v1/chat/completions} endpoint, giving it the knowledge base as context
 * and the conversation as messages. The model is told to answer {@code HANDOFF} when the knowledge base
 * does not cover the question and {@code CLOSE} when the customer is done. Any failure, timeout or empty
 * answer hands off.
 */
public final class ChatCompletionsResponder implements Responder {
  private static final Logger LOG = Logger.getLogger(ChatCompletionsResponder.class);
  static final String HANDOFF = "HANDOFF";
  static final String CLOSE = "CLOSE";

  private final URI url;
  private final String model;
  private final Optional<SecretFile> apiKey;
  private final Duration timeout;
  private final String instructions;
  private final String farewell;
  private final ObjectMapper json;
  private final HttpClient http;

  public ChatCompletionsResponder(
      URI url, String model, Optional<SecretFile> apiKey, Duration timeout, Optional<KnowledgeBase> context,
      Optional<String> persona, ObjectMapper json) {
    this.url = url;
    this.model = model;
    this.apiKey = apiKey;
    this.timeout = timeout;
    this.json = json;
    this.farewell = context.map(KnowledgeBase::farewell).orElse("Glad I could help. Have a great day!");
    this.instructions = instructions(context, persona);
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
  }

  @Override
  public boolean needsTranscript() {
    return true;
  }

  @Override
  public Reply respond(Inquiry inquiry, Duration budget) {
    Duration limit = budget.compareTo(timeout) < 0 ? budget : timeout;
    if (limit.toMillis() < 50) {
      return new Reply.Handoff("no time left to ask the model");
    }
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(url)
              .timeout(limit)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body(inquiry))));
      apiKey.flatMap(SecretFile::text).ifPresent(k -> request.header("Authorization", "Bearer " + k));
      HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        return new Reply.Handoff("the model endpoint answered " + response.statusCode());
      }
      String content =
          json.readTree(response.body()).path("choices").path(0).path("message").path("content").asText("").trim();
      if (content.isEmpty()) {
        return new Reply.Handoff("the model gave an empty answer");
      }
      if (content.toUpperCase(java.util.Locale.ROOT).startsWith(HANDOFF)) {
        return new Reply.Handoff("the model was unsure or the customer asked for a human");
      }
      if (content.equalsIgnoreCase(CLOSE)) {
        return new Reply.Close(farewell, "the model judged the conversation resolved");
      }
      String text = content.length() > 2048 ? content.substring(0, 2047) + "\u2026" : content;
      return new Reply.Answer(text, List.of(), "model " + model);
    } catch (java.net.http.HttpTimeoutException e) {
      return new Reply.Handoff("the model did not answer within " + limit.toMillis() + " ms");
    } catch (IOException | RuntimeException e) {
      LOG.warnf("chat-completions call failed: %s", e.getClass().getSimpleName());
      return new Reply.Handoff("the model endpoint failed (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Reply.Handoff("interrupted");
    }
  }

  private ObjectNode body(Inquiry inquiry) {
    ObjectNode body = json.createObjectNode();
    body.put("model", model);
    body.put("temperature", 0);
    ArrayNode messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", instructions);
    List<Inquiry.Turn> turns = inquiry.transcript().isEmpty() ? Inquiry.of(inquiry.message()).transcript() : inquiry.transcript();
    for (Inquiry.Turn turn : turns) {
      String role = turn.speaker() == Inquiry.Turn.Speaker.CUSTOMER ? "user" : "assistant";
      messages.addObject().put("role", role).put("content", turn.text());
    }
    return body;
  }

  private static String instructions(Optional<KnowledgeBase> kb, Optional<String> persona) {
    StringBuilder s = new StringBuilder();
    s.append("You are ").append(persona.orElse("Sidekick")).append(", a customer-service agent. ");
    s.append("Answer the customer briefly, only from the knowledge base below. ");
    s.append("If the knowledge base does not answer the question, or the customer asks for a human, reply with exactly ")
        .append(HANDOFF).append(". ");
    s.append("If the customer is done (thanks, goodbye), reply with exactly ").append(CLOSE).append(".\n");
    kb.ifPresent(
        k -> {
          s.append("\nKnowledge base:\n");
          for (KnowledgeBase.Entry e : k.entries()) {
            s.append("- Questions like: ").append(String.join("; ", e.phrases())).append("\n  Answer: ").append(e.answer()).append('\n');
            for (KnowledgeBase.MenuItem m : e.menu()) {
              s.append("  If ").append(m.label()).append(": ").append(m.answer()).append('\n');
            }
          }
        });
    return s.toString();
  }

}
