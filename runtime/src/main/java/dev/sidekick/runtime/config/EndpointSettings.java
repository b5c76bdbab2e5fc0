package dev.sidekick.runtime.config;

import dev.sidekick.contract.Channel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One notification endpoint (a brand or region): its channels, the chat entry points it answers (empty: any chat
 * that no other endpoint lists), hand-off inbox, responder, commerce backend and whether it answers customers or only
 * notes what it would have done.
 */
public record EndpointSettings(
    String name,
    Set<Channel> channels,
    List<String> chatEntryPoints,
    Optional<String> handoffInboxId,
    Optional<BasicAuthFiles> basicAuth,
    ResponderSettings responder,
    Optional<CommerceSettings> commerce,
    Mode mode) {

  /** Live answers customers; shadow never writes to one and leaves a note for the agents instead. */
  public enum Mode {
    LIVE,
    SHADOW;

    /** The name in runtime.yaml and the spec: {@code live}, {@code shadow}. */
    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Files holding the Basic credentials Gladly sends along with the key. */
  public record BasicAuthFiles(Path usernameFile, Path passwordFile) {}
}
