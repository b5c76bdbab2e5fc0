package dev.sidekick.operator.reconciler;

import static dev.sidekick.operator.api.Conditions.Reason;

import dev.sidekick.operator.api.Conditions;
import dev.sidekick.operator.api.Conditions.EventReason;
import dev.sidekick.operator.api.DeletionPolicy;
import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.ResponderSpec;
import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.api.SidekickIntegrationStatus;
import dev.sidekick.operator.api.SidekickIntegrationStatus.EndpointStatus;
import dev.sidekick.operator.api.SidekickIntegrationStatus.InboxRef;
import dev.sidekick.operator.api.SidekickIntegrationStatus.OrganizationRef;
import dev.sidekick.operator.api.SidekickIntegrationStatus.SecretKeyRef;
import dev.sidekick.operator.api.WebhooksSpec;
import dev.sidekick.operator.config.OperatorConfig;
import dev.sidekick.operator.dependent.GladlyWebhooks;
import dev.sidekick.operator.dependent.GladlyWebhooksDependent;
import dev.sidekick.operator.dependent.Hashes;
import dev.sidekick.operator.dependent.IngressRequested;
import dev.sidekick.operator.dependent.KeysSecretDependent;
import dev.sidekick.operator.dependent.Names;
import dev.sidekick.operator.dependent.ReconcileInputs;
import dev.sidekick.operator.dependent.RuntimeAvailable;
import dev.sidekick.operator.dependent.RuntimeConfig;
import dev.sidekick.operator.dependent.RuntimeConfigMapDependent;
import dev.sidekick.operator.dependent.RuntimeDeploymentDependent;
import dev.sidekick.operator.dependent.RuntimeIngressDependent;
import dev.sidekick.operator.dependent.RuntimeServiceDependent;
import dev.sidekick.operator.gladly.GladlyClient;
import dev.sidekick.operator.gladly.GladlyClients;
import dev.sidekick.operator.gladly.GladlyException;
import dev.sidekick.operator.gladly.GladlyModel.Agent;
import dev.sidekick.operator.gladly.GladlyModel.Inbox;
import dev.sidekick.operator.gladly.GladlyModel.Organization;
import dev.sidekick.operator.gladly.GladlyModel.Webhook;
import dev.sidekick.operator.status.CredentialsValidCondition;
import dev.sidekick.operator.status.InboxesResolvedCondition;
import dev.sidekick.operator.status.ReadyCondition;
import dev.sidekick.operator.status.RuntimeAvailableCondition;
import dev.sidekick.operator.status.StatusCondition;
import dev.sidekick.operator.status.WebhooksRegisteredCondition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
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
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Reconciles a SidekickIntegration: checks what a schema cannot, verifies the credentials and inboxes in
 * Gladly, then runs the workflow keys Secret → runtime ConfigMap → Deployment → Service → Ingress (when
 * asked) → Gladly webhooks (once the runtime is available), and tells in status and Events what it found and
 * did. Problems become conditions and a rescheduled retry with backoff, never an exception storm.
 */
