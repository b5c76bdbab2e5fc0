package dev.sidekick.operator.webhooks;

import dev.sidekick.operator.api.Conditions.EventReason;
import dev.sidekick.operator.api.DeletionPolicy;
import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.config.OperatorConfig;
import dev.sidekick.operator.dependent.CurrentKeys;
import dev.sidekick.operator.dependent.IntegrationFacts;
import dev.sidekick.operator.dependent.Recorder;
import dev.sidekick.operator.dependent.WatchedResources;
import dev.sidekick.operator.gladly.GladlyClient;
import dev.sidekick.operator.gladly.GladlyClients;
import dev.sidekick.operator.gladly.GladlyCredentials;
import dev.sidekick.operator.gladly.GladlyException;
import dev.sidekick.operator.gladly.GladlyModel.Webhook;
import dev.sidekick.operator.status.IntegrationMetrics;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Deleter;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The Gladly webhooks of a SidekickIntegration, an external dependent that owns them from first to last: one
 * per endpoint × channel, matched with the organization's list by URL ({@link WebhookSync}), and on deletion
 * disabled, then deleted (Gladly refuses to delete an enabled one), or left in Gladly with deletionPolicy
 * Orphan. A failing Gladly is retried a bounded number of times before the finalizer is released anyway. Runs
 * only after the runtime is available, because Gladly PINGs a webhook's URL when it is created or enabled.
 */
public class GladlyWebhooksDependent
    implements DependentResource<GladlyWebhooks, SidekickIntegration>, Deleter<SidekickIntegration> {
  public static final String NAME = "webhooks";
  private static final Logger LOG = Logger.getLogger(GladlyWebhooksDependent.class);
  private static final String OUTCOME = GladlyWebhooks.class.getName();

  @Inject Recorder events;
  @Inject GladlyClients gladlyClients;
  @Inject OperatorConfig config;
  @Inject IntegrationMetrics metrics;
  /** Deletion attempts per resource (uid). */
  private final Map<String, Integer> deletionAttempts = new ConcurrentHashMap<>();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<GladlyWebhooks> resourceType() {
    return GladlyWebhooks.class;
  }

  /** The webhooks as this reconcile left them; empty when the step did not run (runtime not available). */
  @Override
  public Optional<GladlyWebhooks> getSecondaryResource(
      SidekickIntegration sk, Context<SidekickIntegration> context) {
    return context.managedWorkflowAndDependentResourceContext().get(OUTCOME, GladlyWebhooks.class);
  }

  @Override
  public ReconcileResult<GladlyWebhooks> reconcile(
      SidekickIntegration sk, Context<SidekickIntegration> context) {
    IntegrationFacts facts = IntegrationFacts.from(context);
    CurrentKeys keys =
        CurrentKeys.written(sk, context)
            .orElseThrow(() -> new IllegalStateException("the keys Secret is not written yet"));
    OwnedWebhooks owned = new OwnedWebhooks(sk);
    metrics.webhooksFoundDisabled(sk, facts.webhooks().stream().filter(w -> !w.isEnabled() && owned.owns(w)).count());
    GladlyWebhooks outcome = new WebhookSync(sk, facts.gladly(), facts.webhooks(), keys.byEndpoint(), events).run();
    context.managedWorkflowAndDependentResourceContext().put(OUTCOME, outcome);
    return outcome.changes() > 0
        ? ReconcileResult.resourceUpdated(outcome)
        : ReconcileResult.noOperation(outcome);
  }

  /**
   * Removes the resource's webhooks from Gladly (or leaves them, deletionPolicy Orphan). Throws
   * {@link WebhooksNotYetDeleted} to keep the finalizer while Gladly fails and retries are left.
   */
  @Override
  public void delete(SidekickIntegration sk, Context<SidekickIntegration> context) {
    String uid = sk.getMetadata().getUid();
    OwnedWebhooks owned = new OwnedWebhooks(sk);
    if (sk.getSpec().webhooksOrDefault().deletionPolicyOrDefault() == DeletionPolicy.Orphan) {
      deletionAttempts.remove(uid);
      if (!owned.recordedIds().isEmpty()) {
        events.normal(
            sk,
            EventReason.WEBHOOKS_ORPHANED,
            "deletionPolicy Orphan: left Gladly webhooks " + String.join(", ", owned.recordedIds()));
      }
      return;
    }
    List<String> leftBehind;
    String why;
    try {
      GladlyClient gladly = gladly(sk, context);
      leftBehind = removeAll(sk, gladly, owned.in(gladly.webhooks()));
      why = "Gladly kept failing";
    } catch (GladlyException e) {
      leftBehind = owned.recordedIds();
      why = e.getMessage();
    }
    if (leftBehind.isEmpty()) {
      deletionAttempts.remove(uid);
      return;
    }
    var retries = new DeletionRetries(config.reconcile().deletionMaxAttempts(), config.reconcile().deletionRetryInterval());
    int attempt = deletionAttempts.merge(uid, 1, Integer::sum);
    if (retries.spent(attempt, sk.getMetadata().getDeletionTimestamp(), Instant.now())) {
      deletionAttempts.remove(uid);
      events.warning(
          sk,
          EventReason.WEBHOOKS_LEFT_BEHIND,
          "Gave up deleting Gladly webhooks after " + attempt + " attempts (" + why + "); left behind: "
              + String.join(", ", leftBehind) + ". Disable and delete them in Gladly (Settings > Webhooks).");
      return;
    }
    String progress =
        leftBehind.size() + " webhooks not yet deleted (attempt " + attempt + " of " + retries.maxAttempts()
            + "): " + why;
    LOG.infof("%s/%s: %s", sk.getMetadata().getNamespace(), sk.getMetadata().getName(), progress);
    throw new WebhooksNotYetDeleted(progress, retries.waitAfter(attempt));
  }

  /** Gladly as the resource's API user; during deletion the credentials Secret may be gone already. */
  private GladlyClient gladly(SidekickIntegration sk, Context<SidekickIntegration> context) {
    var ref = sk.getSpec().gladly.credentialsSecretRef;
    Optional<GladlyCredentials> credentials =
        WatchedResources.secret(context, sk, ref.name).flatMap(secret -> GladlyCredentials.in(secret, ref));
    if (credentials.isEmpty()) {
      throw new GladlyException("credentials Secret " + ref.name + " is gone or incomplete;", 0, List.of(), null);
    }
    return gladlyClients.forOrganization(sk.getSpec().gladly.organizationUrl, credentials.get());
  }

  /** Removes each webhook from Gladly; returns the ids it could not remove. */
  private List<String> removeAll(SidekickIntegration sk, GladlyClient gladly, List<Webhook> ours) {
    List<String> leftBehind = new ArrayList<>();
    for (Webhook w : ours) {
      try {
        if (gladly.removeWebhook(w)) {
          events.normal(sk, EventReason.WEBHOOK_DELETED, "Deleted Gladly webhook " + w.id() + " (" + w.url() + ")");
        }
      } catch (GladlyException e) {
        leftBehind.add(w.id());
      }
    }
    return leftBehind;
  }
}
