package dev.sidekick.runtime.responder.transfer;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why a customer goes to a human whatever the knowledge base could answer, after the list Gladly's own AI
 * publishes: each hand-off names its reason in the conversation's description and the agent's note.
 */
public enum TransferReason {
  EXPLICIT_REQUEST("explicit-request", "the customer asked for a human"),
  MANAGER("manager", "the customer asked for a manager or supervisor"),
  LEGAL("legal", "the customer mentions legal action"),
  SAFETY("safety", "the customer reports an injury or a safety risk"),
  LANGUAGE("language", "the customer writes in a language this knowledge base does not serve"),
  ABUSE("abuse", "the customer is abusive");

  private final String id;
  private final String description;

  TransferReason(String id, String description) {
    this.id = id;
    this.description = description;
  }

  /** The name in knowledge-base files, notes and metrics. */
  public String id() {
    return id;
  }

  public String description() {
    return description;
  }

  public static Optional<TransferReason> byId(String id) {
    return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
  }
}
