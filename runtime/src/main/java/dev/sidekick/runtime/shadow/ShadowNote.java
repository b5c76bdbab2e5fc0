package dev.sidekick.runtime.shadow;

import dev.sidekick.runtime.Outcome;
import dev.sidekick.runtime.handoff.HandoffNote;
import dev.sidekick.runtime.responder.Reply;

/**
 * What an endpoint in shadow mode leaves for the agents instead of writing to the customer: the answer it would have
 * sent and why (entry, score, runner-up), the "Did you mean" it would have asked, or the hand-off and its reason. The
 * first line is fixed per kind, so a harvest of the notes can tell them apart. Order data appears only where the
 * live answer would have shown it, i.e. to a customer the order desk verified.
 */
public final class ShadowNote {
  private static final String PREFIX = "Sidekick (shadow mode) would have";
  public static final String WOULD_ANSWER = "Sidekick (shadow mode) would have answered:";
  public static final String WOULD_ASK = "Sidekick (shadow mode) would have asked:";
  public static final String WOULD_CLOSE = "Sidekick (shadow mode) would have said goodbye and closed the conversation:";
  public static final String WOULD_HAND_OFF = "Sidekick (shadow mode) would have handed this conversation to a person:";
  public static final String PROPOSAL = "Proposal: ";
  private static final int NOTE_MAX = 8000;

  private ShadowNote() {}

  /** Whether a note's text is a shadow note (all begin with "Sidekick (shadow mode) would have"), for harvest. */
  public static boolean isOne(String text) {
    return text.startsWith(PREFIX);
  }

  /** The note for one customer message. */
  public static String of(Reply reply, String customerMessage) {
    StringBuilder s = new StringBuilder();
    if (reply instanceof Reply.Answer a) {
      s.append(asks(a) ? WOULD_ASK : WOULD_ANSWER).append("\n\n").append(quoted(a.text()));
      a.options().forEach(o -> s.append("\n> - ").append(o.label()));
      s.append("\n\nWhy: ").append(a.reason());
    } else if (reply instanceof Reply.Close c) {
      s.append(WOULD_CLOSE).append("\n\n").append(quoted(c.farewell())).append("\n\nWhy: ").append(c.reason());
    } else {
      Reply.Handoff h = (Reply.Handoff) reply;
      s.append(WOULD_HAND_OFF).append("\n\n").append(h.forAgent());
      h.toCustomer().ifPresent(line -> s.append("\n\nIt would have told the customer:\n").append(quoted(line)));
    }
    s.append("\n\nCustomer: ").append(HandoffNote.oneLine(customerMessage, 500))
        .append("\n\nNothing was sent to the customer.");
    String head = s.length() > NOTE_MAX - 200 ? s.substring(0, NOTE_MAX - 201) + "\u2026" : s.toString();
    return head + "\n" + PROPOSAL + proposal(reply);
  }

  /**
   * The note's last line, for tools that read the notes back ({@code knowledge-base harvest}): {@code answer ENTRY}
   * (or {@code answer -} for an answer of no entry: an order, a greeting, a model's), {@code ask} (a "Did you mean"
   * menu), {@code close}, or {@code hand off}.
   */
  public static String proposal(Reply reply) {
    if (reply instanceof Reply.Answer a) {
      return asks(a) ? "ask" : "answer " + a.entryId().orElse("-");
    }
    return reply instanceof Reply.Close ? "close" : "hand off";
  }

  /** The one line a chat hand-off carries to the agent. */
  public static String description(Reply reply) {
    String would = reply instanceof Reply.Answer a
        ? (a.options().isEmpty() ? "answered" : "asked which topic was meant")
        : reply instanceof Reply.Close ? "closed the chat" : "handed off";
    return "Sidekick (shadow mode) would have " + would + ": " + reply.reason();
  }

  /** The delivery's outcome in metrics and logs: what the endpoint would have done. */
  public static Outcome outcome(Reply reply) {
    if (reply instanceof Reply.Answer) {
      return Outcome.SHADOW_ANSWERED;
    }
    return reply instanceof Reply.Close ? Outcome.SHADOW_CLOSED : Outcome.SHADOW_HANDED_OFF;
  }

  /** A "Did you mean" menu: options, and no entry's answer. */
  private static boolean asks(Reply.Answer a) {
    return !a.options().isEmpty() && a.entryId().isEmpty();
  }

  private static String quoted(String text) {
    return "> " + text.strip().replace("\n", "\n> ");
  }
}
