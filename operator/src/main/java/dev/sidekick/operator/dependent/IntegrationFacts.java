package dev.sidekick.operator.dependent;

import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.gladly.GladlyClient;
import dev.sidekick.operator.gladly.GladlyModel.Webhook;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the reconciler found out before the workflow runs, in one value that it hands to the dependents through
 * the workflow's context (JOSDK's way to pass data to managed dependents). Read-only; one per reconcile.
 *
 * @param gladly the organization's client, as the API user
 * @param agentId the API user's agent id (runtime.yaml)
 * @param inboxIds inbox name → Gladly id (runtime.yaml: hand-off inboxes)
 * @param webhooks the organization's webhooks as listed in this reconcile (the webhooks dependent syncs them)
 * @param credentialsHash hash of the credentials Secret's email and token (the pod template, so new
 *     credentials roll the pods)
 * @param knowledgeBases file name in the runtime ConfigMap → knowledge-base YAML
 * @param trustedCaPem the extra CA certificates (PEM) the operator trusts for Gladly, which the runtime must trust
 *     too; null when there are none
 * @param mountedSecretsHash hash of the Secrets' keys the pods mount and read at start: the responders' API keys
 *     ({@link ApiKeys}) and the store's passwords and CA ({@link StoreSecrets}); in the pod template, so a new value
 *     rolls the pods; null when there are none
 * @param commerceEndpoints the endpoints whose commerce backend the runtime gets (runtime.yaml and the token
 *     mounted): those whose token Secret and key exist, since a pod cannot start without a Secret it mounts
 */
public record IntegrationFacts(
    GladlyClient gladly,
    String agentId,
    Map<String, String> inboxIds,
    List<Webhook> webhooks,
    String credentialsHash,
    Map<String, String> knowledgeBases,
    String trustedCaPem,
    String mountedSecretsHash,
    Set<String> commerceEndpoints) {

  public IntegrationFacts {
    commerceEndpoints = Set.copyOf(commerceEndpoints);
  }

  /** The same facts, with the endpoints whose commerce backend the runtime gets. */
  public IntegrationFacts withCommerce(Set<String> endpoints) {
    return new IntegrationFacts(
        gladly, agentId, inboxIds, webhooks, credentialsHash, knowledgeBases, trustedCaPem, mountedSecretsHash, endpoints);
  }

  private static final String KEY = IntegrationFacts.class.getName();

  /** Facts without API keys or commerce backends. */
  public IntegrationFacts(
      GladlyClient gladly, String agentId, Map<String, String> inboxIds, List<Webhook> webhooks,
      String credentialsHash, Map<String, String> knowledgeBases, String trustedCaPem) {
    this(gladly, agentId, inboxIds, webhooks, credentialsHash, knowledgeBases, trustedCaPem, null, Set.of());
  }

  public void putInto(Context<SidekickIntegration> context) {
    context.managedWorkflowAndDependentResourceContext().put(KEY, this);
  }

  public static IntegrationFacts from(Context<SidekickIntegration> context) {
    return context.managedWorkflowAndDependentResourceContext().getMandatory(KEY, IntegrationFacts.class);
  }
}
