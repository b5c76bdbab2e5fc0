package dev.sidekick.operator.dependent;

import dev.sidekick.operator.api.Channel;
import dev.sidekick.operator.api.Conditions.EventReason;
import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.api.SidekickIntegrationStatus.EndpointStatus;
import dev.sidekick.operator.api.SidekickIntegrationStatus.SecretKeyRef;
import dev.sidekick.operator.api.SidekickIntegrationStatus.WebhookStatus;
import dev.sidekick.operator.api.WebhooksSpec;
import dev.sidekick.operator.gladly.GladlyClient;
import dev.sidekick.operator.gladly.GladlyException;
import dev.sidekick.operator.gladly.GladlyModel.Webhook;
import dev.sidekick.operator.gladly.GladlyModel.WebhookWrite;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
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
 * The Gladly webhooks of a SidekickIntegration, an external dependent: one per endpoint × channel, found
 * by URL before anything is created (so a lost status or a second operator never makes a duplicate),
 * corrected when Gladly's copy drifted (deleted, disabled, other events or URL, a key that status says was
 * never written), and removed when no longer wanted. Runs only after the runtime is available, because
 * Gladly PINGs the URL.
 */
public class GladlyWebhooksDependent implements DependentResource<GladlyWebhooks, SidekickIntegration> {
  private static final String RESULT_KEY = GladlyWebhooks.class.getName();

  @Override
  public Class<GladlyWebhooks> resourceType() {
    return GladlyWebhooks.class;
  }

  @Override
  public Optional<GladlyWebhooks> getSecondaryResource(
      SidekickIntegration sk, Context<SidekickIntegration> context) {
    return context.managedWorkflowAndDependentResourceContext().get(RESULT_KEY, GladlyWebhooks.class);
  }

  @Override
  public ReconcileResult<GladlyWebhooks> reconcile(
      SidekickIntegration sk, Context<SidekickIntegration> context) {
    ReconcileInputs in = ReconcileInputs.from(context);
    Secret keys = KeysSecretDependentAccess.desiredKeys(sk, context);
    GladlyWebhooks result = new Sync(sk, in, KeysSecretDependent.currentKeys(keys)).run();
    context.managedWorkflowAndDependentResourceContext().put(RESULT_KEY, result);
    return result.changes() > 0
        ? ReconcileResult.resourceUpdated(result)
        : ReconcileResult.noOperation(result);
  }

  /** What this reconcile did in Gladly, when the webhooks step ran. */
  public static Optional<GladlyWebhooks> result(Context<SidekickIntegration> context) {
    return context.managedWorkflowAndDependentResourceContext().get(RESULT_KEY, GladlyWebhooks.class);
  }

  /** Whether a webhook URL is one this resource would register (any endpoint name, either channel). */
  static boolean isOurs(SidekickIntegration sk, String url) {
    if (url == null) return false;
    String prefix = Names.endpointUrl(sk.getSpec().publicUrl, "");
    if (!url.startsWith(prefix)) return false;
    String rest = url.substring(prefix.length());
    return rest.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?/(chat|messaging)");
  }

  /** Ids of webhooks in Gladly that belong to this resource: recorded in status or at one of our URLs. */
  public static List<Webhook> ours(SidekickIntegration sk, List<Webhook> all) {
    Set<String> known = statusIds(sk);
    return all.stream().filter(w -> known.contains(w.id()) || isOurs(sk, w.url())).toList();
  }

  public static Set<String> statusIds(SidekickIntegration sk) {
    Set<String> ids = new HashSet<>();
    if (sk.getStatus() != null && sk.getStatus().endpoints != null) {
      sk.getStatus().endpoints.forEach(e -> e.webhooks.forEach(w -> ids.add(w.id)));
    }
    return ids;
  }

  /**
   * Disables, then deletes each webhook of this resource (Gladly refuses to delete an enabled one); a 404
   * means already gone. Returns the ids it could not remove.
   */
  public static List<String> removeAll(
      SidekickIntegration sk, GladlyClient gladly, List<Webhook> all, Recorder events) {
    List<String> leftBehind = new ArrayList<>();
    for (Webhook w : ours(sk, all)) {
      try {
        if (w.isEnabled()) gladly.updateWebhook(w.id(), WebhookWrite.enabledOnly(false));
        if (gladly.deleteWebhook(w.id())) {
          events.normal(sk, EventReason.WEBHOOK_DELETED, "Deleted Gladly webhook " + w.id() + " (" + w.url() + ")");
        }
      } catch (GladlyException e) {
        if (e.isNotFound()) continue;
        leftBehind.add(w.id());
      }
    }
    return leftBehind;
  }

  /** One pass of matching desired webhooks with Gladly's list. */
  private static final class Sync {
    private final SidekickIntegration sk;
    private final ReconcileInputs in;
    private final Map<String, String> keys;
    private final GladlyClient gladly;
    private final Map<String, WebhookStatus> previous = new HashMap<>();
    private final Map<String, String> previousKeyHash = new HashMap<>();
    private final Set<String> claimed = new HashSet<>();
    private final List<String> problems = new ArrayList<>();
    private String messagingEvent;
    private boolean fallback;
    private int changes;

