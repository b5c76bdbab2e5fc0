package dev.sidekick.operator.dependent;

import dev.sidekick.operator.api.SidekickIntegrationStatus.EndpointStatus;
import java.util.List;

/**
 * The external state of one SidekickIntegration in Gladly, as the webhooks dependent left it. (A class, not
 * a record: QOSDK's build step inspects a dependent's resource type through the Jandex index.)
 */
public final class GladlyWebhooks {
  private final List<EndpointStatus> endpoints;
  private final List<String> problems;
  private final boolean fallbackUsed;
  private final int changes;

  /**
   * @param endpoints per endpoint: the webhooks found or written, for status
   * @param problems what could not be registered, in words a human can act on (empty when all is well)
   * @param fallbackUsed whether MESSAGING webhooks use CONTACT/MESSAGE_RECEIVED because Gladly rejected
   *     MESSAGE/RECEIVED
   * @param changes number of writes made in Gladly this time
   */
  public GladlyWebhooks(
      List<EndpointStatus> endpoints, List<String> problems, boolean fallbackUsed, int changes) {
    this.endpoints = endpoints;
    this.problems = problems;
    this.fallbackUsed = fallbackUsed;
    this.changes = changes;
  }

  public List<EndpointStatus> endpoints() {
    return endpoints;
  }

  public List<String> problems() {
    return problems;
  }

  public boolean fallbackUsed() {
    return fallbackUsed;
  }

  public int changes() {
    return changes;
  }

  public long enabledCount() {
    return endpoints.stream()
        .flatMap(e -> e.webhooks.stream())
        .filter(w -> Boolean.TRUE.equals(w.enabled))
        .count();
  }
}
