package dev.sidekick.gladlysim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * How the simulator starts and behaves. Fluent and mutable: the behaviour switches may also be changed while it runs
 * ({@code sim.options().rateLimitEnabled(false)}); {@link GladlySimulator#reset()} does not touch them.
 */
public final class SimOptions {
  /** Whether the rate limit counts each HTTP method separately (Gladly's table lists one row per method) or all together. */
  public enum RateLimitScope {
    PER_METHOD,
    TOTAL
  }

  private volatile String seed = "acme";
  private volatile String host = "127.0.0.1";
  private volatile int port = 0;
  private volatile boolean tls;
  private volatile Path tlsCertFile;
  private volatile Path tlsKeyFile;
  private final List<WebhookRoute> webhookRoutes = new CopyOnWriteArrayList<>();
  private volatile boolean rateLimitEnabled = true;
  private volatile int rateLimitPerSecond = 10;
  private volatile RateLimitScope rateLimitScope = RateLimitScope.PER_METHOD;
  private volatile boolean allowHttpLoopbackWebhooks;
  private volatile Duration pingTimeout = Duration.ofSeconds(15);
  private volatile Duration deliveryTimeout = Duration.ofSeconds(15);
  private volatile Duration idleTimeout = Duration.ofMinutes(5);
  private volatile Duration faultTimeoutHold = Duration.ofSeconds(60);
  private volatile boolean acceptLegacyMessageReceived = true;
  private volatile boolean pingCarriesAuth = true;
  private volatile int maxWebhooks = 20;
  private volatile int apiCallLogSize = 10_000;
  private volatile Duration eventsApiLag = Duration.ofSeconds(15);
  private volatile Duration eventsApiWindow = Duration.ofHours(24);
  private volatile String automationEventsEntity = "CONVERSATION";
  private volatile int eventHistorySize = 50_000;

  public static SimOptions defaults() {
    return new SimOptions();
  }

  /** A seed: a file path, a classpath resource, or a short name ("acme" = classpath {@code sim/acme.yaml}). */
  public SimOptions seed(String nameOrPath) {
    this.seed = nameOrPath;
    return this;
  }

  public String seed() {
    return seed;
  }

  public SimOptions host(String host) {
    this.host = host;
    return this;
  }

  public String host() {
    return host;
  }

  /** 0 = a random free port. */
  public SimOptions port(int port) {
    this.port = port;
    return this;
  }

  public int port() {
    return port;
  }

  /** Serve HTTPS with a self-signed certificate ({@link GladlySimulator#trustPem()}). */
  public SimOptions tls(boolean tls) {
    this.tls = tls;
    return this;
  }

  public boolean tls() {
    return tls;
  }

  /**
   * Serve HTTPS with this certificate chain and private key (PEM files) instead of a self-signed one for "localhost":
   * for a simulator that others reach by a name of their own, e.g. a Service in a cluster. Implies {@link #tls(boolean)}.
   */
  public SimOptions tlsCertificate(Path certificateChainPem, Path privateKeyPem) {
    this.tlsCertFile = certificateChainPem;
    this.tlsKeyFile = privateKeyPem;
    this.tls = true;
    return this;
  }

  /** The certificate chain of {@link #tlsCertificate}, or null for a self-signed certificate. */
  public Path tlsCertFile() {
    return tlsCertFile;
  }

  public Path tlsKeyFile() {
    return tlsKeyFile;
  }

  /**
   * A public URL prefix and where the simulator really sends what is addressed below it, as DNS and an ingress (or a
   * load balancer) would on the internet: webhook URLs stay as registered ({@code https://hooks.acme.example/...}, checked
   * by Gladly's rules) while PINGs and deliveries go to {@code target} + the rest of the URL (e.g.
   * {@code http://acme-sidekick.support.svc.cluster.local}). The longest matching prefix wins.
   */
  public SimOptions webhookRoute(String publicPrefix, String target) {
    webhookRoutes.add(new WebhookRoute(publicPrefix, target));
    return this;
  }

  public List<WebhookRoute> webhookRoutes() {
    return List.copyOf(webhookRoutes);
  }

  /** Where a request to {@code url} is really sent: the target of the longest route whose prefix matches, or the URL. */
  public String routed(String url) {
    WebhookRoute best = null;
    for (WebhookRoute r : webhookRoutes) {
      if (r.matches(url) && (best == null || r.publicPrefix().length() > best.publicPrefix().length())) best = r;
    }
    return best == null ? url : best.target() + url.substring(best.publicPrefix().length());
  }

  /** One {@link #webhookRoute}: a public URL prefix (scheme, host, optional path) and the URL it stands for. */
  public record WebhookRoute(String publicPrefix, String target) {
    public WebhookRoute {
      publicPrefix = stripSlash(publicPrefix);
      target = stripSlash(target);
      if (!publicPrefix.matches("https?://[^/]+(/.*)?")) throw new IllegalArgumentException("not a URL prefix: " + publicPrefix);
      if (!target.matches("https?://[^/]+(/.*)?")) throw new IllegalArgumentException("not a URL: " + target);
    }

    /** The prefix matches whole path segments only: https://a.example/x matches .../x and .../x/y, not .../xy. */
    boolean matches(String url) {
      return url.equals(publicPrefix) || url.startsWith(publicPrefix + "/") || url.startsWith(publicPrefix + "?");
    }

    private static String stripSlash(String s) {
      return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
  }

  public SimOptions rateLimitEnabled(boolean enabled) {
    this.rateLimitEnabled = enabled;
    return this;
  }

  public boolean rateLimitEnabled() {
    return rateLimitEnabled;
  }

  public SimOptions rateLimitPerSecond(int perSecond) {
    this.rateLimitPerSecond = perSecond;
    return this;
  }

  public int rateLimitPerSecond() {
    return rateLimitPerSecond;
  }

  public SimOptions rateLimitScope(RateLimitScope scope) {
    this.rateLimitScope = scope;
    return this;
  }

  public RateLimitScope rateLimitScope() {
    return rateLimitScope;
  }

  /** Allow plain {@code http://} webhook URLs on loopback hosts (127.0.0.1, localhost, ::1); Gladly itself requires HTTPS. */
  public SimOptions allowHttpLoopbackWebhooks(boolean allow) {
    this.allowHttpLoopbackWebhooks = allow;
    return this;
  }

  public boolean allowHttpLoopbackWebhooks() {
    return allowHttpLoopbackWebhooks;
  }

  /** How long a webhook URL has to answer a PING with 200 (Gladly: 15 s). */
  public SimOptions pingTimeout(Duration timeout) {
    this.pingTimeout = timeout;
    return this;
  }

  public Duration pingTimeout() {
    return pingTimeout;
  }

  /** How long a webhook URL has to answer a delivery with 2xx (Gladly: 15 s). */
  public SimOptions deliveryTimeout(Duration timeout) {
    this.deliveryTimeout = timeout;
    return this;
  }

  public Duration deliveryTimeout() {
    return deliveryTimeout;
  }

  /** Quiet time after which an automation session closes without routing (Gladly: 5 minutes), on the simulated clock. */
  public SimOptions idleTimeout(Duration timeout) {
    this.idleTimeout = timeout;
    return this;
  }

  public Duration idleTimeout() {
    return idleTimeout;
  }

  /** How long an injected timeout fault holds a request before dropping the connection. */
  public SimOptions faultTimeoutHold(Duration hold) {
    this.faultTimeoutHold = hold;
    return this;
  }

  public Duration faultTimeoutHold() {
    return faultTimeoutHold;
  }

  /** Accept the deprecated {@code MESSAGE/RECEIVED} in a webhook's events (absent from the 2025 spec). */
  public SimOptions acceptLegacyMessageReceived(boolean accept) {
    this.acceptLegacyMessageReceived = accept;
    return this;
  }

  public boolean acceptLegacyMessageReceived() {
    return acceptLegacyMessageReceived;
  }

  /** Send the webhook's headers and Basic credentials with PINGs too (undocumented; Gladly says "each request"). */
  public SimOptions pingCarriesAuth(boolean carries) {
    this.pingCarriesAuth = carries;
    return this;
  }

  public boolean pingCarriesAuth() {
    return pingCarriesAuth;
  }

  public SimOptions maxWebhooks(int max) {
    this.maxWebhooks = max;
    return this;
  }

  public int maxWebhooks() {
    return maxWebhooks;
  }

  /** How many API calls the call log keeps (oldest dropped first). */
  public SimOptions apiCallLogSize(int size) {
    this.apiCallLogSize = size;
    return this;
  }

  public int apiCallLogSize() {
    return apiCallLogSize;
  }

  /** How far behind real time the Events API is (Gladly: "up to 15 seconds"): newer events are not served yet. */
  public SimOptions eventsApiLag(Duration lag) {
    this.eventsApiLag = lag;
    return this;
  }

  public Duration eventsApiLag() {
    return eventsApiLag;
  }

  /** How far back the Events API's {@code startAt} may reach (Gladly: the last 24 hours). */
  public SimOptions eventsApiWindow(Duration window) {
    this.eventsApiWindow = window;
    return this;
  }

  public Duration eventsApiWindow() {
    return eventsApiWindow;
  }

  /**
   * The Events API entity under which {@code AUTOMATION/*} events are served. Gladly lists them among the Events API's
   * answers but names no entity for them (inferred: {@code CONVERSATION}; {@code CONTACT}, or null for not served).
   */
  public SimOptions automationEventsEntity(String entity) {
    this.automationEventsEntity = entity;
    return this;
  }

  public String automationEventsEntity() {
    return automationEventsEntity;
  }

  /** How many events each organization keeps for the Events API (Gladly keeps 24 hours; the oldest go first). */
  public SimOptions eventHistorySize(int size) {
    this.eventHistorySize = size;
    return this;
  }

  public int eventHistorySize() {
    return eventHistorySize;
  }

  @Override
  public String toString() {
    return "SimOptions[seed=" + seed + ", port=" + port + ", tls=" + tls + (tlsCertFile != null ? " (" + tlsCertFile + ")" : "")
        + (webhookRoutes.isEmpty() ? "" : ", routes=" + webhookRoutes) + ", rateLimit=" + (rateLimitEnabled ? rateLimitPerSecond + "/s " + rateLimitScope : "off")
        + ", httpLoopbackWebhooks=" + allowHttpLoopbackWebhooks + ", pingTimeout=" + pingTimeout + ", deliveryTimeout=" + deliveryTimeout + "]";
  }
}
