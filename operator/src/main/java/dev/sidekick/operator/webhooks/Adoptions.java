package dev.sidekick.operator.webhooks;

import dev.sidekick.contract.Channel;
import dev.sidekick.contract.WebhookRoute;
import dev.sidekick.operator.api.AdoptSpec;
import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.api.SidekickIntegrationStatus.WebhookStatus;
import dev.sidekick.operator.gladly.GladlyModel.Webhook;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The hand-made webhooks that spec.webhooks.adopt names, and the desired webhook each stands in for. Its channel
 * follows from its events (the one thing Gladly keeps that says what a webhook is for); its endpoint from the
 * entry, else from its URL when that already ends in the runtime's layout ({@link WebhookRoute#atEndOf}), else
 * from the only endpoint serving the channel. A webhook that fits no desired one is left alone and reported. An
 * entry that cannot be found or placed holds back every webhook creation: a new webhook beside a hand-made one
 * that is still enabled would have customers answered twice.
 */
public final class Adoptions {
  private final Map<WebhookRoute, Candidate> byRoute = new LinkedHashMap<>();
  private final List<String> leftAlone = new ArrayList<>();
  private final List<String> unresolved = new ArrayList<>();

  /** A hand-made webhook and the entry that named it. */
  private record Candidate(String entry, Webhook webhook) {}

  /**
   * @param listed the organization's webhooks
   * @param owned the resource's own webhooks: an entry naming one of them was adopted before
   */
  static Adoptions of(SidekickIntegration sk, List<Webhook> listed, OwnedWebhooks owned) {
    Adoptions plan = new Adoptions();
    Map<String, Webhook> byId = new HashMap<>();
    Map<String, Webhook> byUrl = new HashMap<>();
    listed.forEach(w -> {
      byId.put(w.id(), w);
      byUrl.put(w.url(), w);
    });
    Set<String> adoptedUrls = adoptedUrls(sk);
    Set<String> seen = new HashSet<>();
    List<AdoptSpec> adopt = sk.getSpec().webhooksOrDefault().adoptOrEmpty();
    for (int i = 0; i < adopt.size(); i++) {
      AdoptSpec a = adopt.get(i);
      String entry = "spec.webhooks.adopt[" + i + "] (" + a.describe() + ")";
      Webhook w = a.id != null ? byId.get(a.id) : byUrl.get(a.url);
      if (w == null) {
        // once adopted, a webhook named by its old URL calls the runtime: status remembers the old URL
        if (a.url == null || !adoptedUrls.contains(a.url)) {
          plan.unresolved.add(entry + ": Gladly has no such webhook (remove the entry if the webhook is gone)");
        }
      } else if (!owned.owns(w) && seen.add(w.id())) {
        plan.place(sk, entry, a, w);
      }
    }
    return plan;
  }

  /** Whether spec.webhooks.adopt names this webhook, by id or by URL. */
  public static boolean named(SidekickIntegration sk, Webhook w) {
    return sk.getSpec().webhooksOrDefault().adoptOrEmpty().stream()
        .anyMatch(a -> w.id().equals(a.id) || w.url().equals(a.url));
  }

  private void place(SidekickIntegration sk, String entry, AdoptSpec a, Webhook w) {
    String which = entry + ": webhook " + w.id();
    if (DesiredWebhook.namedByOperator(w.name())) {
      leftAlone.add(which + " is another SidekickIntegration's (\"" + w.name() + "\")");
      return;
    }
    Optional<Channel> channel = DesiredWebhook.channelOf(w.events());
    if (channel.isEmpty()) {
      leftAlone.add(which + " has events " + w.events() + ", not one Sidekick channel (chat:"
          + " AUTOMATION/MESSAGE_RECEIVED; messaging: MESSAGE/RECEIVED or CONTACT/MESSAGE_RECEIVED)");
      return;
    }
    List<String> serving = sk.getSpec().endpoints.stream()
        .filter(e -> e.channels != null && e.channels.contains(channel.get()))
        .map((EndpointSpec e) -> e.name)
        .toList();
    String endpoint =
        a.endpoint != null
            ? a.endpoint
            : WebhookRoute.atEndOf(w.url()).map(WebhookRoute::endpoint).filter(serving::contains)
                .orElse(serving.size() == 1 ? serving.get(0) : null);
    if (endpoint == null && serving.size() > 1) {
      unresolved.add(which + " is " + channel.get() + ", which endpoints " + serving + " serve: name one in"
          + " spec.webhooks.adopt[].endpoint");
    } else if (endpoint == null || !serving.contains(endpoint)) {
      leftAlone.add(which + " is " + channel.get() + ", which " + (endpoint == null ? "no endpoint" : "endpoint " + endpoint)
          + " of the spec serves");
    } else {
      Candidate earlier = byRoute.putIfAbsent(new WebhookRoute(endpoint, channel.get()), new Candidate(entry, w));
      if (earlier != null) {
        leftAlone.add(which + ": " + endpoint + " " + channel.get() + " adopts " + earlier.webhook().id() + " already");
      }
    }
  }

  private static Set<String> adoptedUrls(SidekickIntegration sk) {
    Set<String> urls = new HashSet<>();
    if (sk.getStatus() != null && sk.getStatus().endpoints != null) {
      for (var e : sk.getStatus().endpoints) {
        for (WebhookStatus w : e.webhooks) {
          if (w.adoptedFrom != null) urls.add(w.adoptedFrom.url);
        }
      }
    }
    return urls;
  }

  /** The hand-made webhook to take over for this endpoint and channel, if one was named. */
  Optional<Webhook> take(WebhookRoute route) {
    return Optional.ofNullable(byRoute.remove(route)).map(Candidate::webhook);
  }

  /** Whether an entry could not be found or placed, so that no webhook may be created beside it. */
  boolean holdCreation() {
    return !unresolved.isEmpty();
  }

  /**
   * What was named and not adopted, with the reason; after the desired webhooks were taken, the candidates left
   * over are those whose endpoint and channel have a webhook already.
   */
  List<String> notAdopted() {
    List<String> out = new ArrayList<>(unresolved);
    out.addAll(leftAlone);
    byRoute.forEach((route, c) -> out.add(c.entry() + ": webhook " + c.webhook().id() + " left alone, "
        + route.endpoint() + " " + route.channel() + " has its webhook already (if this one is still enabled it is a"
        + " second receiver: disable it in Gladly)"));
    return out;
  }
}
