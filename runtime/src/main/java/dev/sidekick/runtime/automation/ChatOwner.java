package dev.sidekick.runtime.automation;

import dev.sidekick.contract.Channel;
import dev.sidekick.runtime.RuntimeState;
import dev.sidekick.runtime.config.EndpointSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Which endpoint a chat belongs to. Gladly delivers every automation event to every webhook that subscribes to it, so
 * with several CHAT endpoints (brands) each one receives every chat message; whichever delivery is handled first (the
 * event is handled once), the chat is answered as the endpoint that lists its entry point ({@code companyAddress}) in
 * {@code chatEntryPoints}; a chat whose entry point no endpoint lists goes to the endpoints that list none: the
 * delivering one if it is such, else the first of them. So a brand's customer gets that brand's answers.
 */
@ApplicationScoped
public class ChatOwner {
  private static final Logger LOG = Logger.getLogger(ChatOwner.class);

  @Inject RuntimeState state;

  /** The owner of a chat that came in at {@code entryPoint}; {@code delivered} (a CHAT endpoint) when nothing else fits. */
  public EndpointSettings of(String entryPoint, EndpointSettings delivered) {
    List<EndpointSettings> chat = state.config().map(c -> c.endpoints()).orElse(List.of()).stream()
        .filter(e -> e.channels().contains(Channel.CHAT))
        .toList();
    for (EndpointSettings e : chat) {
      if (e.chatEntryPoints().contains(entryPoint)) {
        return e;
      }
    }
    if (delivered.chatEntryPoints().isEmpty()) {
      return delivered;
    }
    return chat.stream().filter(e -> e.chatEntryPoints().isEmpty()).findFirst().orElseGet(() -> {
      LOG.warnf("no endpoint lists the chat entry point \"%s\" in chatEntryPoints: answered as %s, which received it",
          entryPoint, delivered.name());
      return delivered;
    });
  }
}
