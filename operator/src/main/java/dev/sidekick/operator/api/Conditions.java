package dev.sidekick.operator.api;

/** Condition types and reasons a user reads in `kubectl describe`. */
public final class Conditions {
  public static final String CREDENTIALS_VALID = "CredentialsValid";
  public static final String INBOXES_RESOLVED = "InboxesResolved";
  /** Present when an endpoint has a commerce backend: each shop answers Sidekick's token with the scopes it needs. */
  public static final String COMMERCE_BACKENDS_VALID = "CommerceBackendsValid";
  public static final String RUNTIME_AVAILABLE = "RuntimeAvailable";
  public static final String WEBHOOKS_REGISTERED = "WebhooksRegistered";
  /** The runtime's check of each knowledge base against its own examples; not part of Ready. */
  public static final String KNOWLEDGE_BASE_CHECKED = "KnowledgeBaseChecked";
  /** Present when spec.runtime.monitoring.podMonitor is enabled; not part of Ready (the runtime answers unwatched). */
  public static final String POD_MONITOR_CREATED = "PodMonitorCreated";
  public static final String READY = "Ready";

  /** Reasons. */
  public static final class Reason {
    public static final String VERIFIED = "Verified";
    public static final String SECRET_NOT_FOUND = "SecretNotFound";
    public static final String SECRET_KEY_MISSING = "SecretKeyMissing";
    public static final String UNAUTHORIZED = "Unauthorized";
    public static final String FORBIDDEN = "Forbidden";
    public static final String AGENT_NOT_FOUND = "AgentNotFound";
    public static final String GLADLY_UNAVAILABLE = "GladlyUnavailable";
    public static final String RESOLVED = "Resolved";
    public static final String INBOX_NOT_FOUND = "InboxNotFound";
    public static final String INBOX_DISABLED = "InboxDisabled";
    public static final String INBOX_AMBIGUOUS = "InboxAmbiguous";
    public static final String AVAILABLE = "Available";
    public static final String DEPLOYMENT_UNAVAILABLE = "DeploymentUnavailable";
    public static final String REGISTERED = "Registered";
    public static final String REGISTERED_WITH_FALLBACK = "RegisteredWithFallback";
    public static final String WAITING_FOR_RUNTIME = "WaitingForRuntime";
    public static final String WEBHOOK_LIMIT_EXCEEDED = "WebhookLimitExceeded";
    public static final String REGISTRATION_FAILED = "RegistrationFailed";
    public static final String INVALID_SPEC = "InvalidSpec";
    public static final String SHOPIFY_UNAUTHORIZED = "ShopifyUnauthorized";
    public static final String SHOPIFY_SCOPE_MISSING = "ShopifyScopeMissing";
    public static final String SHOPIFY_FORBIDDEN = "ShopifyForbidden";
    public static final String SHOP_UNAVAILABLE = "ShopUnavailable";
    public static final String SHOP_NOT_FOUND = "ShopNotFound";
    public static final String SHOP_UNREACHABLE = "ShopUnreachable";
    public static final String SHOPIFY_NOT_ANSWERING = "ShopifyNotAnswering";
    public static final String RESOURCES_FAILED = "ResourcesFailed";
    public static final String SUSPENDED = "Suspended";
    public static final String NOT_CHECKED = "NotChecked";
    public static final String CHECKED = "Checked";
    public static final String EXAMPLES_ANSWERED_WRONGLY = "ExamplesAnsweredWrongly";
    public static final String NOT_REPORTED = "NotReported";
    public static final String RUNTIME_UNREACHABLE = "RuntimeUnreachable";
    public static final String CREATED = "Created";
    public static final String POD_MONITOR_CRD_MISSING = "PodMonitorCrdMissing";
    public static final String READY = "Ready";
    public static final String NOT_READY = "NotReady";

    private Reason() {}
  }

  /** Kubernetes Event reasons. */
  public static final class EventReason {
    public static final String WEBHOOK_CREATED = "WebhookCreated";
    public static final String WEBHOOK_UPDATED = "WebhookUpdated";
    public static final String WEBHOOK_DELETED = "WebhookDeleted";
    public static final String WEBHOOKS_ORPHANED = "WebhooksOrphaned";
    public static final String WEBHOOKS_LEFT_BEHIND = "WebhooksLeftBehind";
    public static final String WEBHOOK_ADOPTED = "WebhookAdopted";
    public static final String WEBHOOK_NOT_ADOPTED = "WebhookNotAdopted";
    public static final String MESSAGING_EVENT_FALLBACK = "MessagingEventFallback";
    public static final String INVALID_SPEC = "InvalidSpec";
    public static final String CREDENTIALS_INVALID = "CredentialsInvalid";
    public static final String INBOXES_UNRESOLVED = "InboxesUnresolved";
    public static final String COMMERCE_BACKEND_INVALID = "CommerceBackendInvalid";
    public static final String KEYS_ROTATED = "KeysRotated";
    public static final String KNOWLEDGE_BASE_EXAMPLES_WRONG = "KnowledgeBaseExamplesWrong";
    public static final String POD_MONITOR_NOT_CREATED = "PodMonitorNotCreated";

    private EventReason() {}
  }

  private Conditions() {}
}
