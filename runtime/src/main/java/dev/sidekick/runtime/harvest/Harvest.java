package dev.sidekick.runtime.harvest;

import dev.sidekick.runtime.gladly.Deadline;
import dev.sidekick.runtime.gladly.Gladly;
import dev.sidekick.runtime.gladly.GladlyModel.Agent;
import dev.sidekick.runtime.gladly.GladlyModel.Customer;
import dev.sidekick.runtime.gladly.GladlyModel.Inbox;
import dev.sidekick.runtime.gladly.GladlyModel.Item;
import dev.sidekick.runtime.gladly.GladlyRefused;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads the shadow notes of a time range from Gladly, with the integration's credentials and Gladly's public API only:
 * the Events API names the conversations that changed in the range (and the transfers among the changes), each
 * conversation's items hold the notes, the customer messages and the agents' replies and closes.
 */
final class Harvest {
  private static final Duration CALL = Duration.ofMinutes(1);
  private static final Duration STREAM = Duration.ofMinutes(5);
  private static final List<String> ENTITIES = List.of("CONVERSATION", "CONTACT");

  private final Gladly gladly;

  Harvest(Gladly gladly) {
    this.gladly = gladly;
  }

  /** What the range holds: its shadowed messages, oldest first, and the customer of each conversation. */
  record Found(List<ShadowedMessage> messages, Map<String, String> customerOf) {}

  Found read(Instant from, Instant to) {
    Map<String, String> customerOf = new LinkedHashMap<>();
    Map<String, List<AssigneeChange>> changes = new HashMap<>();
    gladly.events(from, to, ENTITIES, STREAM, Deadline.in(STREAM), event -> {
      String conversation = event.path("content").path("conversationId").asText("");
      if (!conversation.isEmpty()) {
        customerOf.putIfAbsent(conversation, event.path("content").path("customerId").asText(""));
        AssigneeChange.of(event).ifPresent(c -> changes.computeIfAbsent(conversation, k -> new ArrayList<>()).add(c));
      }
    });
    String apiUser = gladly.agents(call()).stream().filter(a -> a.email().equalsIgnoreCase(gladly.userEmail()))
        .map(Agent::id).findFirst().orElse("");
    Map<String, String> inboxNames = gladly.inboxes(call()).stream()
        .collect(Collectors.toMap(Inbox::id, Inbox::name, (a, b) -> a));
    List<ShadowedMessage> found = new ArrayList<>();
    for (String conversation : customerOf.keySet()) {
      items(conversation).ifPresent(items -> found.addAll(ShadowedConversation.read(
          conversation, items, changes.getOrDefault(conversation, List.of()), apiUser, inboxNames)));
    }
    found.sort((a, b) -> a.message().timestamp().compareTo(b.message().timestamp()));
    return new Found(found, customerOf);
  }

  /** The customer's profile (for redaction or --include-contact); empty when Gladly has none to give. */
  Optional<Customer> customer(String id) {
    return gladly.customerIfKnown(id, call());
  }

  /** The conversation's items; empty for one the API does not show (still with the chat bot, deleted). */
  private Optional<List<Item>> items(String conversation) {
    try {
      return Optional.of(gladly.items(conversation, call()));
    } catch (GladlyRefused e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static Deadline call() {
    return Deadline.in(CALL);
  }
}