    Sync(SidekickIntegration sk, ReconcileInputs in, Map<String, String> keys) {
      this.sk = sk;
      this.in = in;
      this.keys = keys;
      this.gladly = in.gladly();
      this.messagingEvent = in.messagingEvent();
      this.fallback = !messagingEvent.equals(sk.getSpec().webhooksOrDefault().messagingEventOrDefault());
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
      for (Webhook w : in.webhooks()) {
        byUrl.putIfAbsent(w.url(), w);
        byId.put(w.id(), w);
      }
      Map<String, EndpointStatus> endpoints = new LinkedHashMap<>();
      Map<String, Boolean> inSync = new HashMap<>();
      for (EndpointSpec e : sk.getSpec().endpoints) {
        EndpointStatus es = new EndpointStatus();
        es.name = e.name;
        es.url = Names.endpointUrl(sk.getSpec().publicUrl, e.name);
        es.keySecret = new SecretKeyRef(Names.keysSecret(sk), e.name);
        endpoints.put(e.name, es);
        inSync.put(e.name, true);
      }

      for (DesiredWebhook d0 : DesiredWebhook.of(sk, keys, messagingEvent)) {
        DesiredWebhook d = withCurrentMessagingEvent(d0);
        Webhook existing = byUrl.get(d.url());
        if (existing == null || claimed.contains(existing.id())) {
          existing = formerlyAt(d, byId);
        }
        WebhookStatus ws;
        try {
          ws = existing == null ? create(d) : correct(existing, d);
        } catch (GladlyException e) {
          inSync.put(d.endpoint(), false);
          problems.add(d.endpoint() + " " + d.channel() + ": " + e.getMessage());
          ws = existing == null ? null : asIs(existing, d);
        }
        if (ws != null) endpoints.get(d.endpoint()).webhooks.add(ws);
      }

      for (Webhook w : in.webhooks()) {
        if (claimed.contains(w.id())) continue;
        if (previous.containsKey(w.id()) || isOurs(sk, w.url())) removeStale(w);
      }

      for (EndpointStatus es : endpoints.values()) {
        String key = keys.get(es.name);
        es.keyHash =
            inSync.get(es.name) && key != null
                ? KeysSecretDependent.keyHash(key)
                : previousKeyHash.get(es.name);
      }
      return new GladlyWebhooks(List.copyOf(endpoints.values()), List.copyOf(problems), fallback, changes);
    }

    private DesiredWebhook withCurrentMessagingEvent(DesiredWebhook d) {
      return d.channel() == Channel.MESSAGING && !d.events().equals(List.of(messagingEvent))
          ? d.withEvents(List.of(messagingEvent))
          : d;
    }

    /** A webhook that status recorded for this endpoint and channel, now at another URL. */
    private Webhook formerlyAt(DesiredWebhook d, Map<String, Webhook> byId) {
      for (WebhookStatus p : previous.values()) {
        Webhook w = byId.get(p.id);
        if (w != null
            && !claimed.contains(w.id())
            && d.channel() == p.channel
            && p.url != null
            && p.url.startsWith(Names.endpointUrl(sk.getSpec().publicUrl, d.endpoint()) + "/")) {
          return w;
        }
      }
      for (WebhookStatus p : previous.values()) {
        Webhook w = byId.get(p.id);
        if (w != null && !claimed.contains(w.id()) && d.channel() == p.channel && p.url != null
            && p.url.endsWith("/gladly/" + d.endpoint() + "/" + d.channel().path())) {
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
      in.events()
          .normal(
              sk,
              EventReason.WEBHOOK_CREATED,
              "Created Gladly webhook " + id + " for " + d.endpoint() + " " + d.channel() + " at " + d.url()
                  + " " + d.events());
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
      try {
        gladly.updateWebhook(w.id(), d.write());
      } catch (GladlyException e) {
        if (!legacyEventRejected(d, e)) throw e;
        d = fallBack(d);
        gladly.updateWebhook(w.id(), d.write());
      }
      changes++;
      in.events()
          .normal(
              sk,
              EventReason.WEBHOOK_UPDATED,
              "Updated Gladly webhook " + w.id() + " for " + d.endpoint() + " " + d.channel() + ": "
                  + String.join(", ", drift));
      return written(w.id(), d);
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
          w.headerKeys() != null
              && w.headerKeys().stream().anyMatch(Names.API_KEY_HEADER::equalsIgnoreCase);
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
      in.events()
          .warning(
              sk,
              EventReason.MESSAGING_EVENT_FALLBACK,
              "Gladly rejected MESSAGE/RECEIVED; MESSAGING webhooks use CONTACT/MESSAGE_RECEIVED");
      return d.withEvents(List.of(messagingEvent));
    }

    private void removeStale(Webhook w) {
      try {
        if (w.isEnabled()) gladly.updateWebhook(w.id(), WebhookWrite.enabledOnly(false));
        if (gladly.deleteWebhook(w.id())) {
          changes++;
          in.events()
              .normal(
                  sk,
                  EventReason.WEBHOOK_DELETED,
                  "Deleted Gladly webhook " + w.id() + " (" + w.url() + "): no longer in spec");
        }
      } catch (GladlyException e) {
        if (!e.isNotFound()) problems.add("stale webhook " + w.id() + ": " + e.getMessage());
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
      return ws;
    }
  }
}
