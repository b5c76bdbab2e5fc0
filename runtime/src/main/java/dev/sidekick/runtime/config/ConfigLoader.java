package dev.sidekick.runtime.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sidekick.contract.Channel;
import dev.sidekick.contract.ShopifyShop;
import dev.sidekick.contract.WebhookKeys;
import dev.sidekick.contract.WebhookRoute;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates the runtime configuration (docs/runtime-config.md). Relative paths are resolved
 * against the file's own directory. Secret files are checked for existence here, read elsewhere.
 */
public final class ConfigLoader {
  private static final Duration GLADLY_TIMEOUT = Duration.ofSeconds(15);
  private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.-]+:(\\d{1,5})");

  private ConfigLoader() {}

  public static RuntimeConfig load(Path file) {
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    JsonNode tree;
    try {
      tree = YamlNode.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": file not found (set SIDEKICK_CONFIG to the runtime configuration)");
    } catch (JsonProcessingException e) {
      throw new ConfigException(name + ": not valid YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot be read: " + e.getClass().getSimpleName());
    }
    Path base = file.toAbsolutePath().getParent();
    return parse(new YamlNode(name, "", tree), base);
  }

  static RuntimeConfig parse(YamlNode root, Path base) {
    root.object(Set.of(
        "version", "gladly", "persona", "handoff", "eventDeadline", "keysDir", "responder", "endpoints", "replicas",
        "store", "catchUp", "resolvedAfter"));
    int version = root.get("version").integer(1, 1, 1);
    assert version == 1;

    YamlNode g = root.get("gladly");
    if (!g.present()) {
      throw g.error("is required");
    }
    g.object(Set.of("baseUrl", "credentials", "agentId", "requestsPerSecond", "callTimeout", "trustedCaFile"));
    URI baseUrl = baseUrl(g.get("baseUrl"));
    YamlNode creds = g.get("credentials");
    if (!creds.present()) {
      throw creds.error("is required");
    }
    creds.object(Set.of("emailFile", "tokenFile"));
    Path emailFile = secretFile(creds.get("emailFile"), base);
    Path tokenFile = secretFile(creds.get("tokenFile"), base);
    Duration callTimeout = g.get("callTimeout").duration(Duration.ofSeconds(3));
    positive(g.get("callTimeout"), callTimeout);
    RuntimeConfig.Gladly gladly =
        new RuntimeConfig.Gladly(
            baseUrl,
            emailFile,
            tokenFile,
            g.get("agentId").optionalText(),
            g.get("requestsPerSecond").integer(10, 0, 100_000),
            callTimeout,
            trustedCaFile(g.get("trustedCaFile"), base));

    Optional<String> persona = Optional.empty();
    YamlNode p = root.get("persona");
    if (p.present()) {
      persona = p.object(Set.of("name")).get("name").optionalText();
    }
    String topic = "Sidekick: handed off";
    YamlNode h = root.get("handoff");
    if (h.present()) {
      topic = h.object(Set.of("topic")).get("topic").optionalText().orElse(topic);
    }

    YamlNode d = root.get("eventDeadline");
    Duration deadline = d.duration(Duration.ofSeconds(10));
    positive(d, deadline);
    if (deadline.compareTo(GLADLY_TIMEOUT) >= 0) {
      throw d.error("must stay under Gladly's 15s delivery timeout (got " + deadline.toSeconds() + "s)");
    }
    if (callTimeout.compareTo(deadline) > 0) {
      throw g.get("callTimeout").error("must not exceed eventDeadline");
    }

    YamlNode k = root.get("keysDir");
    Path keysDir = base.resolve(k.text());
    if (!Files.isDirectory(keysDir)) {
      throw k.error("not a directory: " + keysDir);
    }

    YamlNode r = root.get("responder");
    if (!r.present()) {
      throw r.error("is required (knowledgeBase or chatCompletions)");
    }
    ResponderSettings defaultResponder = responder(r, base);

    YamlNode eps = root.get("endpoints");
    if (!eps.present()) {
      throw eps.error("is required (at least one endpoint)");
    }
    List<YamlNode> items = eps.list();
    if (items.isEmpty()) {
      throw eps.error("must list at least one endpoint");
    }
    Set<String> names = new HashSet<>();
    Map<String, String> entryPoints = new HashMap<>();
    List<EndpointSettings> endpoints =
        items.stream().map(e -> endpoint(e, base, keysDir, defaultResponder, names, entryPoints, deadline)).toList();
    int replicas = root.get("replicas").integer(1, 1, 1000);
    Optional<RuntimeConfig.Store> store = store(root.get("store"), base);
    // an answer counts as resolved when the customer has not written again this long after it
    YamlNode ra = root.get("resolvedAfter");
    Duration resolvedAfter = ra.duration(Duration.ofHours(24));
    positive(ra, resolvedAfter);
    return new RuntimeConfig(gladly, persona, topic, deadline, keysDir, endpoints, replicas, store,
        catchUp(root.get("catchUp")), resolvedAfter);
  }

  private static Optional<RuntimeConfig.Store> store(YamlNode s, Path base) {
    if (!s.present()) {
      return Optional.empty();
    }
    s.object(Set.of("redis", "keyPrefix"));
    YamlNode r = s.get("redis");
    if (!r.present()) {
      throw r.error("is required (the only store there is)");
    }
    r.object(Set.of("url", "sentinel", "usernameFile", "passwordFile", "caFile", "timeout"));
    if (r.get("url").present() == r.get("sentinel").present()) {
      throw r.error("needs either url or sentinel (not both: with sentinel, the database and TLS are sentinel.database"
          + " and sentinel.tls)");
    }
    Optional<URI> url = r.get("url").present() ? Optional.of(redisUrl(r.get("url"))) : Optional.empty();
    Optional<RuntimeConfig.Sentinel> sentinel =
        r.get("sentinel").present() ? Optional.of(sentinel(r.get("sentinel"), base)) : Optional.empty();
    Optional<Path> username = optionalSecretFile(r.get("usernameFile"), base);
    Optional<Path> password = optionalSecretFile(r.get("passwordFile"), base);
    if (username.isPresent() && password.isEmpty()) {
      throw r.get("usernameFile").error("needs passwordFile too (an ACL user logs in with its password)");
    }
    Optional<Path> caFile = trustedCaFile(r.get("caFile"), base);
    Duration timeout = r.get("timeout").duration(Duration.ofSeconds(1));
    positive(r.get("timeout"), timeout);
    String prefix = s.get("keyPrefix").optionalText().orElse("sidekick");
    RuntimeConfig.Store store = new RuntimeConfig.Store(url, sentinel, username, password, caFile, prefix, timeout);
    if (caFile.isPresent() && !store.tls()) {
      throw r.get("caFile").error("is for TLS: use a rediss:// url (or sentinel.tls: true)");
    }
    return Optional.of(store);
  }

  private static URI redisUrl(YamlNode u) {
    URI url;
    try {
      url = new URI(u.text());
    } catch (URISyntaxException e) {
      throw u.error("must be a redis:// or rediss:// URL");
    }
    if (url.getScheme() == null || !(url.getScheme().equals("redis") || url.getScheme().equals("rediss"))
        || url.getHost() == null) {
      throw u.error("must be a redis:// or rediss:// URL (got \"" + u.text() + "\")");
    }
    if (url.getUserInfo() != null) {
      throw u.error("must not hold credentials: use usernameFile and passwordFile");
    }
    return url;
  }

  private static RuntimeConfig.Sentinel sentinel(YamlNode s, Path base) {
    s.object(Set.of("masterName", "hosts", "database", "tls", "usernameFile", "passwordFile", "waitForReplicas"));
    String masterName = s.get("masterName").text();
    if (masterName.chars().anyMatch(Character::isWhitespace)) {
      throw s.get("masterName").error("must be the name the Sentinels monitor, without spaces (got \"" + masterName + "\")");
    }
    YamlNode h = s.get("hosts");
    if (!h.present()) {
      throw h.error("is required: the Sentinels as host:port (three or more, on different nodes)");
    }
    List<String> hosts = new java.util.ArrayList<>();
    for (YamlNode item : h.list()) {
      String host = item.text();
      var m = HOST_PORT.matcher(host);
      if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > 65535) {
        throw item.error("must be host:port, without a scheme (got \"" + host + "\")");
      }
      if (hosts.contains(host)) {
        throw item.error("lists \"" + host + "\" twice");
      }
      hosts.add(host);
    }
    if (hosts.isEmpty()) {
      throw h.error("must list at least one Sentinel (three or more, on different nodes)");
    }
    Optional<Path> username = optionalSecretFile(s.get("usernameFile"), base);
    Optional<Path> password = optionalSecretFile(s.get("passwordFile"), base);
    if (username.isPresent() && password.isEmpty()) {
      throw s.get("usernameFile").error("needs passwordFile too (an ACL user logs in with its password)");
    }
    return new RuntimeConfig.Sentinel(masterName, List.copyOf(hosts), s.get("database").integer(0, 0, 1_000_000),
        s.get("tls").bool(false), username, password, s.get("waitForReplicas").integer(1, 0, 100));
  }

  private static Optional<Path> optionalSecretFile(YamlNode f, Path base) {
    return f.present() ? Optional.of(secretFile(f, base)) : Optional.empty();
  }

  private static RuntimeConfig.CatchUp catchUp(YamlNode c) {
    if (!c.present()) {
      return new RuntimeConfig.CatchUp(true, Duration.ofHours(24), Duration.ofSeconds(15));
    }
    c.object(Set.of("enabled", "lookBack", "lag"));
    boolean enabled = c.get("enabled").bool(true);
    Duration lookBack = c.get("lookBack").duration(Duration.ofHours(24));
    positive(c.get("lookBack"), lookBack);
    if (lookBack.compareTo(Duration.ofHours(24)) > 0) {
      throw c.get("lookBack").error("must be at most 24h (the Events API keeps 24 hours)");
    }
    Duration lag = c.get("lag").duration(Duration.ofSeconds(15));
    return new RuntimeConfig.CatchUp(enabled, lookBack, lag);
  }

  private static EndpointSettings endpoint(YamlNode e, Path base, Path keysDir, ResponderSettings defaultResponder,
      Set<String> names, Map<String, String> entryPoints, Duration deadline) {
    e.object(Set.of("name", "mode", "channels", "chatEntryPoints", "handoffInboxId", "basicAuth", "responder", "commerce"));
    YamlNode n = e.get("name");
    String name = n.text();
    if (!WebhookRoute.isEndpointName(name)) {
      throw n.error("must be a DNS label (got \"" + name + "\")");
    }
    if (!names.add(name)) {
      throw n.error("duplicate endpoint name \"" + name + "\"");
    }
    YamlNode c = e.get("channels");
    Set<Channel> channels = EnumSet.noneOf(Channel.class);
    for (YamlNode item : c.present() ? c.list() : List.<YamlNode>of()) {
      String value = item.text();
      channels.add(Channel.fromName(value).orElseThrow(() -> item.error("must be CHAT or MESSAGING (got \"" + value + "\")")));
    }
    if (channels.isEmpty()) {
      throw c.error("must list CHAT, MESSAGING or both");
    }
    YamlNode ep = e.get("chatEntryPoints");
    List<String> chatEntryPoints = ep.texts();
    if (!chatEntryPoints.isEmpty() && !channels.contains(Channel.CHAT)) {
      throw ep.error("is only for an endpoint whose channels include CHAT");
    }
    for (String address : chatEntryPoints) {
      String other = entryPoints.putIfAbsent(address, name);
      if (other != null) {
        throw ep.error("lists \"" + address + "\", which endpoint \"" + other + "\" lists too: a chat entry point belongs to one endpoint");
      }
    }
    Optional<String> inbox = e.get("handoffInboxId").optionalText();
    if (channels.contains(Channel.MESSAGING) && inbox.isEmpty()) {
      throw e.get("handoffInboxId").error("is required when channels include MESSAGING");
    }
    Optional<EndpointSettings.BasicAuthFiles> basic = Optional.empty();
    YamlNode b = e.get("basicAuth");
    if (b.present()) {
      b.object(Set.of("usernameFile", "passwordFile"));
      basic =
          Optional.of(
              new EndpointSettings.BasicAuthFiles(
                  secretFile(b.get("usernameFile"), base), secretFile(b.get("passwordFile"), base)));
    }
    Path key = keysDir.resolve(WebhookKeys.currentFile(name));
    if (!Files.isRegularFile(key)) {
      throw n.error("no key file for endpoint \"" + name + "\" (expected " + key + ")");
    }
    YamlNode r = e.get("responder");
    ResponderSettings responder = r.present() ? responder(r, base) : defaultResponder;
    YamlNode cm = e.get("commerce");
    Optional<CommerceSettings> commerce = cm.present() ? Optional.of(commerce(cm, base, deadline)) : Optional.empty();
    return new EndpointSettings(name, channels, chatEntryPoints, inbox, basic, responder, commerce, mode(e.get("mode")));
  }

  private static EndpointSettings.Mode mode(YamlNode m) {
    if (!m.present()) {
      return EndpointSettings.Mode.LIVE;
    }
    String value = m.text();
    for (EndpointSettings.Mode mode : EndpointSettings.Mode.values()) {
      if (mode.key().equals(value)) {
        return mode;
      }
    }
    throw m.error("must be live or shadow (got \"" + value + "\")");
  }

  private static CommerceSettings commerce(YamlNode c, Path base, Duration deadline) {
    c.object(Set.of("shopify", "returnWindowDays", "returnsUrl"));
    YamlNode s = c.get("shopify");
    if (!s.present()) {
      throw s.error("is required (the only commerce backend so far)");
    }
    s.object(Set.of("shopUrl", "apiVersion", "accessTokenFile", "callTimeout"));
    YamlNode u = s.get("shopUrl");
    URI shop = baseUrl(u);
    if (!shop.getScheme().equals("https") && !ShopifyShop.plainHttpAllowed(shop)) {
      throw u.error("must be https (the access token travels with every call); http only for a loopback simulator");
    }
    if (shop.getPath() != null && !shop.getPath().isEmpty()) {
      throw u.error("must be the shop's address without a path, e.g. https://acme.myshopify.com (got \"" + shop + "\")");
    }
    YamlNode v = s.get("apiVersion");
    String version = v.optionalText().orElse(ShopifyShop.DEFAULT_API_VERSION);
    if (!ShopifyShop.isApiVersion(version)) {
      throw v.error("must be a Shopify API version such as 2026-10 (YYYY-01/04/07/10) or unstable (got \"" + version + "\")");
    }
    Duration timeout = s.get("callTimeout").duration(Duration.ofSeconds(3));
    positive(s.get("callTimeout"), timeout);
    if (timeout.compareTo(deadline) > 0) {
      throw s.get("callTimeout").error("must not exceed eventDeadline");
    }
    CommerceSettings.Shopify shopify =
        new CommerceSettings.Shopify(shop, version, secretFile(s.get("accessTokenFile"), base), timeout);
    int window = c.get("returnWindowDays").integer(30, 0, 3650);
    Optional<URI> returnsUrl = c.get("returnsUrl").present() ? Optional.of(httpUrl(c.get("returnsUrl"))) : Optional.empty();
    return new CommerceSettings(shopify, window, returnsUrl);
  }

  private static ResponderSettings responder(YamlNode r, Path base) {
    r.object(Set.of("knowledgeBase", "chatCompletions"));
    YamlNode kb = r.get("knowledgeBase");
    YamlNode cc = r.get("chatCompletions");
    if (kb.present() == cc.present()) {
      throw r.error("must have exactly one of knowledgeBase, chatCompletions");
    }
    if (kb.present()) {
      return knowledgeBase(kb, base);
    }
    cc.object(Set.of("url", "model", "apiKeyFile", "timeout", "knowledgeBase", "maxAnswerLength"));
    YamlNode u = cc.get("url");
    URI url = httpUrl(u);
    Duration timeout = cc.get("timeout").duration(Duration.ofSeconds(5));
    positive(cc.get("timeout"), timeout);
    Optional<Path> apiKey =
        cc.get("apiKeyFile").present() ? Optional.of(secretFile(cc.get("apiKeyFile"), base)) : Optional.empty();
    YamlNode context = cc.get("knowledgeBase");
    if (!context.present()) {
      throw context.error("is required: the model answers only from what retrieval finds in it");
    }
    return new ResponderSettings.ChatCompletions(
        url, cc.get("model").text(), apiKey, timeout, knowledgeBase(context, base),
        cc.get("maxAnswerLength").integer(600, 50, 2048));
  }

  private static ResponderSettings.KnowledgeBase knowledgeBase(YamlNode kb, Path base) {
    kb.object(Set.of("file", "embeddings"));
    YamlNode f = kb.get("file");
    Path file = base.resolve(f.text());
    if (!Files.isReadable(file)) {
      throw f.error("cannot read knowledge base " + file);
    }
    YamlNode e = kb.get("embeddings");
    if (!e.present()) {
      return new ResponderSettings.KnowledgeBase(file);
    }
    e.object(Set.of("url", "model", "apiKeyFile", "timeout"));
    Duration timeout = e.get("timeout").duration(Duration.ofSeconds(2));
    positive(e.get("timeout"), timeout);
    Optional<Path> apiKey =
        e.get("apiKeyFile").present() ? Optional.of(secretFile(e.get("apiKeyFile"), base)) : Optional.empty();
    return new ResponderSettings.KnowledgeBase(
        file,
        Optional.of(new ResponderSettings.Embeddings(httpUrl(e.get("url")), e.get("model").text(), apiKey, timeout)));
  }

  private static URI baseUrl(YamlNode u) {
    URI uri = httpUrl(u);
    String s = uri.toString();
    return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : uri;
  }

  private static URI httpUrl(YamlNode u) {
    String value = u.text();
    try {
      URI uri = new URI(value);
      if (uri.getScheme() == null
          || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
          || uri.getHost() == null) {
        throw u.error("must be an http(s) URL (got \"" + value + "\")");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw u.error("must be an http(s) URL (got \"" + value + "\")");
    }
  }

  private static Path secretFile(YamlNode f, Path base) {
    Path file = base.resolve(f.text());
    if (!Files.isReadable(file)) {
      throw f.error("cannot read " + file);
    }
    return file;
  }

  /** Optional PEM of extra CAs for TLS (Gladly's, Redis's): it must hold at least one certificate, checked now rather than at the first call. */
  private static Optional<Path> trustedCaFile(YamlNode f, Path base) {
    if (!f.present()) return Optional.empty();
    Path file = secretFile(f, base);
    try {
      dev.sidekick.runtime.gladly.TrustedCertificates.read(file);
    } catch (java.io.IOException | java.security.cert.CertificateException e) {
      throw f.error("no PEM certificate in " + file + " (" + e.getMessage() + ")");
    }
    return Optional.of(file);
  }

  private static void positive(YamlNode n, Duration d) {
    if (d.isZero() || d.isNegative()) {
      throw n.error("must be positive");
    }
  }
}
