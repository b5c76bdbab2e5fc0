package dev.sidekick.runtime.responder;

import dev.sidekick.runtime.responder.transfer.TransferReason;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What to do with the customer's message. */
public sealed interface Reply {

  /** Why, in a few words, for logs and the hand-off description. */
  String reason();

  /**
   * Say this; with options, as a menu (chat) or a list (other channels).
   *
   * @param entryId the knowledge-base entry whose answer this is, when it is one
   */
  record Answer(String text, List<Option> options, String reason, Optional<String> entryId) implements Reply {
    public Answer {
      options = List.copyOf(options);
      entryId = entryId == null ? Optional.empty() : entryId; // a decision stored before entries were named
    }

    public Answer(String text, List<Option> options, String reason) {
      this(text, options, reason, Optional.empty());
    }
  }

  /** A menu option. */
  record Option(String id, String label) {}

  /**
   * A human takes over. Besides the one-line reason, the agent's note gets what Sidekick understood: the transfer
   * reason when there is one, and the entries of the knowledge base that came closest, with their scores.
   *
   * @param toCustomer what the customer is told before the hand-off ("A member of our team will follow up"), if
   *     anything
   * @param forAgentOnly what only the agent's note says (an order the customer asked about): never logged, unlike
   *     the reason
   */
  record Handoff(
      String reason, Optional<TransferReason> transfer, List<Considered> considered, Optional<String> toCustomer,
      Optional<String> forAgentOnly) implements Reply {
    public Handoff {
      considered = List.copyOf(considered);
    }

    public Handoff(String reason, Optional<TransferReason> transfer, List<Considered> considered) {
      this(reason, transfer, considered, Optional.empty(), Optional.empty());
    }

    public Handoff(String reason) {
      this(reason, Optional.empty(), List.of());
    }

    /** The reason and what Sidekick understood, as the agent's note tells it. */
    public String forAgent() {
      StringBuilder s = new StringBuilder(reason);
      forAgentOnly.ifPresent(d -> s.append("\n").append(d));
      transfer.ifPresent(t -> s.append("\nTransfer reason: ").append(t.id()).append(" (").append(t.description()).append(')'));
      if (!considered.isEmpty()) {
        s.append("\nClosest knowledge-base entries:");
        considered.forEach(c -> s.append("\n- ").append(c.explained()));
      }
      return s.toString();
    }
  }

  /** An entry of the knowledge base that Sidekick considered, and how well it matched (0..1). */
  record Considered(String entryId, String title, double score, String detail) {
    public String explained() {
      return String.format(Locale.ROOT, "%s \"%s\": %.2f%s", entryId, title, score, detail.isEmpty() ? "" : " (" + detail + ")");
    }
  }

  /** The customer is done: say goodbye and close. */
  record Close(String farewell, String reason) implements Reply {}
}
