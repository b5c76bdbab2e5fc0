package dev.sidekick.operator.webhooks;

import dev.sidekick.contract.WebhookKeys;
import dev.sidekick.contract.WebhookRoute;
import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.api.SidekickIntegrationStatus.EndpointStatus;
import dev.sidekick.operator.api.SidekickIntegrationStatus.SecretKeyRef;
import dev.sidekick.operator.dependent.Names;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Gladly webhooks of one SidekickIntegration as a reconcile left them: what status shows of them, and
 * what went wrong. (A class, not a record: QOSDK's build step inspects a dependent's resource type through
 * the Jandex index.)
 */
public final class GladlyWebhooks {
  private final List<EndpointStatus> endpoints;
  private final List<String> problems;
  private final Optional<Duration> retrySoon;
  private final boolean fallbackUsed;
  private final int changes;
  private final List<String> notAdopted;

  /**
   * @param endpoints per endpoint: the webhooks found or written, for status
   * @param problems what could not be registered, in words a human can act on (empty when all is well)
   * @param retrySoon when every problem is one Gladly may get over by itself (429, 5xx, no answer): how long
   *     Gladly asked us to wait (zero when it did not say)
   * @param fallbackUsed whether MESSAGING webhooks use CONTACT/MESSAGE_RECEIVED because Gladly rejected
   *     MESSAGE/RECEIVED
   * @param changes number of writes made in Gladly this time
   * @param notAdopted entries of spec.webhooks.adopt left alone, with the reason
   */
  GladlyWebhooks(
      List<EndpointStatus> endpoints,
      List<String> problems,
      Optional<Duration> retrySoon,
      boolean fallbackUsed,
      int changes,
      List<String> notAdopted) {
    this.endpoints = endpoints;
    this.problems = problems;
    this.retrySoon = retrySoon;
    this.fallbackUsed = fallbackUsed;
    this.changes = changes;
    this.notAdopted = notAdopted;
  }

  /**
   * The endpoints as status last recorded them, before the webhooks are registered this time (the runtime is
   * not available yet): their URL and key Secret are known already, and webhooks of removed endpoints stay
   * recorded until they are deleted in Gladly.
   */
  public static List<EndpointStatus> asRecorded(SidekickIntegration sk) {
    Map<String, EndpointStatus> old = new LinkedHashMap<>();
    if (sk.getStatus() != null && sk.getStatus().endpoints != null) {
      sk.getStatus().endpoints.forEach(e -> old.put(e.name, e));
    }
    List<EndpointStatus> out = new ArrayList<>();
    for (EndpointSpec e : sk.getSpec().endpoints) {
      EndpointStatus es = old.getOrDefault(e.name, new EndpointStatus());
      EndpointStatus known = endpoint(sk, e.name);
      es.name = known.name;
      es.url = known.url;
      es.keySecret = known.keySecret;
      out.add(es);
    }
    old.values().stream().filter(e -> !out.contains(e) && !e.webhooks.isEmpty()).forEach(out::add);
    return out;
  }

  /** An endpoint's URL and key Secret, known before any of its webhooks is registered. */
  static EndpointStatus endpoint(SidekickIntegration sk, String name) {
    EndpointStatus es = new EndpointStatus();
    es.name = name;
    es.url = WebhookRoute.endpointUrl(sk.getSpec().publicUrl, name);
    es.keySecret = new SecretKeyRef(Names.keysSecret(sk), WebhookKeys.currentFile(name));
    return es;
  }

  public List<EndpointStatus> endpoints() {
    return endpoints;
  }

  public List<String> problems() {
    return problems;
  }

  public Optional<Duration> retrySoon() {
    return retrySoon;
  }

  public boolean fallbackUsed() {
    return fallbackUsed;
  }

  public int changes() {
    return changes;
  }

  public List<String> notAdopted() {
    return notAdopted;
  }
}
