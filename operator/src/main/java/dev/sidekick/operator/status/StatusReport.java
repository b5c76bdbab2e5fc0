package dev.sidekick.operator.status;

import dev.sidekick.operator.api.Conditions;
import dev.sidekick.operator.api.Conditions.EventReason;
import dev.sidekick.operator.api.Conditions.Reason;
import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.api.SidekickIntegrationStatus;
import dev.sidekick.operator.api.SidekickIntegrationStatus.InboxRef;
import dev.sidekick.operator.api.SidekickIntegrationStatus.OrganizationRef;
import dev.sidekick.operator.api.WebhooksSpec;
import dev.sidekick.operator.dependent.Names;
import dev.sidekick.operator.dependent.Recorder;
import dev.sidekick.operator.dependent.RuntimePodMonitor;
import dev.sidekick.operator.webhooks.GladlyWebhooks;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The status of one SidekickIntegration as one reconcile finds it, and the Warning Events that go with it:
 * each step records its condition here, Ready follows from the others (or from a reason none of them
 * expresses), and status is patched only when it says something new. One report per reconcile.
 */
public final class StatusReport {
  private static final Logger LOG = Logger.getLogger(StatusReport.class);
  private static final List<String> PARTS =
      List.of(
          Conditions.CREDENTIALS_VALID,
          Conditions.INBOXES_RESOLVED,
          Conditions.COMMERCE_BACKENDS_VALID,
          Conditions.RUNTIME_AVAILABLE,
          Conditions.WEBHOOKS_REGISTERED);
  /** Parts that only some resources have: counted when present. */
  private static final List<String> OPTIONAL_PARTS = List.of(Conditions.COMMERCE_BACKENDS_VALID);

  private final SidekickIntegration sk;
  private final SidekickIntegrationStatus status;
  /** The status as received: a patch that would change nothing is skipped (steady state). */
  private final String before;
  private final Recorder events;
  private StatusCondition ready;

  public StatusReport(SidekickIntegration sk, Recorder events) {
    this.sk = sk;
    this.events = events;
    this.before = sk.getStatus() == null ? null : Serialization.asJson(sk.getStatus());
    this.status = sk.getStatus() == null ? new SidekickIntegrationStatus() : sk.getStatus();
    sk.setStatus(status);
  }

  public void record(StatusCondition condition) {
    record(condition, null);
  }

  /** Records a condition; a Warning Event with this reason when it turns not true, or its reason changes. */
  public void record(StatusCondition condition, String warningReason) {
    boolean changed = condition.applyTo(status, sk.getMetadata().getGeneration());
    if (changed && warningReason != null && !condition.isTrue()) {
      events.warning(sk, warningReason, condition.type() + " " + condition.reason() + ": " + condition.message());
    }
  }

  /** A condition that no longer applies (no endpoint has a commerce backend any more). */
  public void forget(String type) {
    if (status.conditions != null) status.conditions.removeIf(c -> type.equals(c.getType()));
  }

  /** Not ready for a reason no other condition expresses (suspended, the runtime's objects refused). */
  public void notReady(String reason, String message) {
    ready = StatusCondition.failed(Conditions.READY, reason, message);
    ready.applyTo(status, sk.getMetadata().getGeneration());
  }

  /** The spec breaks a rule the schema cannot express: Ready=False InvalidSpec, and a Warning when that is news. */
  public void invalidSpec(String problems) {
    boolean first = status.condition(Conditions.READY).isEmpty();
    ready = StatusCondition.failed(Conditions.READY, Reason.INVALID_SPEC, problems);
    if (ready.applyTo(status, sk.getMetadata().getGeneration()) || first) {
      events.warning(sk, EventReason.INVALID_SPEC, problems);
    }
  }

  /** The token authenticates as this API user. */
  public void credentialsVerified(OrganizationRef organization, String agentId) {
    status.organization = organization;
    status.agentId = agentId;
    record(
        StatusCondition.met(
            Conditions.CREDENTIALS_VALID,
            Reason.VERIFIED,
            "API user " + agentId + " of organization " + organization.name));
  }

