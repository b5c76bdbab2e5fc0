package dev.sidekick.operator.webhooks;

import dev.sidekick.contract.Channel;
import dev.sidekick.contract.WebhookKeys;
import dev.sidekick.contract.WebhookRoute;
import dev.sidekick.operator.api.Conditions.EventReason;
import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.api.SidekickIntegrationStatus.AdoptedFrom;
import dev.sidekick.operator.api.SidekickIntegrationStatus.EndpointStatus;
import dev.sidekick.operator.api.SidekickIntegrationStatus.WebhookStatus;
import dev.sidekick.operator.api.WebhooksSpec;
import dev.sidekick.operator.dependent.Hashes;
import dev.sidekick.operator.dependent.Recorder;
import dev.sidekick.operator.gladly.GladlyClient;
import dev.sidekick.operator.gladly.GladlyException;
import dev.sidekick.operator.gladly.GladlyModel.Webhook;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One pass of matching the desired webhooks with the organization's list: find by URL before creating (so a
 * lost status or a second operator never makes a duplicate), else take over a hand-made webhook that
 * spec.webhooks.adopt names ({@link Adoptions}), correct what drifted (deleted, disabled, other events or URL, a
 * key that status says was never written), remove what is no longer wanted.
 */
final class WebhookSync {
  private final SidekickIntegration sk;
  private final GladlyClient gladly;
  private final List<Webhook> listed;
  private final Map<String, String> keys;
  private final Recorder events;
  private final OwnedWebhooks owned;
  private final Adoptions adoptions;
  private final Map<String, WebhookStatus> previous = new HashMap<>();
  private final Map<String, String> previousKeyHash = new HashMap<>();
  private final Set<String> claimed = new HashSet<>();
  private final List<String> problems = new ArrayList<>();
  private final List<GladlyException> failures = new ArrayList<>();
  private String messagingEvent;
  private boolean fallback;
  private int changes;

  /**
   * @param listed the organization's webhooks as listed at the start of this reconcile
   * @param keys the current key of each endpoint
   */
  WebhookSync(
      SidekickIntegration sk, GladlyClient gladly, List<Webhook> listed, Map<String, String> keys, Recorder events) {
    this.sk = sk;
    this.gladly = gladly;
    this.listed = listed;
    this.keys = keys;
    this.events = events;
    this.owned = new OwnedWebhooks(sk);
    this.adoptions = Adoptions.of(sk, listed, owned);
    String wantedEvent = sk.getSpec().webhooksOrDefault().messagingEventOrDefault();
    String registered = sk.getStatus() == null ? null : sk.getStatus().messagingEvent;
    // once Gladly rejected the legacy event, MESSAGING webhooks keep the fallback
    this.fallback =
        WebhooksSpec.MESSAGE_RECEIVED.equals(wantedEvent)
            && WebhooksSpec.CONTACT_MESSAGE_RECEIVED.equals(registered);
    this.messagingEvent = fallback ? WebhooksSpec.CONTACT_MESSAGE_RECEIVED : wantedEvent;
    if (sk.getStatus() != null && sk.getStatus().endpoints != null) {
      for (EndpointStatus e : sk.getStatus().endpoints) {
        e.webhooks.forEach(w -> previous.put(w.id, w));
        previousKeyHash.put(e.name, e.keyHash);
      }
    }
  }

  GladlyWebhooks run() {
    Map<String, Webhook> byUrl = new HashMap<>();
    Map<String, Webhook> byId = new HashMap<>();
    for (Webhook w : listed) {
      byUrl.putIfAbsent(w.url(), w);
      byId.put(w.id(), w);
    }
    Map<String, EndpointStatus> endpoints = new LinkedHashMap<>();
    Map<String, Boolean> inSync = new HashMap<>();
    for (EndpointSpec e : sk.getSpec().endpoints) {
      endpoints.put(e.name, GladlyWebhooks.endpoint(sk, e.name));
      inSync.put(e.name, true);
    }

    for (DesiredWebhook d0 : DesiredWebhook.of(sk, keys, messagingEvent)) {
      DesiredWebhook d = withCurrentMessagingEvent(d0);
      Webhook existing = byUrl.get(d.url());
      if (existing == null || claimed.contains(existing.id())) {
        existing = formerlyAt(d, byId);
      }
      Webhook adoptable = existing == null ? adoptions.take(d.route()).orElse(null) : null;
      WebhookStatus ws;
      try {
        if (existing != null) {
          ws = correct(existing, d);
        } else if (adoptable != null) {
          ws = adopt(adoptable, d);
        } else if (adoptions.holdCreation()) {
          inSync.put(d.endpoint(), false);
          problems.add(d.endpoint() + " " + d.channel() + ": not created while spec.webhooks.adopt names webhooks the"
              + " operator cannot place (status.webhooksNotAdopted): a new webhook beside a hand-made one would have"
              + " customers answered twice");
          ws = null;
        } else {
          ws = create(d);
        }
      } catch (GladlyException e) {
        inSync.put(d.endpoint(), false);
        failed(d.endpoint() + " " + d.channel() + ": " + e.getMessage(), e);
        ws = existing == null ? null : asIs(existing, d);
      }
      if (ws != null) endpoints.get(d.endpoint()).webhooks.add(ws);
    }

    for (Webhook w : listed) {
      if (!claimed.contains(w.id()) && owned.owns(w)) removeStale(w);
    }

    for (EndpointStatus es : endpoints.values()) {
      String key = keys.get(es.name);
      es.keyHash =
          inSync.get(es.name) && key != null
              ? Hashes.ofKey(key)
              : previousKeyHash.get(es.name);
    }
    List<String> notAdopted = adoptions.notAdopted();
    reportNewlyNotAdopted(notAdopted);
    return new GladlyWebhooks(
        List.copyOf(endpoints.values()), List.copyOf(problems), retrySoon(), fallback, changes, notAdopted);
  }

