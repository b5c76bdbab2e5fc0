package dev.sidekick.operator.webhooks;

import dev.sidekick.contract.Channel;
import dev.sidekick.contract.WebhookKeys;
import dev.sidekick.contract.WebhookRoute;
import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.api.WebhooksSpec;
import dev.sidekick.operator.dependent.Hashes;
import dev.sidekick.operator.gladly.GladlyModel.WebhookWrite;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One webhook Gladly should have: an endpoint × channel, at the URL the runtime serves ({@link WebhookRoute}),
 * with its events and x-api-key. The key is write-only in Gladly, so {@link #hash()} (kept in status) is how a
 * changed key is noticed.
 */
public record DesiredWebhook(
    String endpoint, Channel channel, String name, String url, List<String> events, String key) {
  /** What {@link #name} writes: {@code Sidekick {namespace}/{resource} {endpoint} {chat|messaging}}. */
  private static final Pattern OPERATOR_NAME = Pattern.compile("^Sidekick \\S+/\\S+ \\S+ (chat|messaging)$");

  public static List<DesiredWebhook> of(
      SidekickIntegration sk, Map<String, String> keysByEndpoint, String messagingEvent) {
    List<DesiredWebhook> out = new ArrayList<>();
    for (EndpointSpec e : sk.getSpec().endpoints) {
      for (Channel c : new TreeSet<>(e.channels)) {
        List<String> events =
            c == Channel.CHAT ? List.of(WebhooksSpec.AUTOMATION_MESSAGE_RECEIVED) : List.of(messagingEvent);
        String url = new WebhookRoute(e.name, c).url(sk.getSpec().publicUrl);
        out.add(new DesiredWebhook(e.name, c, name(sk, e.name, c), url, events, keysByEndpoint.get(e.name)));
      }
    }
    return out;
  }

  static String name(SidekickIntegration sk, String endpoint, Channel channel) {
    String n =
        "Sidekick "
            + sk.getMetadata().getNamespace()
            + "/"
            + sk.getMetadata().getName()
            + " "
            + endpoint
            + " "
            + channel.path();
    return n.length() > 200 ? n.substring(0, 200) : n;
  }

  /** Whether a webhook's name is one the operator gives (to this or another resource's webhooks). */
  static boolean namedByOperator(String name) {
    return name != null && OPERATOR_NAME.matcher(name).matches();
  }

  /**
   * The channel whose webhook subscribes to these events, the reverse of {@link #of}: chat automation, or a
   * messaging event; empty when they are neither or both.
   */
  static Optional<Channel> channelOf(List<String> events) {
    boolean chat = events != null && events.contains(WebhooksSpec.AUTOMATION_MESSAGE_RECEIVED);
    boolean messaging =
        events != null
            && (events.contains(WebhooksSpec.MESSAGE_RECEIVED) || events.contains(WebhooksSpec.CONTACT_MESSAGE_RECEIVED));
    if (chat == messaging) return Optional.empty();
    return Optional.of(chat ? Channel.CHAT : Channel.MESSAGING);
  }

  public WebhookRoute route() {
    return new WebhookRoute(endpoint, channel);
  }

  /** Hash of everything Gladly stores for this webhook, including what it never returns (the key). */
  public String hash() {
    return Hashes.sha256(url, String.join(",", new TreeSet<>(events)), WebhookKeys.HEADER, key);
  }

  public WebhookWrite write() {
    return new WebhookWrite(name, url, events, true, Map.of(WebhookKeys.HEADER, key));
  }

  public DesiredWebhook withEvents(List<String> newEvents) {
    return new DesiredWebhook(endpoint, channel, name, url, newEvents, key);
  }

  @Override
  public String toString() {
    return "DesiredWebhook[" + endpoint + " " + channel + " " + url + " " + events + "]";
  }
}
