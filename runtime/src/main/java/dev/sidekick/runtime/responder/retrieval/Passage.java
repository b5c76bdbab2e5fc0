package dev.sidekick.runtime.responder.retrieval;

/**
 * A text of the knowledge base that messages are compared with: an entry's title, phrase, menu option label, example message
 * or a sentence of its answers, or an example of a message that must be handed off ({@code entry == MUST_HAND_OFF}).
 */
public record Passage(int entry, String text, Kind kind) {
  public static final int MUST_HAND_OFF = -1;

  public enum Kind {
    TITLE,
    PHRASE,
    MENU_LABEL,
    EXAMPLE,
    /** A sentence of the entry's answer or of a menu option's answer: what the brand says about it. */
    ANSWER,
    HANDOFF_EXAMPLE
  }

  /** Whether calibration holds it out and scores it against the rest: the example messages. */
  public boolean isExample() {
    return kind == Kind.EXAMPLE || kind == Kind.HANDOFF_EXAMPLE;
  }
}
