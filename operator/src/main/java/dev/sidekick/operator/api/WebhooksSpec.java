package dev.sidekick.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class WebhooksSpec {
  public static final String MESSAGE_RECEIVED = "MESSAGE/RECEIVED";
  public static final String CONTACT_MESSAGE_RECEIVED = "CONTACT/MESSAGE_RECEIVED";
  public static final String AUTOMATION_MESSAGE_RECEIVED = "AUTOMATION/MESSAGE_RECEIVED";

  @Pattern("^(MESSAGE/RECEIVED|CONTACT/MESSAGE_RECEIVED)$")
  @Default(MESSAGE_RECEIVED)
  @JsonPropertyDescription(
      "Event of the MESSAGING webhooks: MESSAGE/RECEIVED (deprecated by Gladly; the operator falls back to"
          + " CONTACT/MESSAGE_RECEIVED when Gladly rejects it) or CONTACT/MESSAGE_RECEIVED.")
  public String messagingEvent = MESSAGE_RECEIVED;

  @Default("Delete")
  @JsonPropertyDescription(
      "What happens to the Gladly webhooks when the resource is deleted: Delete (disable, then delete) or"
          + " Orphan (leave them in Gladly).")
  public DeletionPolicy deletionPolicy = DeletionPolicy.Delete;

  public String messagingEventOrDefault() {
    return messagingEvent == null ? MESSAGE_RECEIVED : messagingEvent;
  }

  public DeletionPolicy deletionPolicyOrDefault() {
    return deletionPolicy == null ? DeletionPolicy.Delete : deletionPolicy;
  }
}
