package dev.sidekick.operator.reconciler;

import dev.sidekick.operator.api.Conditions.Reason;
import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.dependent.ApiKeys;
import dev.sidekick.operator.dependent.MountedSecrets;
import dev.sidekick.operator.dependent.StoreSecrets;
import dev.sidekick.operator.dependent.IngressRequested;
import dev.sidekick.operator.dependent.IntegrationFacts;
import dev.sidekick.operator.dependent.KeysSecretDependent;
import dev.sidekick.operator.dependent.KnowledgeBases;
import dev.sidekick.operator.dependent.RuntimeAvailable;
import dev.sidekick.operator.dependent.RuntimeConfigMapDependent;
import dev.sidekick.operator.dependent.RuntimeDeploymentDependent;
import dev.sidekick.operator.dependent.RuntimeDisruptionBudget;
import dev.sidekick.operator.dependent.RuntimeIngressDependent;
import dev.sidekick.operator.dependent.RuntimeNetworkPolicy;
import dev.sidekick.operator.dependent.RuntimePodMonitor;
import dev.sidekick.operator.dependent.RuntimeServiceDependent;
import dev.sidekick.operator.dependent.WatchedResources;
import dev.sidekick.operator.knowledgebase.KnowledgeBaseChecks;
import dev.sidekick.operator.status.StatusCondition;
import dev.sidekick.operator.status.IntegrationMetrics;
import dev.sidekick.operator.status.StatusReport;
import dev.sidekick.operator.status.WorkflowOutcome;
import dev.sidekick.operator.webhooks.GladlyWebhooksDependent;
import dev.sidekick.operator.webhooks.WebhooksNotYetDeleted;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Reconciles a SidekickIntegration, top to bottom: check what the schema cannot; ask Gladly what it says
 * (credentials, inboxes, webhooks: {@link GladlyCheck}) and each endpoint's shop ({@link CommerceCheck}); run the
 * workflow keys Secret → runtime ConfigMap → Deployment → Service → Ingress, PodMonitor and NetworkPolicy (when
 * asked) → Gladly webhooks (once the runtime is available); read what the runtime found in its knowledge bases' examples
 * ({@link KnowledgeBaseChecks}); tell in status and Events what it found ({@link StatusReport}). Problems become
 * conditions and a rescheduled
 * retry ({@link Schedule}), never an exception storm. Deletion is the webhooks dependent's: the workflow's
 * cleanup.
 */
@Workflow(
    explicitInvocation = true,
    // a dependent that fails is reported in status (Ready=False ResourcesFailed), not thrown
    handleExceptionsInReconciler = true,
    dependents = {
      @Dependent(name = KeysSecretDependent.NAME, type = KeysSecretDependent.class),
      @Dependent(name = RuntimeConfigMapDependent.NAME, type = RuntimeConfigMapDependent.class),
      @Dependent(
          name = RuntimeDeploymentDependent.NAME,
          type = RuntimeDeploymentDependent.class,
          dependsOn = {KeysSecretDependent.NAME, RuntimeConfigMapDependent.NAME},
          readyPostcondition = RuntimeAvailable.class),
      @Dependent(name = RuntimeServiceDependent.NAME, type = RuntimeServiceDependent.class),
      @Dependent(
          name = RuntimeIngressDependent.NAME,
          type = RuntimeIngressDependent.class,
          dependsOn = RuntimeServiceDependent.NAME,
          // a precondition, not an activation condition: when spec.ingress goes, JOSDK 5.3 deletes the Ingress
          // only for an unmet reconcile precondition (an inactive dependent is left as it is)
          reconcilePrecondition = IngressRequested.class),
      // several replicas: a PodDisruptionBudget, in the policy version the cluster serves
      @Dependent(
          name = RuntimeDisruptionBudget.NAME,
          type = RuntimeDisruptionBudget.V1.class,
          activationCondition = RuntimeDisruptionBudget.V1Served.class,
          reconcilePrecondition = RuntimeDisruptionBudget.SeveralReplicas.class),
      @Dependent(
          name = RuntimeDisruptionBudget.LEGACY_NAME,
          type = RuntimeDisruptionBudget.V1beta1.class,
          activationCondition = RuntimeDisruptionBudget.OnlyV1beta1Served.class,
          reconcilePrecondition = RuntimeDisruptionBudget.SeveralReplicas.class),
      // spec.runtime.monitoring.podMonitor: a PodMonitor, where the cluster serves the Prometheus Operator's CRD
      @Dependent(
          name = RuntimePodMonitor.NAME,
          type = RuntimePodMonitor.Dependent.class,
          activationCondition = RuntimePodMonitor.Served.class,
          reconcilePrecondition = RuntimePodMonitor.Requested.class),
      // spec.runtime.networkPolicy: the runtime's pods locked down to what they need
      @Dependent(
          name = RuntimeNetworkPolicy.NAME,
          type = RuntimeNetworkPolicy.Dependent.class,
          reconcilePrecondition = RuntimeNetworkPolicy.Requested.class),
      @Dependent(
          name = GladlyWebhooksDependent.NAME,
          type = GladlyWebhooksDependent.class,
          dependsOn = {RuntimeDeploymentDependent.NAME, RuntimeServiceDependent.NAME})
    })
@ControllerConfiguration(
    name = SidekickIntegrationReconciler.NAME,
    // status-only updates must not trigger a reconcile, but the rotate-keys annotation must
    generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = SpecOrAnnotationChanged.class),
    maxReconciliationInterval = @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
