package dev.sidekick.runtime.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidekick.runtime.responder.Reply;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;

/**
 * A responder's decision as JSON in the shared store, so that a redelivery on another replica sends what was decided
 * on the first attempt. Each {@link Reply} record is written as itself plus its kind (the record's simple name).
 */
@RegisterForReflection(
    targets = {Reply.Answer.class, Reply.Option.class, Reply.Handoff.class, Reply.Considered.class, Reply.Close.class})
final class ReplyCodec {
  private final ObjectMapper json;

  ReplyCodec(ObjectMapper json) {
    this.json = json;
  }

  String encode(Object decision) {
    ObjectNode node = json.valueToTree(decision);
    node.put("kind", decision.getClass().getSimpleName());
    return node.toString();
  }

  /** The decision, or null when it cannot be read back (then the responder decides again). */
  Object decode(String text) {
    try {
      JsonNode node = json.readTree(text);
      String kind = node.path("kind").asText();
      for (Class<?> c : Reply.class.getPermittedSubclasses()) {
        if (c.getSimpleName().equals(kind)) {
          ObjectNode fields = ((ObjectNode) node).deepCopy();
          fields.remove("kind");
          return json.treeToValue(fields, c);
        }
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
