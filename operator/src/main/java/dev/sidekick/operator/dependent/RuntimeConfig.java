package dev.sidekick.operator.dependent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.sidekick.operator.api.Channel;
import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.ResponderSpec;
import dev.sidekick.operator.api.SidekickIntegration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Renders the runtime's configuration file (docs/runtime-config.md, schema version 1) and says where the
 * runtime finds its mounted files.
 */
public final class RuntimeConfig {
  public static final String FILE = "runtime.yaml";
  public static final String CONFIG_DIR = "/etc/sidekick/config";
  public static final String KEYS_DIR = "/etc/sidekick/keys";
  public static final String CREDENTIALS_DIR = "/etc/sidekick/gladly";
  public static final String DEFAULT_KB_FILE = "kb-default.yaml";
  public static final String TRUSTED_CA_FILE = "gladly-ca.pem";

  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private RuntimeConfig() {}

  public static String kbFile(String endpoint) {
    return "kb-" + endpoint + ".yaml";
  }

  /** The ConfigMap's data: runtime.yaml plus each knowledge base it points at. */
  public static Map<String, String> data(SidekickIntegration sk, ReconcileInputs in) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put(FILE, render(sk, in));
    data.putAll(in.knowledgeBases());
    if (in.trustedCaPem() != null) data.put(TRUSTED_CA_FILE, in.trustedCaPem());
    return data;
  }

  static String render(SidekickIntegration sk, ReconcileInputs in) {
    var spec = sk.getSpec();
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("version", 1);
    Map<String, Object> gladly = new LinkedHashMap<>();
    gladly.put("baseUrl", spec.gladly.organizationUrl);
    // Insertion-ordered maps only: the text is hashed into the pod template, and Map.of() iterates in an
    // order that differs between JVMs, so a restarted operator would roll every runtime.
    Map<String, Object> credentials = new LinkedHashMap<>();
    credentials.put("emailFile", CREDENTIALS_DIR + "/email");
    credentials.put("tokenFile", CREDENTIALS_DIR + "/token");
    gladly.put("credentials", credentials);
    if (in.agentId() != null) gladly.put("agentId", in.agentId());
    if (in.trustedCaPem() != null) gladly.put("trustedCaFile", CONFIG_DIR + "/" + TRUSTED_CA_FILE);
    root.put("gladly", gladly);
    if (spec.persona != null && spec.persona.name != null) {
      root.put("persona", Map.of("name", spec.persona.name));
    }
    root.put("keysDir", KEYS_DIR);
    if (in.knowledgeBases().containsKey(DEFAULT_KB_FILE)) {
      root.put("responder", knowledgeBase(DEFAULT_KB_FILE));
    }
    List<Map<String, Object>> endpoints =
        spec.endpoints.stream()
            .map(
                (EndpointSpec e) -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("name", e.name);
                  m.put("channels", new TreeSet<>(e.channels).stream().map(Channel::name).toList());
                  if (e.handoffInbox != null && in.inboxIds().containsKey(e.handoffInbox)) {
                    m.put("handoffInboxId", in.inboxIds().get(e.handoffInbox));
                  }
                  if (in.knowledgeBases().containsKey(kbFile(e.name))) {
                    m.put("responder", knowledgeBase(kbFile(e.name)));
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

  private static Map<String, Object> knowledgeBase(String file) {
    return Map.of("knowledgeBase", Map.of("file", CONFIG_DIR + "/" + file));
  }

  /** Knowledge-base references of a resource: file name in our ConfigMap → (ConfigMap name, key). */
  public static Map<String, ResponderSpec.ConfigMapKeyRef> knowledgeBaseRefs(SidekickIntegration sk) {
    Map<String, ResponderSpec.ConfigMapKeyRef> refs = new LinkedHashMap<>();
    if (sk.getSpec().responder != null && sk.getSpec().responder.configMapRef() != null) {
      refs.put(DEFAULT_KB_FILE, sk.getSpec().responder.configMapRef());
    }
    for (EndpointSpec e : sk.getSpec().endpoints) {
      if (e.responder != null && e.responder.configMapRef() != null) {
        refs.put(kbFile(e.name), e.responder.configMapRef());
      }
    }
    return refs;
  }
}
