package dev.sidekick.runtime.responder.retrieval;

/**
 * A text of the knowledge base that messages are compared with and the classifier learns from: an entry's title,
 * phrase, menu option label, example message or a sentence of its answers, or a message that must be handed off
 * ({@code entry == MUST_HAND_OFF}): one of the knowledge base's own, or of a built-in scenario ({@code scenario} names
 * it; empty otherwise).
 */
public record Passage(int entry, String text, Kind kind, String scenario) {
  public static final int MUST_HAND_OFF = -1;
  /** A built-in general question of any business ({@code scenario} names its topic): no entry's, no person's. */
  public static final int GENERAL = -2;

  public Passage(int entry, String text, Kind kind) {
    this(entry, text, kind, "");
  }

  public enum Kind {
    TITLE,
    PHRASE,
    MENU_LABEL,
    EXAMPLE,
    /** A sentence of the entry's answer or of a menu option's answer: what the brand says about it. */
    ANSWER,
    /** A message of the knowledge base's {@code handoffExamples}. */
    HANDOFF_EXAMPLE,
    /** A message of a built-in scenario that needs a person. */
    SCENARIO,
    /** A built-in general question, which a help page answers (the detector's counterpart of the scenarios). */
    GENERAL_QUESTION
  }

  /** Whether calibration holds it out and scores it as a customer message: the example messages. */
  public boolean isExample() {
    return kind == Kind.EXAMPLE || kind == Kind.HANDOFF_EXAMPLE || kind == Kind.SCENARIO;
  }
}
