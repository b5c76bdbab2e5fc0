package dev.sidekick.runtime.responder;

import java.util.List;

/** What the customer just said, and (when the responder needs it) the conversation before it. */
public record Inquiry(String message, List<Turn> transcript) {

  public static Inquiry of(String message) {
    return new Inquiry(message, List.of(new Turn(Turn.Speaker.CUSTOMER, message)));
  }

  /** One message of the conversation. */
  public record Turn(Speaker speaker, String text) {
    public enum Speaker {
      CUSTOMER,
      SIDEKICK,
      AGENT
    }
  }
}
