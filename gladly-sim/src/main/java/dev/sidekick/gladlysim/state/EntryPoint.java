package dev.sidekick.gladlysim.state;

/** Where customers reach the organization: a chat widget (with or without message automation), an email address, an SMS number. */
public record EntryPoint(String id, String name, Channel type, String address, boolean automation, String defaultInboxId) {
  public enum Channel {
    CHAT,
    EMAIL,
    SMS
  }
}
