package dev.sidekick.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.List;

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

  @Size(max = 20)
  @JsonPropertyDescription(
      "Webhooks made by hand that the operator takes over (adopts) instead of creating new ones: it re-points each"
          + " to the runtime with one update (URL, x-api-key, events, enabled), so that Gladly delivers every event to"
          + " exactly one receiver, and from then on treats it as its own. Webhooks not named here and not the"
          + " operator's are never touched. See docs/migrating-from-manual-setup.md.")
  public List<AdoptSpec> adopt;

  public List<AdoptSpec> adoptOrEmpty() {
    return adopt == null ? List.of() : adopt;
  }

  public String messagingEventOrDefault() {
    return messagingEvent == null ? MESSAGE_RECEIVED : messagingEvent;
  }

  public DeletionPolicy deletionPolicyOrDefault() {
    return deletionPolicy == null ? DeletionPolicy.Delete : deletionPolicy;
  }
}
