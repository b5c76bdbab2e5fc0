package dev.sidekick.operator.reconciler;

import dev.sidekick.operator.api.Conditions;
import dev.sidekick.operator.api.Conditions.EventReason;
import dev.sidekick.operator.api.Conditions.Reason;
import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.api.SidekickIntegrationStatus.OrganizationRef;
import dev.sidekick.operator.dependent.Hashes;
import dev.sidekick.operator.dependent.IntegrationFacts;
import dev.sidekick.operator.dependent.WatchedResources;
import dev.sidekick.operator.gladly.GladlyClient;
import dev.sidekick.operator.gladly.GladlyClients;
import dev.sidekick.operator.gladly.GladlyCredentials;
import dev.sidekick.operator.gladly.GladlyException;
import dev.sidekick.operator.gladly.GladlyModel.Agent;
import dev.sidekick.operator.gladly.GladlyModel.Organization;
import dev.sidekick.operator.gladly.GladlyModel.Webhook;
import dev.sidekick.operator.status.StatusCondition;
import dev.sidekick.operator.status.StatusReport;
import dev.sidekick.operator.webhooks.Adoptions;
import dev.sidekick.operator.webhooks.OwnedWebhooks;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What Gladly says about one integration, asked once per reconcile before anything is written: the API
 * user's credentials (the organization, the user's agent by email), the inboxes, and the organization's
 * webhooks, with room for ours under Gladly's limit of 20. Each finding goes into the status report as it is
 * made; the first that stops the reconcile ends the check.
 */
@ApplicationScoped
class GladlyCheck {
  private final GladlyClients gladlyClients;

  GladlyCheck(GladlyClients gladlyClients) {
    this.gladlyClients = gladlyClients;
  }

  /**
   * The facts the workflow needs, or empty when a finding stops the reconcile (the report says which).
   *
   * @throws GladlyUnavailable when Gladly did not answer, or answered 429 or 5xx
   */
  Optional<IntegrationFacts> gather(
      SidekickIntegration sk, Context<SidekickIntegration> context, Map<String, String> knowledgeBases,
      Optional<String> mountedSecretsHash, StatusReport report) {
    var spec = sk.getSpec();
    var ref = spec.gladly.credentialsSecretRef;
    Optional<Secret> secret = WatchedResources.secret(context, sk, ref.name);
    if (secret.isEmpty()) {
      return stop(report, Reason.SECRET_NOT_FOUND,
          "Secret " + ref.name + " not found in namespace " + sk.getMetadata().getNamespace());
    }
    Optional<GladlyCredentials> credentials = GladlyCredentials.in(secret.get(), ref);
    if (credentials.isEmpty()) {
      return stop(report, Reason.SECRET_KEY_MISSING,
          "Secret " + ref.name + " lacks key " + GladlyCredentials.missingKey(secret.get(), ref).orElseThrow());
    }
    GladlyClient gladly = gladlyClients.forOrganization(spec.gladly.organizationUrl, credentials.get());

    Organization organization;
    Optional<Agent> agent;
    try {
      organization = gladly.organization();
      String email = credentials.get().email();
      agent = gladly.agents().stream().filter(a -> email.equalsIgnoreCase(a.emailAddress())).findFirst();
    } catch (GladlyException e) {
      if (e.isUnauthorized()) {
        return stop(report, Reason.UNAUTHORIZED, "Gladly refused the email and token in Secret " + ref.name
            + " (401): check the token; tokens belong to one user and one environment");
      }
      if (e.isForbidden()) {
        return stop(report, Reason.FORBIDDEN,
            "Gladly refused the user in Secret " + ref.name + " (403): it needs the API User role");
      }
      throw new GladlyUnavailable(Conditions.CREDENTIALS_VALID, e);
    }
    if (agent.isEmpty()) {
      return stop(report, Reason.AGENT_NOT_FOUND, "the token authenticates, but no Gladly agent has the email"
          + " address in Secret " + ref.name + " (key " + ref.emailKeyOrDefault() + ")");
    }
    report.credentialsVerified(new OrganizationRef(organization.id(), organization.name()), agent.get().id());

    InboxResolution inboxes = InboxResolution.resolve(spec.inboxes, call(Conditions.INBOXES_RESOLVED, gladly::inboxes));
    report.inboxes(inboxes.resolved());
    if (!inboxes.problems().isEmpty()) {
      report.record(
          StatusCondition.failed(Conditions.INBOXES_RESOLVED, inboxes.reason(), String.join("; ", inboxes.problems())),
          EventReason.INBOXES_UNRESOLVED);
      return Optional.empty();
    }
    report.record(
        StatusCondition.met(Conditions.INBOXES_RESOLVED, Reason.RESOLVED, spec.inboxes.size() + " inboxes resolved"));

    List<Webhook> webhooks = call(Conditions.WEBHOOKS_REGISTERED, gladly::webhooks);
    // a hand-made webhook named in spec.webhooks.adopt takes the place of a wanted one
    OwnedWebhooks owned = new OwnedWebhooks(sk);
    int others = (int) webhooks.stream().filter(w -> !owned.owns(w) && !Adoptions.named(sk, w)).count();
    String overLimit = SpecValidator.webhookBudgetProblem(SpecValidator.webhookCount(spec), others);
    if (overLimit != null) {
      report.record(
          StatusCondition.failed(Conditions.WEBHOOKS_REGISTERED, Reason.WEBHOOK_LIMIT_EXCEEDED, overLimit),
          EventReason.INVALID_SPEC);
      return Optional.empty();
    }
    return Optional.of(
        new IntegrationFacts(
            gladly,
            agent.get().id(),
            inboxes.ids(),
            webhooks,
            Hashes.sha256(credentials.get().email(), credentials.get().token()),
            knowledgeBases,
            gladlyClients.trustedCaPem().orElse(null),
            mountedSecretsHash.orElse(null),
            java.util.Set.of()));
  }

  /** The credentials do not work: CredentialsValid=False and a Warning Event. */
  private static Optional<IntegrationFacts> stop(StatusReport report, String reason, String message) {
    report.record(
        StatusCondition.failed(Conditions.CREDENTIALS_VALID, reason, message), EventReason.CREDENTIALS_INVALID);
    return Optional.empty();
  }

  /** A read whose failure says Gladly is unavailable, reported under this condition. */
  private static <T> T call(String condition, Supplier<T> read) {
    try {
      return read.get();
    } catch (GladlyException e) {
      throw new GladlyUnavailable(condition, e);
    }
  }
}
