package dev.sidekick.runtime.responder;

import java.util.List;

/** What to do with the customer's message. */
public sealed interface Reply {

  /** Why, in a few words, for logs and the hand-off note. */
  String reason();

  /** Say this; with options, as a menu (chat) or a list (other channels). */
  record Answer(String text, List<Option> options, String reason) implements Reply {
    public Answer {
      options = List.copyOf(options);
    }
  }

  /** A menu option. */
  record Option(String id, String label) {}

  /** A human takes over. */
  record Handoff(String reason) implements Reply {}

  /** The customer is done: say goodbye and close. */
  record Close(String farewell, String reason) implements Reply {}
}
