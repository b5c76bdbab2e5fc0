package dev.sidekick.runtime.harvest;

import dev.sidekick.runtime.gladly.GladlyModel.Item;
import dev.sidekick.runtime.handoff.HandoffNote;
import dev.sidekick.runtime.shadow.ShadowNote;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The shadow notes of one conversation read back from its items (oldest first): for each note, the customer message it
 * is about and what a person did after that message, until the conversation was first closed.
 */
final class ShadowedConversation {
  private static final String CUSTOMER_LINE = "Customer: ";
  private static final Set<String> MESSAGES =
      Set.of("EMAIL", "CHAT_MESSAGE", "SMS", "WHATSAPP", "FACEBOOK_MESSAGE", "INSTAGRAM_DIRECT", "TWITTER");

  private ShadowedConversation() {}

  /**
   * @param transfers the conversation's assignee changes (from the Events API)
   * @param apiUserId Sidekick's own agent id: its items and assignments are not a person's
   * @param inboxNames inbox id to name, to say where a conversation was transferred
   */
  static List<ShadowedMessage> read(
      String conversationId, List<Item> items, List<AssigneeChange> transfers, String apiUserId,
      Map<String, String> inboxNames) {
    List<ShadowedMessage> found = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      Item note = items.get(i);
      if (!note.isNote() || !ShadowNote.isOne(note.text())) {
        continue;
      }
      int m = messageOf(items, i, note.text());
      if (m < 0 || !seen.add(items.get(m).id())) {
        continue;
      }
      Item message = items.get(m);
      AgentAction action = actionAfter(items, m, transfers, apiUserId, inboxNames);
      found.add(new ShadowedMessage(conversationId, message, asSidekickReadIt(message), proposal(note.text()), action));
    }
    return found;
  }

  /** The text Sidekick decided on: an e-mail's subject and body, any other message's text. */
  static String asSidekickReadIt(Item message) {
    return message.contentType().equals("EMAIL") && !message.subject().isBlank()
        ? message.subject() + "\n" + message.text() : message.text();
  }

  /** The note's last line without "Proposal: " ("answer shipping", "hand off", ...); "unknown" for a note without one. */
  static String proposal(String note) {
    int at = note.lastIndexOf("\n" + ShadowNote.PROPOSAL);
    return at < 0 ? "unknown" : note.substring(at + 1 + ShadowNote.PROPOSAL.length()).strip();
  }

  /**
   * The customer message before the note that its "Customer:" line quotes (the latest such), else the latest customer
   * message before it; -1 when there is none.
   */
  private static int messageOf(List<Item> items, int note, String text) {
    Optional<String> quoted = text.lines().filter(l -> l.startsWith(CUSTOMER_LINE)).reduce((a, b) -> b)
        .map(l -> l.substring(CUSTOMER_LINE.length()));
    int latest = -1;
    for (int i = note - 1; i >= 0; i--) {
      Item item = items.get(i);
      if (!isCustomerMessage(item)) {
        continue;
      }
      if (latest < 0) {
        latest = i;
      }
      if (quoted.isEmpty() || quotes(quoted.get(), asSidekickReadIt(item))) {
        return i;
      }
    }
    return latest;
  }

  /** Whether the note's one-line quote is this message (it is cut at 500 characters with an ellipsis). */
  private static boolean quotes(String quote, String message) {
    String line = HandoffNote.oneLine(message, 500);
    return quote.endsWith("\u2026") ? line.startsWith(quote.substring(0, quote.length() - 1)) : line.equals(quote);
  }

  /** A person's reply before the first close; else a transfer before it; else the close; else nothing yet. */
  private static AgentAction actionAfter(
      List<Item> items, int message, List<AssigneeChange> transfers, String apiUserId, Map<String, String> inboxNames) {
    Item closedBy = null;
    for (int i = message + 1; i < items.size() && closedBy == null; i++) {
      Item item = items.get(i);
      if ("AGENT".equals(item.initiatorType()) && !item.initiatorId().equals(apiUserId)
          && MESSAGES.contains(item.contentType())) {
        return AgentAction.replied(item.text());
      }
      if (item.contentType().equals("CONVERSATION_STATUS_CHANGE") && item.status().equals("CLOSED")) {
        closedBy = item;
      }
    }
    Item start = items.get(message);
    Item end = closedBy;
    Optional<AssigneeChange> transfer = transfers.stream()
        .filter(t -> t.transferByPerson(apiUserId) && !t.at().isBefore(start.timestamp())
            && (end == null || !t.at().isAfter(end.timestamp())))
        .findFirst();
    if (transfer.isPresent()) {
      return AgentAction.transferred(inboxNames.getOrDefault(transfer.get().toInbox(), transfer.get().toInbox()));
    }
    return closedBy != null ? AgentAction.closed() : AgentAction.none();
  }

  private static boolean isCustomerMessage(Item item) {
    return item.fromCustomer() && MESSAGES.contains(item.contentType());
  }
}