// Events for every change in Gladly and every invalid spec
@RBACRule(apiGroups = "", resources = "events", verbs = {"create", "patch"})
// the runtime's pods are listed (never changed) to tell when no pod of an older template serves any more
@RBACRule(apiGroups = "", resources = "pods", verbs = {"list"})
// the credentials Secret and the knowledge-base ConfigMaps are the user's, watched and read only
@RBACRule(apiGroups = "", resources = {"secrets", "configmaps"}, verbs = {"get", "list", "watch"})
// leader election (QOSDK/JOSDK lease lock)
@RBACRule(
    apiGroups = "coordination.k8s.io",
    resources = "leases",
    verbs = {"get", "list", "watch", "create", "update", "patch"})
public class SidekickIntegrationReconciler
    implements Reconciler<SidekickIntegration>, Cleaner<SidekickIntegration> {
  public static final String NAME = "sidekickintegration";

  private final GladlyCheck gladly;
  private final CommerceCheck commerce;
  private final KubernetesEvents events;
  private final Schedule schedule;
  private final KnowledgeBaseChecks knowledgeBaseChecks;
  private final IntegrationMetrics metrics;

  public SidekickIntegrationReconciler(
      GladlyCheck gladly, CommerceCheck commerce, KubernetesEvents events, Schedule schedule,
      KnowledgeBaseChecks knowledgeBaseChecks, IntegrationMetrics metrics) {
    this.gladly = gladly;
    this.commerce = commerce;
    this.events = events;
    this.schedule = schedule;
    this.knowledgeBaseChecks = knowledgeBaseChecks;
    this.metrics = metrics;
  }

  @Override
  public List<EventSource<?, SidekickIntegration>> prepareEventSources(
      EventSourceContext<SidekickIntegration> context) {
    return WatchedResources.eventSources(context);
  }

  @Override
  public UpdateControl<SidekickIntegration> reconcile(
      SidekickIntegration sk, Context<SidekickIntegration> context) {
    UpdateControl<SidekickIntegration> update = reconcileOnce(sk, context);
    metrics.conditions(sk);
    return update;
  }

  private UpdateControl<SidekickIntegration> reconcileOnce(
      SidekickIntegration sk, Context<SidekickIntegration> context) {
    StatusReport report = new StatusReport(sk, events);
    if (sk.getSpec().suspended()) {
      report.notReady(Reason.SUSPENDED, "spec.suspend is true: the operator changes nothing");
      return report.update(schedule.resync());
    }
    // 1. what the CRD's schema cannot check
    KnowledgeBases.Contents knowledgeBases = new KnowledgeBases(sk).read(context);
    MountedSecrets apiKeys = new ApiKeys(sk).read(name -> WatchedResources.secret(context, sk, name));
    MountedSecrets store = new StoreSecrets(sk).read(name -> WatchedResources.secret(context, sk, name));
    List<String> problems =
        Stream.of(SpecValidator.problems(sk.getSpec()), knowledgeBases.missing(), MountedSecrets.missing(apiKeys, store))
            .flatMap(List::stream).toList();
    if (!problems.isEmpty()) {
      report.invalidSpec(String.join("; ", problems));
      return report.update(schedule.afterFailure(sk));
    }
    // 2. what Gladly says, asked once
    Optional<IntegrationFacts> facts;
    try {
      facts = gladly.gather(sk, context, knowledgeBases.byFile(), MountedSecrets.combined(apiKeys, store), report);
    } catch (GladlyUnavailable e) {
      return retrySoon(sk, e.gladly().retrySoon()).orElseGet(() -> {
        report.record(StatusCondition.unknown(e.condition(), Reason.GLADLY_UNAVAILABLE, e.getMessage()));
        return report.update(schedule.afterFailure(sk));
      });
    }
    if (facts.isEmpty()) {
      return report.update(schedule.afterFailure(sk));
    }
    // 3. what each endpoint's shop says of Sidekick's token (reported; never stops the runtime)
    IntegrationFacts withShops = commerce.check(sk, context, facts.get(), report);
    // 4. the runtime's objects, then the Gladly webhooks
    withShops.putInto(context);
    WorkflowOutcome outcome = WorkflowOutcome.of(ManagedWorkflow.reconcile(context), sk, context);
    // 5. what came of it, in status
    return retrySoon(sk, outcome.gladlyFailedForAMoment()).orElseGet(() -> {
      report.workflow(outcome);
      report.knowledgeBaseChecked(knowledgeBaseChecks.condition(
          sk, context.getSecondaryResource(Deployment.class), outcome.runtimeAvailable()));
      Duration next =
          outcome.failed() ? schedule.afterFailure(sk)
              : report.ready() ? schedule.afterSuccess(sk, outcome.rotating() || knowledgeBaseChecks.askAgainSoon(sk))
              : schedule.converging(sk);
      return report.update(next);
    });
  }

  /** Gladly failed in a way it may get over by itself: come back soon, and say nothing yet. */
  private Optional<UpdateControl<SidekickIntegration>> retrySoon(
      SidekickIntegration sk, Optional<Duration> gladlyAskedToWait) {
    return gladlyAskedToWait
        .flatMap(wait -> schedule.quietRetry(sk, wait))
        .map(delay -> UpdateControl.<SidekickIntegration>noUpdate().rescheduleAfter(delay));
  }

  @Override
  public DeleteControl cleanup(SidekickIntegration sk, Context<SidekickIntegration> context) {
    schedule.forget(sk);
    knowledgeBaseChecks.forget(sk);
    metrics.forget(sk);
    var cleanup = ManagedWorkflow.cleanup(context);
    Optional<WebhooksNotYetDeleted> notYet = WebhooksNotYetDeleted.in(cleanup);
    if (notYet.isPresent()) {
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(notYet.get().retryIn().toMillis());
    }
    cleanup.throwAggregateExceptionIfErrorsPresent();
    return DeleteControl.defaultDelete();
  }
}