  /** A Warning Event for each reason not in status yet, so that a resync does not repeat it. */
  private void reportNewlyNotAdopted(List<String> notAdopted) {
    List<String> before = sk.getStatus() == null || sk.getStatus().webhooksNotAdopted == null
        ? List.of()
        : sk.getStatus().webhooksNotAdopted;
    notAdopted.stream()
        .filter(reason -> !before.contains(reason))
        .forEach(reason -> events.warning(sk, EventReason.WEBHOOK_NOT_ADOPTED, "Not adopted: " + reason));
  }

  private void failed(String problem, GladlyException e) {
    problems.add(problem);
    failures.add(e);
  }

  /** When every failure is one Gladly may get over by itself: the longest wait it asked for. */
  private Optional<Duration> retrySoon() {
    if (failures.isEmpty() || !failures.stream().allMatch(GladlyException::isTransient)) return Optional.empty();
    return failures.stream().map(e -> e.retrySoon().orElseThrow()).max(Duration::compareTo);
  }

  private DesiredWebhook withCurrentMessagingEvent(DesiredWebhook d) {
    return d.channel() == Channel.MESSAGING && !d.events().equals(List.of(messagingEvent))
        ? d.withEvents(List.of(messagingEvent))
        : d;
  }

  /** A webhook that status recorded for this endpoint and channel, now at another URL. */
  private Webhook formerlyAt(DesiredWebhook d, Map<String, Webhook> byId) {
    String endpointUrl = WebhookRoute.endpointUrl(sk.getSpec().publicUrl, d.endpoint()) + "/";
    for (WebhookStatus p : previous.values()) {
      Webhook w = byId.get(p.id);
      if (w != null
          && !claimed.contains(w.id())
          && d.channel() == p.channel
          && p.url != null
          && p.url.startsWith(endpointUrl)) {
        return w;
      }
    }
    for (WebhookStatus p : previous.values()) {
      Webhook w = byId.get(p.id);
      if (w != null
          && !claimed.contains(w.id())
          && d.channel() == p.channel
          && WebhookRoute.atEndOf(p.url).filter(d.route()::equals).isPresent()) {
        return w; // publicUrl changed: re-point the same webhook
      }
    }
    return null;
  }

  private WebhookStatus create(DesiredWebhook d) {
    String id;
    try {
      id = gladly.createWebhook(d.write());
    } catch (GladlyException e) {
      if (!legacyEventRejected(d, e)) throw e;
      d = fallBack(d);
      id = gladly.createWebhook(d.write());
    }
    claimed.add(id);
    changes++;
    events.normal(
        sk,
        EventReason.WEBHOOK_CREATED,
        "Created Gladly webhook " + id + " for " + d.endpoint() + " " + d.channel() + " at " + d.url() + " "
            + d.events());
    return written(id, d);
  }

  private WebhookStatus correct(Webhook w, DesiredWebhook d) {
    claimed.add(w.id());
    List<String> drift = drift(w, d);
    if (drift.isEmpty()) {
      WebhookStatus ws = written(w.id(), d);
      ws.enabled = w.isEnabled();
      return ws;
    }
    d = update(w.id(), d);
    events.normal(
        sk,
        EventReason.WEBHOOK_UPDATED,
        "Updated Gladly webhook " + w.id() + " for " + d.endpoint() + " " + d.channel() + ": "
            + String.join(", ", drift));
    return written(w.id(), d);
  }

