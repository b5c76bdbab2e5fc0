package dev.sidekick.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/**
 * One webhook made by hand (the vendor's setup guide) that the operator takes over instead of creating a new one:
 * named by its Gladly id or by the exact URL it calls, never by a URL prefix, so that nothing is adopted that the
 * user did not name.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AdoptSpec {
  /** Gladly's ids are URL-safe base64 (API.md §1.4: "URL safe and under 50 characters"). */
  public static final String WEBHOOK_ID = "^[A-Za-z0-9_-]{1,50}$";
  /** Gladly requires https; a hand-made URL may have any path or query. */
  public static final String WEBHOOK_URL = "^https://[^\\s/?#]+([/?#]\\S*)?$";

  @Pattern(WEBHOOK_ID)
  @JsonPropertyDescription(
      "Gladly id of the webhook (GET /api/v1/webhooks). Exactly one of id and url.")
  public String id;

  @Pattern(WEBHOOK_URL)
  @JsonPropertyDescription("The exact URL the webhook calls today (no prefix match). Exactly one of id and url.")
  public String url;

  @Pattern(EndpointSpec.DNS_LABEL)
  @JsonPropertyDescription(
      "The endpoint (spec.endpoints[].name) whose webhook this one becomes. Needed only when several endpoints"
          + " serve the webhook's channel and its URL does not end in /gladly/{endpoint}/{chat|messaging}. The"
          + " channel follows from the webhook's events: AUTOMATION/MESSAGE_RECEIVED is CHAT, MESSAGE/RECEIVED or"
          + " CONTACT/MESSAGE_RECEIVED is MESSAGING.")
  public String endpoint;

  public AdoptSpec() {}

  public static AdoptSpec id(String id) {
    AdoptSpec a = new AdoptSpec();
    a.id = id;
    return a;
  }

  public static AdoptSpec url(String url) {
    AdoptSpec a = new AdoptSpec();
    a.url = url;
    return a;
  }

  public AdoptSpec forEndpoint(String endpoint) {
    this.endpoint = endpoint;
    return this;
  }

  /** How a person would name the entry: {@code id X} or {@code url Y}. */
  public String describe() {
    return id != null ? "id " + id : "url " + url;
  }
}
