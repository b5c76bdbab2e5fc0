package dev.sidekick.operator.webhooks;

import dev.sidekick.contract.WebhookRoute;
import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.gladly.GladlyModel.Webhook;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which of an organization's Gladly webhooks belong to one SidekickIntegration: those its status records, and
 * those at a URL of its layout under its publicUrl (any endpoint name, either channel), so that a lost status
 * or a second operator never leaves one behind or makes a duplicate.
 */
public final class OwnedWebhooks {
  private final String publicUrl;
  private final Set<String> recordedIds = new HashSet<>();

  public OwnedWebhooks(SidekickIntegration sk) {
    this.publicUrl = sk.getSpec().publicUrl;
    if (sk.getStatus() != null && sk.getStatus().endpoints != null) {
      sk.getStatus().endpoints.forEach(e -> e.webhooks.forEach(w -> recordedIds.add(w.id)));
    }
  }

  public boolean owns(Webhook w) {
    return recordedIds.contains(w.id()) || atOurUrl(w.url());
  }

  boolean atOurUrl(String url) {
    return WebhookRoute.under(publicUrl, url).isPresent();
  }

  public List<Webhook> in(List<Webhook> all) {
    return all.stream().filter(this::owns).toList();
  }

  /** The ids status records, sorted: what is left in Gladly when it cannot be asked. */
  List<String> recordedIds() {
    return recordedIds.stream().sorted().toList();
  }
}