  public void inboxes(List<InboxRef> resolved) {
    status.inboxes = resolved;
  }

  /** What the workflow came to: the runtime, the webhooks, and what the API server refused. */
  public void workflow(WorkflowOutcome outcome) {
    runtimeAvailable(outcome.runtimeAvailable());
    outcome.webhooks().ifPresentOrElse(this::webhooks, () -> webhooksWaiting(!outcome.refused().isEmpty()));
    if (!outcome.refused().isEmpty()) {
      LOG.warnf("%s/%s: could not write %s", sk.getMetadata().getNamespace(), sk.getMetadata().getName(), outcome.refused());
      refused(outcome.refused());
    }
    podMonitor(outcome);
  }

  /**
   * The PodMonitor the spec asks for: a Warning Event when it cannot be created (not part of Ready: the runtime
   * still answers, it is only not scraped).
   */
  private void podMonitor(WorkflowOutcome outcome) {
    if (!sk.getSpec().runtimeOrDefault().podMonitorEnabled()) {
      forget(Conditions.POD_MONITOR_CREATED);
      return;
    }
    String name = "PodMonitor " + Names.runtime(sk);
    Exception refused = outcome.refused().get(RuntimePodMonitor.NAME);
    StatusCondition condition =
        !outcome.podMonitorServed()
            ? StatusCondition.failed(Conditions.POD_MONITOR_CREATED, Reason.POD_MONITOR_CRD_MISSING,
                "the cluster does not serve monitoring.coreos.com/v1 PodMonitor: install the Prometheus Operator's"
                    + " CRDs (e.g. kube-prometheus-stack); the runtime runs without one until then")
            : refused != null
                ? StatusCondition.failed(Conditions.POD_MONITOR_CREATED, Reason.RESOURCES_FAILED,
                    "could not write " + name + ": " + refused.getMessage())
                : StatusCondition.met(Conditions.POD_MONITOR_CREATED, Reason.CREATED,
                    name + " scrapes the runtime's pods");
    record(condition, EventReason.POD_MONITOR_NOT_CREATED);
  }

  private void runtimeAvailable(boolean available) {
    record(
        available
            ? StatusCondition.met(
                Conditions.RUNTIME_AVAILABLE, Reason.AVAILABLE, "Deployment " + Names.runtime(sk) + " is available")
            : StatusCondition.failed(
                Conditions.RUNTIME_AVAILABLE,
                Reason.DEPLOYMENT_UNAVAILABLE,
                "Deployment " + Names.runtime(sk) + " is not yet rolled out and available"));
  }

  private void webhooks(GladlyWebhooks webhooks) {
    status.endpoints = new ArrayList<>(webhooks.endpoints());
    status.webhooksNotAdopted = webhooks.notAdopted().isEmpty() ? null : List.copyOf(webhooks.notAdopted());
    status.messagingEvent =
        webhooks.fallbackUsed()
            ? WebhooksSpec.CONTACT_MESSAGE_RECEIVED
            : sk.getSpec().webhooksOrDefault().messagingEventOrDefault();
    String registered = enabledWebhooks() + " webhooks registered";
    if (!webhooks.problems().isEmpty()) {
      record(
          StatusCondition.failed(
              Conditions.WEBHOOKS_REGISTERED, Reason.REGISTRATION_FAILED, String.join("; ", webhooks.problems())));
    } else if (webhooks.fallbackUsed()) {
      record(
          StatusCondition.met(
              Conditions.WEBHOOKS_REGISTERED,
              Reason.REGISTERED_WITH_FALLBACK,
              registered + "; Gladly rejected MESSAGE/RECEIVED, so MESSAGING webhooks use CONTACT/MESSAGE_RECEIVED"));
    } else {
      record(StatusCondition.met(Conditions.WEBHOOKS_REGISTERED, Reason.REGISTERED, registered));
    }
  }