  /**
   * Takes a hand-made webhook over with one update of its URL, key, events, name and enabled: Gladly sends each
   * event to the old receiver or to the runtime, never to both or neither, and refuses the update (leaving the
   * webhook as it was) unless the runtime answers its PING.
   */
  private WebhookStatus adopt(Webhook w, DesiredWebhook d) {
    claimed.add(w.id());
    d = update(w.id(), d);
    events.normal(
        sk,
        EventReason.WEBHOOK_ADOPTED,
        "Adopted Gladly webhook " + w.id() + " (\"" + w.name() + "\", " + (w.isEnabled() ? "enabled" : "disabled")
            + ") for " + d.endpoint() + " " + d.channel() + ": url " + w.url() + " -> " + d.url() + ", events "
            + w.events() + " -> " + d.events() + ", header " + WebhookKeys.HEADER + " set to the endpoint's key, enabled");
    WebhookStatus ws = written(w.id(), d);
    ws.adoptedFrom = new AdoptedFrom(w.url(), w.name());
    return ws;
  }

  /** Writes the desired webhook over webhook {@code id}; returns what was written (after any event fallback). */
  private DesiredWebhook update(String id, DesiredWebhook d) {
    try {
      gladly.updateWebhook(id, d.write());
    } catch (GladlyException e) {
      if (!legacyEventRejected(d, e)) throw e;
      d = fallBack(d);
      gladly.updateWebhook(id, d.write());
    }
    changes++;
    return d;
  }

  private List<String> drift(Webhook w, DesiredWebhook d) {
    List<String> why = new ArrayList<>();
    if (!w.isEnabled()) {
      why.add(
          w.disabledAtDueToRetryLimit() != null
              ? "re-enabled (Gladly disabled it after the retry limit at " + w.disabledAtDueToRetryLimit() + ")"
              : "re-enabled");
    }
    if (!d.url().equals(w.url())) why.add("url " + w.url() + " -> " + d.url());
    if (w.events() == null || !new TreeSet<>(w.events()).equals(new TreeSet<>(d.events()))) {
      why.add("events " + w.events() + " -> " + d.events());
    }
    boolean hasHeader =
        w.headerKeys() != null && w.headerKeys().stream().anyMatch(WebhookKeys.HEADER::equalsIgnoreCase);
    WebhookStatus p = previous.get(w.id());
    if (!hasHeader) {
      why.add("x-api-key header restored");
    } else if (p == null || !d.hash().equals(p.desiredHash)) {
      why.add(p == null ? "x-api-key written (not recorded in status)" : "x-api-key changed");
    }
    if (w.name() != null && !w.name().equals(d.name())) why.add("name");
    return why;
  }

  private boolean legacyEventRejected(DesiredWebhook d, GladlyException e) {
    return d.channel() == Channel.MESSAGING
        && d.events().contains(WebhooksSpec.MESSAGE_RECEIVED)
        && e.rejectsAttribute("events");
  }

  private DesiredWebhook fallBack(DesiredWebhook d) {
    messagingEvent = WebhooksSpec.CONTACT_MESSAGE_RECEIVED;
    fallback = true;
    events.warning(
        sk,
        EventReason.MESSAGING_EVENT_FALLBACK,
        "Gladly rejected MESSAGE/RECEIVED; MESSAGING webhooks use CONTACT/MESSAGE_RECEIVED");
    return d.withEvents(List.of(messagingEvent));
  }

  private void removeStale(Webhook w) {
    try {
      if (gladly.removeWebhook(w)) {
        changes++;
        events.normal(
            sk,
            EventReason.WEBHOOK_DELETED,
            "Deleted Gladly webhook " + w.id() + " (" + w.url() + "): no longer in spec");
      }
    } catch (GladlyException e) {
      failed("stale webhook " + w.id() + ": " + e.getMessage(), e);
    }
  }

  private WebhookStatus written(String id, DesiredWebhook d) {
    WebhookStatus ws = new WebhookStatus();
    ws.id = id;
    ws.channel = d.channel();
    ws.url = d.url();
    ws.events = d.events();
    ws.enabled = true;
    ws.desiredHash = d.hash();
    ws.adoptedFrom = adoptedFrom(id);
    return ws;
  }

  private WebhookStatus asIs(Webhook w, DesiredWebhook d) {
    WebhookStatus ws = new WebhookStatus();
    ws.id = w.id();
    ws.channel = d.channel();
    ws.url = w.url();
    ws.events = w.events();
    ws.enabled = w.isEnabled();
    WebhookStatus p = previous.get(w.id());
    ws.desiredHash = p == null ? null : p.desiredHash;
    ws.adoptedFrom = adoptedFrom(w.id());
    return ws;
  }

  /** What status recorded of a webhook that was adopted: kept as long as the webhook is the resource's. */
  private AdoptedFrom adoptedFrom(String id) {
    WebhookStatus p = previous.get(id);
    return p == null ? null : p.adoptedFrom;
  }
}
