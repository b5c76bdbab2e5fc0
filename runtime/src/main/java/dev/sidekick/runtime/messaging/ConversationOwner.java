package dev.sidekick.runtime.messaging;

import dev.sidekick.contract.Channel;
import dev.sidekick.runtime.RuntimeState;
import dev.sidekick.runtime.config.EndpointSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Which endpoint a messaging conversation belongs to. Gladly delivers every event to every webhook that subscribes to
 * its type, so with several MESSAGING endpoints (brands, regions) each one receives every customer message; whichever
 * delivery is handled first (the event is handled once), the conversation is answered as the endpoint that owns its
 * inbox would answer it: the endpoint whose hand-off inbox it is, else the first MESSAGING endpoint of the
 * configuration. So a brand's customer gets that brand's answers and lands in that brand's inbox.
 */
@ApplicationScoped
public class ConversationOwner {
  @Inject RuntimeState state;

  /** The owner of a conversation in {@code inboxId}; {@code delivered} when nothing else fits (it is a MESSAGING endpoint). */
  public EndpointSettings of(String inboxId, EndpointSettings delivered) {
    List<EndpointSettings> messaging = state.config().map(c -> c.endpoints()).orElse(List.of()).stream()
        .filter(e -> e.channels().contains(Channel.MESSAGING))
        .toList();
    return messaging.stream()
        .filter(e -> inboxId != null && e.handoffInboxId().filter(inboxId::equals).isPresent())
        .findFirst()
        .or(() -> messaging.stream().findFirst())
        .orElse(delivered);
  }
}
