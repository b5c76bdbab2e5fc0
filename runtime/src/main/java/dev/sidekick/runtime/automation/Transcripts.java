package dev.sidekick.runtime.automation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidekick.runtime.responder.Inquiry;
import java.util.List;

/** Turning a bot conversation into what an agent reads: a one-line description and a note. */
public final class Transcripts {
  private static final int NOTE_MAX = 8000;

  private Transcripts() {}

  /** The text of a message automation message: TEXT/HTML value, a customer's body, or a menu prompt. */
  static String text(JsonNode content) {
    for (String field : new String[] {"value", "body", "prompt"}) {
      if (content.path(field).isTextual()) {
        return content.path(field).asText();
      }
    }
    return "";
  }

  static Inquiry.Turn.Speaker speaker(String fromType) {
    return switch (fromType) {
      case "CUSTOMER" -> Inquiry.Turn.Speaker.CUSTOMER;
      case "AGENT" -> Inquiry.Turn.Speaker.AGENT;
      default -> Inquiry.Turn.Speaker.SIDEKICK;
    };
  }

  public static String oneLine(String text, int max) {
    String line = text.replaceAll("\\s+", " ").trim();
    if (line.isEmpty()) {
      line = "-";
    }
    return line.length() > max ? line.substring(0, max - 1) + "\u2026" : line;
  }

  /** The note an agent finds on a conversation Sidekick handed over. */
  public static String note(String persona, String reason, List<Inquiry.Turn> transcript) {
    StringBuilder s = new StringBuilder();
    s.append(persona).append(" (Sidekick) handed this conversation over: ").append(reason).append(".\n");
    s.append("\nConversation so far:\n");
    for (Inquiry.Turn t : transcript) {
      String who =
          switch (t.speaker()) {
            case CUSTOMER -> "Customer";
            case AGENT -> "Agent";
            case SIDEKICK -> persona;
          };
      s.append(who).append(": ").append(oneLine(t.text(), 500)).append('\n');
    }
    return s.length() > NOTE_MAX ? s.substring(0, NOTE_MAX - 1) + "\u2026" : s.toString();
  }
}