  /**
   * The runtime's check of its knowledge bases' examples: a Warning Event when it turns False or says something new
   * while False (not part of Ready: the runtime still answers, it hands off what it is unsure of).
   */
  public void knowledgeBaseChecked(StatusCondition condition) {
    record(condition, StatusCondition.FALSE.equals(condition.status()) ? EventReason.KNOWLEDGE_BASE_EXAMPLES_WRONG : null);
  }

  /** The webhooks wait for the runtime (Gladly PINGs their URLs); status keeps what it knew of them. */
  private void webhooksWaiting(boolean runtimeObjectsRefused) {
    status.endpoints = GladlyWebhooks.asRecorded(sk);
    record(
        StatusCondition.failed(
            Conditions.WEBHOOKS_REGISTERED,
            Reason.WAITING_FOR_RUNTIME,
            runtimeObjectsRefused
                ? "waiting for the runtime's resources, which could not be written"
                : "webhooks are registered once the runtime is available (Gladly PINGs their URLs)"));
  }

  /** Objects the API server refused (e.g. an Ingress): not ready, and say which. */
  private void refused(Map<String, Exception> failedByDependent) {
    notReady(
        Reason.RESOURCES_FAILED,
        "could not write "
            + failedByDependent.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue().getMessage())
                .collect(Collectors.joining("; ")));
  }

  /** Ready: every other condition is true; otherwise it names the first that is not. */
  public boolean ready() {
    if (ready == null) {
      ready = readyFromParts();
      ready.applyTo(status, sk.getMetadata().getGeneration());
    }
    return ready.isTrue();
  }

  private StatusCondition readyFromParts() {
    for (String type : PARTS) {
      Optional<StatusCondition> part = status.condition(type).map(StatusCondition::of);
      if (part.isEmpty() && OPTIONAL_PARTS.contains(type)) {
        continue;
      }
      if (part.isEmpty()) {
        return StatusCondition.failed(Conditions.READY, Reason.NOT_CHECKED, type + ": not checked yet");
      }
      if (!part.get().isTrue()) {
        return StatusCondition.failed(Conditions.READY, part.get().reason(), type + ": " + part.get().message());
      }
    }
    return StatusCondition.met(Conditions.READY, Reason.READY, "Runtime available and Gladly webhooks registered");
  }

  /** Patches the status when it says something new, and comes back after {@code next}. */
  public UpdateControl<SidekickIntegration> update(Duration next) {
    ready();
    status.observedGeneration = sk.getMetadata().getGeneration();
    status.endpointCount = sk.getSpec().endpoints == null ? 0 : sk.getSpec().endpoints.size();
    status.mode = mode(sk.getSpec().endpoints == null ? List.of() : sk.getSpec().endpoints);
    status.webhookCount = enabledWebhooks();
    UpdateControl<SidekickIntegration> update =
        Serialization.asJson(status).equals(before) ? UpdateControl.noUpdate() : UpdateControl.patchStatus(sk);
    return update.rescheduleAfter(next.toMillis());
  }

  /** The printer column: {@code live}, {@code shadow}, or {@code shadow: a, b} naming the endpoints in shadow. */
  private static String mode(List<EndpointSpec> endpoints) {
    List<String> shadow =
        endpoints.stream().filter(e -> e.modeOrDefault() == EndpointSpec.Mode.SHADOW).map(e -> e.name).toList();
    if (shadow.isEmpty()) return EndpointSpec.Mode.LIVE.value();
    if (shadow.size() == endpoints.size()) return EndpointSpec.Mode.SHADOW.value();
    return EndpointSpec.Mode.SHADOW.value() + ": " + String.join(", ", shadow);
  }

  /** The Gladly webhooks of this resource that are enabled (the printer column). */
  private int enabledWebhooks() {
    return status.endpoints == null
        ? 0
        : (int)
            status.endpoints.stream()
                .flatMap(e -> e.webhooks.stream())
                .filter(w -> Boolean.TRUE.equals(w.enabled))
                .count();
  }
}
