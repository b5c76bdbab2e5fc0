package dev.sidekick.runtime.harvest;

/**
 * What a person did after a customer message Sidekick only noted (shadow mode): replied (with the reply's text),
 * transferred the conversation to another inbox (its name), closed it without a reply, or nothing yet.
 */
record AgentAction(Kind kind, String detail) {
  enum Kind {
    REPLIED("replied"),
    TRANSFERRED("transferred"),
    CLOSED("closed"),
    NONE("nothing yet");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  static AgentAction replied(String reply) {
    return new AgentAction(Kind.REPLIED, reply);
  }

  static AgentAction transferred(String inbox) {
    return new AgentAction(Kind.TRANSFERRED, inbox);
  }

  static AgentAction closed() {
    return new AgentAction(Kind.CLOSED, "");
  }

  static AgentAction none() {
    return new AgentAction(Kind.NONE, "");
  }

  /** One line for the draft file: "replied", "transferred to inbox Returns", "closed without a reply". */
  String describe() {
    return switch (kind) {
      case REPLIED -> "replied";
      case TRANSFERRED -> "transferred to inbox " + detail;
      case CLOSED -> "closed without a reply";
      case NONE -> "nothing yet";
    };
  }
}