@Workflow(
    explicitInvocation = true,
    // a dependent that fails is reported in status (Ready=False ResourcesFailed), not thrown
    handleExceptionsInReconciler = true,
    dependents = {
      @Dependent(name = "keys", type = KeysSecretDependent.class),
      @Dependent(name = "config", type = RuntimeConfigMapDependent.class),
      @Dependent(
          name = "deployment",
          type = RuntimeDeploymentDependent.class,
          dependsOn = {"keys", "config"},
          readyPostcondition = RuntimeAvailable.class),
      @Dependent(name = "service", type = RuntimeServiceDependent.class),
      @Dependent(
          name = "ingress",
          type = RuntimeIngressDependent.class,
          dependsOn = "service",
          // a precondition, not an activation condition: when spec.ingress goes, JOSDK 5.3 deletes the Ingress
          // only for an unmet reconcile precondition (an inactive dependent is left as it is)
          reconcilePrecondition = IngressRequested.class),
      @Dependent(
          name = "webhooks",
          type = GladlyWebhooksDependent.class,
          dependsOn = {"deployment", "service"})
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
  static final String CREDENTIALS_INDEX = "credentials-secret";
  static final String KNOWLEDGE_BASE_INDEX = "knowledge-base-configmap";
  static final String CREDENTIALS_SOURCE = "credentials-secrets";
  static final String KNOWLEDGE_BASE_SOURCE = "knowledge-base-configmaps";
  private static final Logger LOG = Logger.getLogger(SidekickIntegrationReconciler.class);

  /** The status as received, to skip a status patch that would change nothing (steady state). */
  private static final ThreadLocal<String> STATUS_BEFORE = new ThreadLocal<>();

  private final GladlyClients gladlyClients;
  private final KubernetesEvents events;
  private final OperatorConfig.Reconcile config;
  /** Consecutive failures per resource (uid), for the retry backoff; deletion attempts likewise. */
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();
  private final Map<String, Integer> deletionAttempts = new ConcurrentHashMap<>();

  public SidekickIntegrationReconciler(
      GladlyClients gladlyClients, KubernetesEvents events, OperatorConfig config) {
    this.gladlyClients = gladlyClients;
    this.events = events;
    this.config = config.reconcile();
  }

  @Override
  public List<EventSource<?, SidekickIntegration>> prepareEventSources(
      EventSourceContext<SidekickIntegration> context) {
    var primaries = context.getPrimaryCache();
    primaries.addIndexer(
        CREDENTIALS_INDEX,
        sk ->
            sk.getSpec() == null
                    || sk.getSpec().gladly == null
                    || sk.getSpec().gladly.credentialsSecretRef == null
                ? List.of()
                : List.of(
                    key(sk.getMetadata().getNamespace(), sk.getSpec().gladly.credentialsSecretRef.name)));
    primaries.addIndexer(
        KNOWLEDGE_BASE_INDEX,
        sk ->
            sk.getSpec() == null || sk.getSpec().endpoints == null
                ? List.of()
                : RuntimeConfig.knowledgeBaseRefs(sk).values().stream()
                    .map(ref -> key(sk.getMetadata().getNamespace(), ref.name))
                    .distinct()
                    .toList());

    var credentials =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Secret.class, SidekickIntegration.class)
                .withName(CREDENTIALS_SOURCE)
                .withSecondaryToPrimaryMapper(
                    (Secret s) -> referencing(primaries.byIndex(CREDENTIALS_INDEX, key(s))))
                .withPrimaryToSecondaryMapper(
                    (SidekickIntegration sk) ->
                        Set.of(
                            new ResourceID(
                                sk.getSpec().gladly.credentialsSecretRef.name,
                                sk.getMetadata().getNamespace())))
                .build(),
            context);
    var knowledgeBases =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(ConfigMap.class, SidekickIntegration.class)
                .withName(KNOWLEDGE_BASE_SOURCE)
                .withSecondaryToPrimaryMapper(
                    (ConfigMap c) -> referencing(primaries.byIndex(KNOWLEDGE_BASE_INDEX, key(c))))
                .withPrimaryToSecondaryMapper(
                    (SidekickIntegration sk) ->
                        RuntimeConfig.knowledgeBaseRefs(sk).values().stream()
                            .map(ref -> new ResourceID(ref.name, sk.getMetadata().getNamespace()))
                            .collect(Collectors.toSet()))
                .build(),
            context);
    return List.of(credentials, knowledgeBases);
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  private static String key(HasMetadata r) {
    return key(r.getMetadata().getNamespace(), r.getMetadata().getName());
  }

  private static Set<ResourceID> referencing(List<SidekickIntegration> list) {
    return list.stream().map(ResourceID::fromResource).collect(Collectors.toSet());
  }

  @Override
  public UpdateControl<SidekickIntegration> reconcile(
      SidekickIntegration sk, Context<SidekickIntegration> context) {
    STATUS_BEFORE.set(sk.getStatus() == null ? null : Serialization.asJson(sk.getStatus()));
    SidekickIntegrationStatus status = sk.getStatus() == null ? new SidekickIntegrationStatus() : sk.getStatus();
    sk.setStatus(status);
    Long generation = sk.getMetadata().getGeneration();
    var spec = sk.getSpec();
    status.endpointCount = spec.endpoints == null ? 0 : spec.endpoints.size();

    if (spec.suspended()) {
      ReadyCondition.blocked(Reason.SUSPENDED, "spec.suspend is true: the operator changes nothing")
          .applyTo(status, generation);
      return done(sk, status, config.resyncInterval());
    }

    List<String> problems = SpecValidator.problems(spec);
    if (!problems.isEmpty()) {
      return blocked(sk, Reason.INVALID_SPEC, String.join("; ", problems), EventReason.INVALID_SPEC);
    }

    // the credentials Secret
    var ref = spec.gladly.credentialsSecretRef;
    Optional<Secret> secret = context.getSecondaryResource(Secret.class, CREDENTIALS_SOURCE);
    if (secret.isEmpty()) {
      return credentialsFailed(
          sk, Reason.SECRET_NOT_FOUND, "Secret " + ref.name + " not found in namespace " + sk.getMetadata().getNamespace());
    }
    String email = value(secret.get(), ref.emailKeyOrDefault());
    String token = value(secret.get(), ref.tokenKeyOrDefault());
    if (email == null || token == null) {
      return credentialsFailed(
          sk,
          Reason.SECRET_KEY_MISSING,
          "Secret " + ref.name + " lacks key " + (email == null ? ref.emailKeyOrDefault() : ref.tokenKeyOrDefault()));
    }
    GladlyClient gladly = gladlyClients.forOrganization(spec.gladly.organizationUrl, email, token);

    // who we are in Gladly
    Organization organization;
    Agent agent;
    try {
      organization = gladly.organization();
      agent =
          gladly.agents().stream()
              .filter(a -> email.trim().equalsIgnoreCase(a.emailAddress()))
              .findFirst()
              .orElse(null);
    } catch (GladlyException e) {
      return gladlyFailedOnCredentials(sk, e);
    }
    if (agent == null) {
      return credentialsFailed(
          sk,
          Reason.AGENT_NOT_FOUND,
          "the token authenticates, but no Gladly agent has the email address in Secret " + ref.name
              + " (key " + ref.emailKeyOrDefault() + ")");
    }
    status.organization = new OrganizationRef(organization.id(), organization.name());
    status.agentId = agent.id();
    apply(sk, CredentialsValidCondition.met(Reason.VERIFIED, "API user " + agent.id() + " of organization " + organization.name()), null);

    // inboxes
    List<Inbox> inboxes;
    try {
      inboxes = gladly.inboxes();
    } catch (GladlyException e) {
      return gladlyUnavailable(sk, InboxesResolvedCondition.unknown(Reason.GLADLY_UNAVAILABLE, e.getMessage()));
    }
    InboxResolution resolution = InboxResolution.resolve(spec.inboxes, inboxes);
    status.inboxes = resolution.resolved();
    if (!resolution.problems().isEmpty()) {
      apply(
          sk,
          InboxesResolvedCondition.failed(resolution.reason(), String.join("; ", resolution.problems())),
          EventReason.INBOXES_UNRESOLVED);
      return notReady(sk, true);
    }
    apply(sk, InboxesResolvedCondition.met(Reason.RESOLVED, spec.inboxes.size() + " inboxes resolved"), null);

    // knowledge bases
    Map<String, String> knowledgeBases = new LinkedHashMap<>();
    for (var kb : RuntimeConfig.knowledgeBaseRefs(sk).entrySet()) {
      ResponderSpec.ConfigMapKeyRef r = kb.getValue();
      String content =
          context.getSecondaryResources(ConfigMap.class).stream()
              .filter(c -> r.name.equals(c.getMetadata().getName()))
              .findFirst()
              .map(c -> c.getData() == null ? null : c.getData().get(r.keyOrDefault()))
              .orElse(null);
      if (content == null) {
        return blocked(
            sk,
            Reason.INVALID_SPEC,
            "knowledge base: ConfigMap " + r.name + " with key " + r.keyOrDefault() + " not found",
            EventReason.INVALID_SPEC);
      }
      knowledgeBases.put(kb.getKey(), content);
    }

    // Gladly's webhooks and its limit of 20 per organization
    List<Webhook> webhooks;
    try {
      webhooks = gladly.webhooks();
    } catch (GladlyException e) {
      return gladlyUnavailable(sk, WebhooksRegisteredCondition.unknown(Reason.GLADLY_UNAVAILABLE, e.getMessage()));
    }
    int others = webhooks.size() - GladlyWebhooksDependent.ours(sk, webhooks).size();
    String budget = SpecValidator.webhookBudgetProblem(SpecValidator.webhookCount(spec), others);
    if (budget != null) {
      apply(sk, WebhooksRegisteredCondition.failed(Reason.WEBHOOK_LIMIT_EXCEEDED, budget), EventReason.INVALID_SPEC);
      return notReady(sk, true);
    }

    String wantedEvent = spec.webhooksOrDefault().messagingEventOrDefault();
    String messagingEvent =
        WebhooksSpec.MESSAGE_RECEIVED.equals(wantedEvent)
                && WebhooksSpec.CONTACT_MESSAGE_RECEIVED.equals(status.messagingEvent)
            ? WebhooksSpec.CONTACT_MESSAGE_RECEIVED // Gladly rejected the legacy event before
            : wantedEvent;
    new ReconcileInputs(
            gladly,
            organization,
            agent.id(),
            resolution.ids(),
            webhooks,
            Hashes.sha256(email, token),
            knowledgeBases,
            gladlyClients.trustedCaPem().orElse(null),
            messagingEvent,
            events,
            new java.util.concurrent.atomic.AtomicReference<>())
        .putInto(context);

    var result = context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
    if (result.erroredDependentsExist()) {
      String errors =
          result.getErroredDependents().entrySet().stream()
              .map(e -> e.getKey().name() + ": " + e.getValue().getMessage())
              .collect(Collectors.joining("; "));
      LOG.warnf("%s/%s: dependents failed: %s", sk.getMetadata().getNamespace(), sk.getMetadata().getName(), errors);
    }

    // the runtime
    Optional<Deployment> deployment = context.getSecondaryResource(Deployment.class);
    boolean available = deployment.map(d -> RuntimeDeploymentDependent.available(d, sk)).orElse(false);
    apply(
        sk,
        available
            ? RuntimeAvailableCondition.met(Reason.AVAILABLE, "Deployment " + Names.runtime(sk) + " is available")
            : RuntimeAvailableCondition.failed(
                Reason.DEPLOYMENT_UNAVAILABLE,
                "Deployment " + Names.runtime(sk) + " is not yet rolled out and available"),
        null);

    // the webhooks
    Optional<GladlyWebhooks> registered = GladlyWebhooksDependent.result(context);
    if (registered.isPresent()) {
      GladlyWebhooks r = registered.get();
      status.endpoints = new ArrayList<>(r.endpoints());
      status.messagingEvent =
          r.fallbackUsed() ? WebhooksSpec.CONTACT_MESSAGE_RECEIVED : wantedEvent;
      status.webhookCount = (int) r.enabledCount();
      if (!r.problems().isEmpty()) {
        apply(sk, WebhooksRegisteredCondition.failed(Reason.REGISTRATION_FAILED, String.join("; ", r.problems())), null);
      } else if (r.fallbackUsed()) {
        apply(
            sk,
            WebhooksRegisteredCondition.met(
                Reason.REGISTERED_WITH_FALLBACK,
                status.webhookCount + " webhooks registered; Gladly rejected MESSAGE/RECEIVED, so MESSAGING"
                    + " webhooks use CONTACT/MESSAGE_RECEIVED"),
            null);
      } else {
        apply(sk, WebhooksRegisteredCondition.met(Reason.REGISTERED, status.webhookCount + " webhooks registered"), null);
      }
    } else {
      keepEndpointsSkeleton(sk, status);
      apply(
          sk,
          WebhooksRegisteredCondition.failed(
              Reason.WAITING_FOR_RUNTIME,
              result.erroredDependentsExist()
                  ? "waiting for the runtime's resources, which could not be written"
                  : "webhooks are registered once the runtime is available (Gladly PINGs their URLs)"),
          null);
    }
    boolean ready = readyFromParts(sk);
    if (result.erroredDependentsExist()) {
      // e.g. an Ingress the API server refused: not ready, and say which object
      String failed =
          result.getErroredDependents().entrySet().stream()
              .map(e -> e.getKey().name() + ": " + e.getValue().getMessage())
              .collect(Collectors.joining("; "));
      ReadyCondition.blocked(Reason.RESOURCES_FAILED, "could not write " + failed).applyTo(status, generation);
      ready = false;
    }
    boolean rotating =
        context.getSecondaryResources(Secret.class).stream()
            .filter(s -> Names.keysSecret(sk).equals(s.getMetadata().getName()))
            .anyMatch(KeysSecretDependent::rotationPending);
    if (ready) failures.remove(sk.getMetadata().getUid());
    Duration next = ready && !rotating ? config.resyncInterval() : config.progressInterval();
    if (result.erroredDependentsExist() || registered.map(r -> !r.problems().isEmpty()).orElse(false)) {
      next = backoff(sk);
    }
    return done(sk, status, next);
  }

  /** Status of endpoints before any webhook is registered: URL and key Secret are known already. */
  private static void keepEndpointsSkeleton(SidekickIntegration sk, SidekickIntegrationStatus status) {
    Map<String, EndpointStatus> old = new LinkedHashMap<>();
    if (status.endpoints != null) status.endpoints.forEach(e -> old.put(e.name, e));
    List<EndpointStatus> out = new ArrayList<>();
    for (EndpointSpec e : sk.getSpec().endpoints) {
      EndpointStatus es = old.getOrDefault(e.name, new EndpointStatus());
      es.name = e.name;
      es.url = Names.endpointUrl(sk.getSpec().publicUrl, e.name);
      es.keySecret = new SecretKeyRef(Names.keysSecret(sk), e.name);
      out.add(es);
    }
    // webhooks of removed endpoints stay recorded until they are deleted in Gladly
    old.values().stream().filter(e -> !out.contains(e) && !e.webhooks.isEmpty()).forEach(out::add);
    status.endpoints = out;
  }

  private boolean readyFromParts(SidekickIntegration sk) {
    var s = sk.getStatus();
    List<StatusCondition> parts = new ArrayList<>();
    for (String type :
        List.of(
            Conditions.CREDENTIALS_VALID,
            Conditions.INBOXES_RESOLVED,
            Conditions.RUNTIME_AVAILABLE,
            Conditions.WEBHOOKS_REGISTERED)) {
      var c = s.condition(type);
      String st = c.map(x -> x.getStatus()).orElse(StatusCondition.UNKNOWN);
      String reason = c.map(x -> x.getReason()).orElse(Reason.NOT_CHECKED);
      String message = c.map(x -> x.getMessage()).orElse("not checked yet");
      parts.add(new StatusCondition(type, st, reason, message) {});
    }
    ReadyCondition ready = ReadyCondition.of(parts);
    ready.applyTo(s, sk.getMetadata().getGeneration());
    return ready.isTrue();
  }

  /** Applies a condition; on a change to not-true, records a Warning event when a reason is given. */
  private void apply(SidekickIntegration sk, StatusCondition c, String warningReason) {
    boolean changed = c.applyTo(sk.getStatus(), sk.getMetadata().getGeneration());
    if (changed && warningReason != null && !c.isTrue()) {
      events.warning(sk, warningReason, c.type() + " " + c.reason() + ": " + c.message());
    }
  }

  private UpdateControl<SidekickIntegration> credentialsFailed(
      SidekickIntegration sk, String reason, String message) {
    apply(sk, CredentialsValidCondition.failed(reason, message), EventReason.CREDENTIALS_INVALID);
    return notReady(sk, true);
  }

  private UpdateControl<SidekickIntegration> gladlyFailedOnCredentials(
      SidekickIntegration sk, GladlyException e) {
    String secret = sk.getSpec().gladly.credentialsSecretRef.name;
    if (e.isUnauthorized()) {
      return credentialsFailed(
          sk,
          Reason.UNAUTHORIZED,
          "Gladly refused the email and token in Secret " + secret
              + " (401): check the token; tokens belong to one user and one environment");
    }
    if (e.isForbidden()) {
      return credentialsFailed(
          sk,
          Reason.FORBIDDEN,
          "Gladly refused the user in Secret " + secret + " (403): it needs the API User role");
    }
    return gladlyUnavailable(sk, CredentialsValidCondition.unknown(Reason.GLADLY_UNAVAILABLE, e.getMessage()));
  }

  private UpdateControl<SidekickIntegration> gladlyUnavailable(SidekickIntegration sk, StatusCondition c) {
    apply(sk, c, null);
    return notReady(sk, true);
  }

  private UpdateControl<SidekickIntegration> blocked(
      SidekickIntegration sk, String reason, String message, String eventReason) {
    var s = sk.getStatus();
    Optional<io.fabric8.kubernetes.api.model.Condition> before = s.condition(Conditions.READY);
    ReadyCondition ready = ReadyCondition.blocked(reason, message);
    boolean changed = ready.applyTo(s, sk.getMetadata().getGeneration());
    if (changed || before.isEmpty()) events.warning(sk, eventReason, message);
    return done(sk, s, backoff(sk));
  }

  private UpdateControl<SidekickIntegration> notReady(SidekickIntegration sk, boolean failure) {
    readyFromParts(sk);
    return done(sk, sk.getStatus(), failure ? backoff(sk) : config.progressInterval());
  }

  private Duration backoff(SidekickIntegration sk) {
    int n = failures.merge(sk.getMetadata().getUid(), 1, Integer::sum);
    long millis = config.errorBackoff().toMillis() * (1L << Math.min(n - 1, 10));
    return Duration.ofMillis(Math.min(millis, config.resyncInterval().toMillis()));
  }

  private static UpdateControl<SidekickIntegration> done(
      SidekickIntegration sk, SidekickIntegrationStatus status, Duration next) {
    status.observedGeneration = sk.getMetadata().getGeneration();
    status.endpointCount = sk.getSpec().endpoints == null ? 0 : sk.getSpec().endpoints.size();
    if (status.webhookCount == null) status.webhookCount = 0;
    // nothing new to say: no write to the API server, just come back later
    String before = STATUS_BEFORE.get();
    STATUS_BEFORE.remove();
    if (before != null && before.equals(Serialization.asJson(status))) {
      return UpdateControl.<SidekickIntegration>noUpdate().rescheduleAfter(next.toMillis());
    }
    return UpdateControl.patchStatus(sk).rescheduleAfter(next.toMillis());
  }

  /**
   * The attempts are counted in memory, so a restarted operator or a new leader would start again from one:
   * the deletion timestamp, kept by Kubernetes, bounds the whole schedule of retries as well.
   */
  static boolean deletionRetriesSpent(
      int attempt, int max, Duration interval, String deletionTimestamp, Instant now) {
    // attempt k waits k intervals before the next: the whole schedule is 1 + 2 + ... + max intervals
    Duration schedule = interval.multipliedBy((long) max * (max + 1) / 2);
    return attempt >= max
        || (deletionTimestamp != null
            && !Instant.parse(deletionTimestamp).plus(schedule).isAfter(now));
  }

  private static String value(Secret secret, String key) {
    if (secret.getData() != null && secret.getData().get(key) != null) {
      return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8).trim();
    }
    if (secret.getStringData() != null && secret.getStringData().get(key) != null) {
      return secret.getStringData().get(key).trim();
    }
    return null;
  }

  @Override
  public DeleteControl cleanup(SidekickIntegration sk, Context<SidekickIntegration> context) {
    String uid = sk.getMetadata().getUid();
    failures.remove(uid);
    var spec = sk.getSpec();
    if (spec.webhooksOrDefault().deletionPolicyOrDefault() == DeletionPolicy.Orphan) {
      Set<String> ids = GladlyWebhooksDependent.statusIds(sk);
      if (!ids.isEmpty()) {
        events.normal(sk, EventReason.WEBHOOKS_ORPHANED, "deletionPolicy Orphan: left Gladly webhooks " + String.join(", ", ids.stream().sorted().toList()));
      }
      deletionAttempts.remove(uid);
      return DeleteControl.defaultDelete();
    }
    List<String> leftBehind;
    String why;
    try {
      Secret secret = context.getSecondaryResource(Secret.class, CREDENTIALS_SOURCE).orElse(null);
      var ref = spec.gladly.credentialsSecretRef;
      String email = secret == null ? null : value(secret, ref.emailKeyOrDefault());
      String token = secret == null ? null : value(secret, ref.tokenKeyOrDefault());
      if (email == null || token == null) {
        throw new GladlyException("credentials Secret " + ref.name + " is gone or incomplete;", 0, List.of(), null);
      }
      GladlyClient gladly = gladlyClients.forOrganization(spec.gladly.organizationUrl, email, token);
      leftBehind = GladlyWebhooksDependent.removeAll(sk, gladly, gladly.webhooks(), events);
      why = "Gladly kept failing";
    } catch (GladlyException e) {
      leftBehind = GladlyWebhooksDependent.statusIds(sk).stream().sorted().toList();
      why = e.getMessage();
    }
    if (leftBehind.isEmpty()) {
      deletionAttempts.remove(uid);
      return DeleteControl.defaultDelete();
    }
    int attempt = deletionAttempts.merge(uid, 1, Integer::sum);
    if (deletionRetriesSpent(attempt, config.deletionMaxAttempts(), config.deletionRetryInterval(),
        sk.getMetadata().getDeletionTimestamp(), Instant.now())) {
      deletionAttempts.remove(uid);
      events.warning(
          sk,
          EventReason.WEBHOOKS_LEFT_BEHIND,
          "Gave up deleting Gladly webhooks after " + attempt + " attempts (" + why + "); left behind: "
              + String.join(", ", leftBehind) + ". Disable and delete them in Gladly (Settings > Webhooks).");
      return DeleteControl.defaultDelete();
    }
    LOG.infof(
        "%s/%s: %d webhooks not yet deleted (attempt %d of %d): %s",
        sk.getMetadata().getNamespace(), sk.getMetadata().getName(), leftBehind.size(), attempt,
        config.deletionMaxAttempts(), why);
    return DeleteControl.noFinalizerRemoval()
        .rescheduleAfter(config.deletionRetryInterval().toMillis() * attempt);
  }
}
