package dev.sidekick.operator.dependent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.sidekick.contract.Channel;
import dev.sidekick.contract.ShopifyShop;
import dev.sidekick.operator.api.CommerceSpec;
import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.ResponderSpec;
import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.api.StoreSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Renders the runtime's configuration file (docs/runtime-config.md, schema version 1) for the files the pod
 * mounts ({@link Mounts}). The runtime's ConfigLoader reads it: the contract test in contract-test/ renders it
 * here and loads it there.
 */
public final class RuntimeConfig {
  public static final String FILE = "runtime.yaml";
  public static final String CONFIG_DIR = "/etc/sidekick/config";
  public static final String KEYS_DIR = "/etc/sidekick/keys";
  public static final String CREDENTIALS_DIR = "/etc/sidekick/gladly";
  public static final String STORE_DIR = "/etc/sidekick/store";
  /** The CAs of Redis's certificate (spec.runtime.store.redis.caSecretRef): a volume of its own, beside STORE_DIR's. */
  public static final String STORE_CA_DIR = "/etc/sidekick/store-ca";
  /** The Sentinels' own credentials, apart from the data nodes' (STORE_DIR). */
  public static final String SENTINEL_DIR = "/etc/sidekick/sentinel";
  /** Each endpoint's shop token, at {@code {COMMERCE_DIR}/{endpoint}/token}. */
  public static final String COMMERCE_DIR = "/etc/sidekick/commerce";
  public static final String API_KEYS_DIR = "/etc/sidekick/api-keys";
  /** The extra CAs the operator trusts for Gladly, which the runtime must trust too (beside runtime.yaml). */
  public static final String TRUSTED_CA_FILE = "gladly-ca.pem";
  /** The file of the store's CAs in {@link #STORE_CA_DIR}, whatever the key in the user's Secret. */
  public static final String STORE_CA_FILE = "ca.crt";

  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  /**
   * Where the runtime finds its files: the ConfigMap, the keys Secret, the credentials Secret, the store's
   * credentials (the data nodes', the Sentinels', the CAs), the shops' tokens and the responders' API keys
   * ({@link ApiKeys}).
   */
  public record Mounts(
      String configDir, String keysDir, String credentialsDir, String storeDir, String storeCaDir, String sentinelDir,
      String commerceDir, String apiKeysDir) {
    /** The runtime Deployment's volume mounts. */
    public static final Mounts POD = new Mounts(
        CONFIG_DIR, KEYS_DIR, CREDENTIALS_DIR, STORE_DIR, STORE_CA_DIR, SENTINEL_DIR, COMMERCE_DIR, API_KEYS_DIR);

    /** The same layout under another root (a test's temporary directory standing in for the pod's file system). */
    public Mounts under(String root) {
      return new Mounts(root + configDir, root + keysDir, root + credentialsDir, root + storeDir, root + storeCaDir,
          root + sentinelDir, root + commerceDir, root + apiKeysDir);
    }

    /** Relative to {@link #commerceDir}: where an endpoint's shop token is mounted. */
    public static String commerceTokenPath(String endpoint) {
      return endpoint + "/token";
    }

    public String commerceTokenFile(String endpoint) {
      return commerceDir + "/" + commerceTokenPath(endpoint);
    }

    public String configFile() {
      return configDir + "/" + FILE;
    }

    public String emailFile() {
      return credentialsDir + "/email";
    }

    public String tokenFile() {
      return credentialsDir + "/token";
    }

    public String storePasswordFile() {
      return storeDir + "/password";
    }

    public String storeUsernameFile() {
      return storeDir + "/username";
    }

    public String storeCaFile() {
      return storeCaDir + "/" + STORE_CA_FILE;
    }

    public String sentinelPasswordFile() {
      return sentinelDir + "/password";
    }

    public String sentinelUsernameFile() {
      return sentinelDir + "/username";
    }
  }

  private RuntimeConfig() {}

