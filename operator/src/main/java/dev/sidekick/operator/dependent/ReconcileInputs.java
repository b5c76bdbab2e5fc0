package dev.sidekick.operator.dependent;

import dev.sidekick.operator.gladly.GladlyClient;
import dev.sidekick.operator.gladly.GladlyModel.Organization;
import dev.sidekick.operator.gladly.GladlyModel.Webhook;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import dev.sidekick.operator.api.SidekickIntegration;
import java.util.List;
import java.util.Map;

/**
 * What the reconciler verified in Gladly and Kubernetes before the workflow runs; the dependents read it from
 * the reconcile context.
 *
 * @param inboxIds inbox name → Gladly id
 * @param webhooks the organization's webhooks as listed at the start of this reconcile
 * @param credentialsHash hash of the credentials Secret's email and token (rolls the pods when they change)
 * @param knowledgeBases file name in the runtime ConfigMap → knowledge-base YAML
 * @param trustedCaPem the extra CA certificates (PEM) the operator trusts for Gladly, which the runtime must trust
 *     too; null when there are none
 * @param messagingEvent the event the MESSAGING webhooks are registered with (after any fallback)
 * @param events where Kubernetes Events about changes in Gladly go
 * @param desiredKeys the keys Secret as wanted in this reconcile, drawn once by the keys dependent
 */
public record ReconcileInputs(
    GladlyClient gladly,
    Organization organization,
    String agentId,
    Map<String, String> inboxIds,
    List<Webhook> webhooks,
    String credentialsHash,
    Map<String, String> knowledgeBases,
    String trustedCaPem,
    String messagingEvent,
    Recorder events,
    java.util.concurrent.atomic.AtomicReference<io.fabric8.kubernetes.api.model.Secret> desiredKeys) {

  private static final String KEY = ReconcileInputs.class.getName();

  public void putInto(Context<SidekickIntegration> context) {
    context.managedWorkflowAndDependentResourceContext().put(KEY, this);
  }

  public static ReconcileInputs from(Context<SidekickIntegration> context) {
    return context.managedWorkflowAndDependentResourceContext().getMandatory(KEY, ReconcileInputs.class);
  }
}
