package dev.sidekick.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.sidekick.contract.Channel;
import dev.sidekick.contract.WebhookRoute;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class EndpointSpec {
  /** An endpoint name is part of the webhook URL and a key file name: the contract between operator and runtime. */
  public static final String DNS_LABEL = WebhookRoute.ENDPOINT_NAME;
  public static final String DNS_SUBDOMAIN = "^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$";

  @Required
  @Pattern(DNS_LABEL)
  @JsonPropertyDescription("DNS label naming the endpoint; part of the webhook URL path. Unique in the resource.")
  public String name;

  @Required
  @Size(min = 1, max = 2)
  @JsonPropertyDescription(
      "Channels of this endpoint: CHAT (AUTOMATION/MESSAGE_RECEIVED at .../chat) and MESSAGING"
          + " (webhooks.messagingEvent at .../messaging).")
  public List<Channel> channels = new ArrayList<>();

  @JsonPropertyDescription(
      "Addresses of the chat entry points whose chats this endpoint answers (Gladly delivers every chat to every"
          + " CHAT webhook). A chat at an entry point no endpoint lists goes to an endpoint that lists none. Only with"
          + " CHAT; an address belongs to one endpoint.")
  public List<String> chatEntryPoints;

  @JsonPropertyDescription(
      "Inbox name (one of spec.inboxes) where a human takes over; required when MESSAGING is among the"
          + " channels.")
  public String handoffInbox;

  @JsonPropertyDescription("Overrides spec.responder for this endpoint.")
  public ResponderSpec responder;

  @JsonPropertyDescription(
      "The brand's commerce backend: Sidekick answers order, tracking and return questions from it (optional).")
  public CommerceSpec commerce;

  @Default("live")
  @JsonPropertyDescription(
      "live (default): Sidekick answers customers. shadow: Sidekick never writes to a customer; on MESSAGING"
          + " (e-mail, SMS, ...) it adds an internal note with what it would have sent or done, on CHAT it hands the"
          + " chat to a person at once with that note. Going live is an edit of the spec: mode: live.")
  public Mode mode;

  /** How an endpoint treats its customers; spelled in lower case in the resource and in runtime.yaml. */
  public enum Mode {
    @JsonProperty("live")
    LIVE,
    @JsonProperty("shadow")
    SHADOW;

    /** As the resource, runtime.yaml and status.mode spell it: {@code live}, {@code shadow}. */
    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public EndpointSpec() {}

  public EndpointSpec(String name, String handoffInbox, Channel... channels) {
    this.name = name;
    this.handoffInbox = handoffInbox;
    this.channels = new ArrayList<>(List.of(channels));
  }

  /** Unset (a resource from before the field, or the mock API server, which applies no schema default) is live. */
  public Mode modeOrDefault() {
    return mode == null ? Mode.LIVE : mode;
  }
}