  /** The runtime ConfigMap's data: runtime.yaml plus each knowledge base it points at. */
  public static Map<String, String> data(SidekickIntegration sk, IntegrationFacts facts, Mounts mounts) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put(FILE, render(sk, facts, mounts));
    data.putAll(facts.knowledgeBases());
    if (facts.trustedCaPem() != null) data.put(TRUSTED_CA_FILE, facts.trustedCaPem());
    return data;
  }

  static String render(SidekickIntegration sk, IntegrationFacts facts, Mounts mounts) {
    var spec = sk.getSpec();
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("version", 1);
    Map<String, Object> gladly = new LinkedHashMap<>();
    gladly.put("baseUrl", spec.gladly.organizationUrl);
    // Insertion-ordered maps only: the text is hashed into the pod template, and Map.of() iterates in an
    // order that differs between JVMs, so a restarted operator would roll every runtime.
    Map<String, Object> credentials = new LinkedHashMap<>();
    credentials.put("emailFile", mounts.emailFile());
    credentials.put("tokenFile", mounts.tokenFile());
    gladly.put("credentials", credentials);
    if (facts.agentId() != null) gladly.put("agentId", facts.agentId());
    if (facts.trustedCaPem() != null) gladly.put("trustedCaFile", mounts.configDir() + "/" + TRUSTED_CA_FILE);
    root.put("gladly", gladly);
    if (spec.persona != null && spec.persona.name != null) {
      root.put("persona", Map.of("name", spec.persona.name));
    }
    root.put("keysDir", mounts.keysDir());
    var runtime = spec.runtimeOrDefault();
    root.put("replicas", runtime.replicasOrDefault());
    if (runtime.store != null && runtime.store.redis != null) root.put("store", store(runtime.store.redis, mounts));
    if (facts.knowledgeBases().containsKey(KnowledgeBases.DEFAULT_FILE)) {
      root.put("responder", responder(spec.responder, KnowledgeBases.DEFAULT_FILE, "responder", mounts));
    }
    List<Map<String, Object>> endpoints =
        spec.endpoints.stream()
            .map(
                (EndpointSpec e) -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("name", e.name);
                  // live is the runtime's default: left out, so that live endpoints render (and hash) as before
                  if (e.modeOrDefault() == EndpointSpec.Mode.SHADOW) m.put("mode", EndpointSpec.Mode.SHADOW.value());
                  m.put("channels", new TreeSet<>(e.channels).stream().map(Channel::name).toList());
                  if (e.chatEntryPoints != null && !e.chatEntryPoints.isEmpty()) {
                    m.put("chatEntryPoints", e.chatEntryPoints.stream().map(String::trim).toList());
                  }
                  if (e.handoffInbox != null && facts.inboxIds().containsKey(e.handoffInbox)) {
                    m.put("handoffInboxId", facts.inboxIds().get(e.handoffInbox));
                  }
                  if (facts.knowledgeBases().containsKey(KnowledgeBases.file(e.name))) {
                    m.put("responder",
                        responder(e.responder, KnowledgeBases.file(e.name), ApiKeys.endpointDir(e.name), mounts));
                  }
                  if (e.commerce != null && facts.commerceEndpoints().contains(e.name)) {
                    m.put("commerce", commerce(e.name, e.commerce, mounts));
                  }
                  return m;
                })
            .toList();
    root.put("endpoints", endpoints);
    try {
      return YAML.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render runtime.yaml", e);
    }
  }

  /**
   * The shared store: its address (a URL, or the Sentinels that name the primary) here, its credentials and CAs in files
   * mounted from the user's Secrets. The Sentinel's fields the spec leaves out are left out: the runtime's defaults.
   */
  private static Map<String, Object> store(StoreSpec.Redis redis, Mounts mounts) {
    Map<String, Object> r = new LinkedHashMap<>();
    if (redis.url != null) r.put("url", redis.url);
    if (redis.sentinel != null) r.put("sentinel", sentinel(redis.sentinel, mounts));
    credentialFiles(r, redis.credentialsSecretRef, mounts.storeUsernameFile(), mounts.storePasswordFile());
    if (redis.caSecretRef != null) r.put("caFile", mounts.storeCaFile());
    Map<String, Object> store = new LinkedHashMap<>();
    store.put("redis", r);
    return store;
  }

  private static Map<String, Object> sentinel(StoreSpec.Sentinel sentinel, Mounts mounts) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("masterName", sentinel.masterName);
    s.put("hosts", List.copyOf(sentinel.hosts));
    if (sentinel.database != null) s.put("database", sentinel.database);
    if (sentinel.tls != null) s.put("tls", sentinel.tls);
    credentialFiles(s, sentinel.credentialsSecretRef, mounts.sentinelUsernameFile(), mounts.sentinelPasswordFile());
    if (sentinel.waitForReplicas != null) s.put("waitForReplicas", sentinel.waitForReplicas);
    return s;
  }

  /** An ACL user (when its key is named) and a password, as the files a Secret is mounted to. */
  private static void credentialFiles(
      Map<String, Object> into, StoreSpec.Credentials ref, String usernameFile, String passwordFile) {
    if (ref == null) return;
    if (ref.usernameKey != null) into.put("usernameFile", usernameFile);
    into.put("passwordFile", passwordFile);
  }

  /** An endpoint's shop: its address by the rule the runtime checks (contract ShopifyShop), its token as a file. */
  private static Map<String, Object> commerce(String endpoint, CommerceSpec commerce, Mounts mounts) {
    Map<String, Object> shopify = new LinkedHashMap<>();
    shopify.put("shopUrl", ShopifyShop.url(commerce.shopify.shopDomain).toString());
    shopify.put("apiVersion", commerce.shopify.apiVersionOrDefault());
    shopify.put("accessTokenFile", mounts.commerceTokenFile(endpoint));
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("shopify", shopify);
    c.put("returnWindowDays", commerce.returnWindowDaysOrDefault());
    if (commerce.returnsUrl != null) c.put("returnsUrl", commerce.returnsUrl);
    return c;
  }

  /**
   * A responder of either kind, its knowledge base in {@code file} of the ConfigMap, its API keys in the files
   * {@link ApiKeys} mounts under {@code keyDir}. Fields the spec leaves out are left out: the runtime's defaults.
   */
  private static Map<String, Object> responder(ResponderSpec spec, String file, String keyDir, Mounts mounts) {
    Map<String, Object> kb = knowledgeBase(spec == null ? null : spec.knowledgeBaseOfEitherKind(), file, keyDir, mounts);
    var cc = spec == null ? null : spec.chatCompletions;
    if (cc == null) return Map.of("knowledgeBase", kb);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("url", cc.url);
    m.put("model", cc.model);
    if (cc.apiKeySecretRef != null) m.put("apiKeyFile", mounts.apiKeysDir() + "/" + ApiKeys.chatCompletionsFile(keyDir));
    if (cc.timeout != null) m.put("timeout", cc.timeout);
    if (cc.maxAnswerLength != null) m.put("maxAnswerLength", cc.maxAnswerLength);
    m.put("knowledgeBase", kb);
    return Map.of("chatCompletions", m);
  }

  private static Map<String, Object> knowledgeBase(
      ResponderSpec.KnowledgeBaseSpec spec, String file, String keyDir, Mounts mounts) {
    Map<String, Object> kb = new LinkedHashMap<>();
    kb.put("file", mounts.configDir() + "/" + file);
    var e = spec == null ? null : spec.embeddings;
    if (e != null) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("url", e.url);
      m.put("model", e.model);
      if (e.apiKeySecretRef != null) m.put("apiKeyFile", mounts.apiKeysDir() + "/" + ApiKeys.embeddingsFile(keyDir));
      if (e.timeout != null) m.put("timeout", e.timeout);
      kb.put("embeddings", m);
    }
    return kb;
  }
}
