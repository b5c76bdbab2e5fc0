package dev.sidekick.runtime.handoff;

import dev.sidekick.runtime.responder.Inquiry;
import java.util.List;

/** What an agent reads on a conversation Sidekick handed over: a one-line description and a note. */
public final class HandoffNote {
  private static final int NOTE_MAX = 8000;

  private HandoffNote() {}

  public static String oneLine(String text, int max) {
    String line = text.replaceAll("\\s+", " ").trim();
    if (line.isEmpty()) {
      line = "-";
    }
    return line.length() > max ? line.substring(0, max - 1) + "\u2026" : line;
  }

  /** The note: who handed over and why, then the conversation so far. */
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
