package dev.sidekick.contracttest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sidekick.contract.Channel;
import dev.sidekick.gladlysim.GladlySimulator;
import dev.sidekick.gladlysim.SimOptions;
import dev.sidekick.gladlysim.control.CustomerActions;
import dev.sidekick.gladlysim.delivery.Delivery;
import dev.sidekick.shopsim.ShopOptions;
import dev.sidekick.shopsim.ShopSimulator;
import dev.sidekick.operator.api.CommerceSpec;
import dev.sidekick.operator.api.CredentialsSecretRef;
import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.GladlySpec;
import dev.sidekick.operator.api.PersonaSpec;
import dev.sidekick.operator.api.ResponderSpec;
import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.api.SidekickIntegrationSpec;
import dev.sidekick.operator.api.WebhooksSpec;
import dev.sidekick.operator.config.OperatorConfig;
import dev.sidekick.operator.dependent.ApiKeys;
import dev.sidekick.operator.dependent.IntegrationFacts;
import dev.sidekick.operator.dependent.KeysSecretDependent;
import dev.sidekick.operator.dependent.KnowledgeBases;
import dev.sidekick.operator.dependent.RuntimeConfig;
import dev.sidekick.operator.dependent.RuntimeConfig.Mounts;
import dev.sidekick.operator.gladly.GladlyClient;
import dev.sidekick.operator.gladly.GladlyClients;
import dev.sidekick.operator.gladly.GladlyException;
import dev.sidekick.operator.gladly.GladlyModel;
import dev.sidekick.operator.knowledgebase.KnowledgeBaseChecks;
import dev.sidekick.operator.knowledgebase.RuntimeReadiness;
import dev.sidekick.operator.status.StatusCondition;
import dev.sidekick.operator.webhooks.DesiredWebhook;
import dev.sidekick.operator.shopify.ShopifyProbe;
import dev.sidekick.runtime.config.CommerceSettings;
import dev.sidekick.runtime.config.ConfigLoader;
import dev.sidekick.runtime.config.EndpointSettings;
import dev.sidekick.runtime.config.ResponderSettings;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator and the runtime agree on what they share. For a SidekickIntegration with two endpoints (one with a
 * Shopify shop, the simulated one; the other in shadow), the files the operator puts into the runtime's pod
 * (runtime.yaml and the knowledge bases of its ConfigMap, the keys Secret, the credentials, the shop's token) are
 * what the runtime's ConfigLoader accepts, and the packaged runtime, started on them as a process of its own,
 * answers Gladly at the URLs the operator registers, with the key the operator gives Gladly. Gladly is the
 * simulator, behind a private CA that the operator trusts and passes on; it PINGs each URL when the webhook is
 * created and refuses it without a 200.
 */
class OperatorRuntimeContractIT {
  private static final String EMAIL = "sidekick@acme.example";
  private static final String TOKEN = "sidekick-token";
  private static final String SHOPIFY_TOKEN = "shpat_acme_sidekick";
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String MODEL_KEY = "sk-model-key";
  private static final String EMBEDDINGS_KEY = "sk-embeddings-key";

  @TempDir static Path pod;
  @TempDir static Path operatorFiles;
  static GladlySimulator gladly;
  static ShopSimulator shop;
  static ScriptedModel model;
  static OperatorConfig operatorConfig;
  static Process runtime;
  static String runtimeUrl;

  @BeforeAll
  static void gladlyAndAPortForTheRuntime() throws IOException {
    // Gladly behind a private CA, which the operator trusts and hands on to the runtime
    gladly = GladlySimulator.start(SimOptions.defaults().seed("acme").tls(true).allowHttpLoopbackWebhooks(true));
    shop = ShopSimulator.start(ShopOptions.defaults().seed("acme"));
    model = new ScriptedModel(MODEL_KEY, EMBEDDINGS_KEY);
    Path ca = Files.writeString(operatorFiles.resolve("gladly-ca.pem"), gladly.trustPem());
    operatorConfig = operatorConfig(ca);
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      runtimeUrl = "http://127.0.0.1:" + socket.getLocalPort();
    }
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (runtime != null) {
      runtime.destroy();
      if (!runtime.waitFor(15, TimeUnit.SECONDS)) runtime.destroyForcibly().waitFor();
    }
    if (gladly != null) gladly.close();
    if (shop != null) shop.close();
    if (model != null) model.close();
  }

  @Test
  void the_runtime_loads_what_the_operator_renders_and_answers_gladly_at_the_urls_the_operator_registers()
      throws Exception {
    SidekickIntegration sk = integration();
    GladlyClients gladlyClients = new GladlyClients(operatorConfig);
    GladlyClient operatorsGladly = gladlyClients.forOrganization(gladly.baseUrl(), EMAIL, TOKEN);
    // the operator's commerce check: the shop answers the endpoint's token, so the runtime gets the shop
    CommerceSpec.Shopify usShop = sk.getSpec().endpoints.get(0).commerce.shopify;
    assertThat(new ShopifyProbe(operatorConfig).checkAsync(usShop.shopDomain, usShop.apiVersionOrDefault(), SHOPIFY_TOKEN).join())
        .isEqualTo(new ShopifyProbe.Answers("Acme Outfitters"));
    IntegrationFacts facts = factsAsTheOperatorGathersThem(sk, operatorsGladly, gladlyClients.trustedCaPem().orElseThrow())
        .withCommerce(Set.of("us-store"));

    // the pod's file system, as the kubelet mounts the operator's ConfigMap and Secrets (under a temporary root)
    Mounts mounts = Mounts.POD.under(pod.toString());
    writeFiles(Path.of(mounts.configDir()), RuntimeConfig.data(sk, facts, mounts));
    Map<String, String> keys = decoded(KeysSecretDependent.compute(sk, null));
    writeFiles(Path.of(mounts.keysDir()), keys);
    writeFiles(Path.of(mounts.credentialsDir()), Map.of("email", EMAIL, "token", TOKEN));
    // the shop token's projected volume: {endpoint}/token under the commerce directory
    writeFiles(Path.of(mounts.commerceTokenFile("us-store")).getParent(), Map.of("token", SHOPIFY_TOKEN));
    // the API keys' Secrets, as the operator's projected volume lays them out
    Map<String, String> apiKeys = new LinkedHashMap<>();
    for (ApiKeys.File f : new ApiKeys(sk).files()) {
      apiKeys.put(f.path(), f.ref().name.equals("acme-llm") ? MODEL_KEY : EMBEDDINGS_KEY);
    }
    writeFiles(Path.of(mounts.apiKeysDir()), apiKeys);

    // the runtime's loader accepts the operator's rendering and reads it as meant
    var loaded = ConfigLoader.load(Path.of(mounts.configFile()));
    assertThat(loaded.gladly().baseUrl()).hasToString(gladly.baseUrl());
    assertThat(loaded.gladly().agentId()).contains(facts.agentId());
    assertThat(loaded.gladly().trustedCaFile()).contains(Path.of(mounts.configDir(), RuntimeConfig.TRUSTED_CA_FILE));
    assertThat(loaded.personaName()).contains("Melissa");
    assertThat(loaded.keysDir()).isEqualTo(Path.of(mounts.keysDir()));
    EndpointSettings us = loaded.endpoint("us-store").orElseThrow();
    assertThat(us.channels()).containsExactlyInAnyOrder(Channel.CHAT, Channel.MESSAGING);
    assertThat(us.chatEntryPoints()).containsExactly("chat-us-store");
    assertThat(us.handoffInboxId()).contains(gladly.state().inboxId("Returns"));
    assertThat(us.responder())
        .isEqualTo(new ResponderSettings.ChatCompletions(URI.create(model.url("/v1/chat/completions")), "gpt-4o-mini",
            Optional.of(Path.of(mounts.apiKeysDir(), "responder", "chat-completions-api-key")), Duration.ofSeconds(4),
            new ResponderSettings.KnowledgeBase(Path.of(mounts.configDir(), KnowledgeBases.DEFAULT_FILE)), 600));
    CommerceSettings.Shopify loadedShop = (CommerceSettings.Shopify) us.commerce().orElseThrow().backend();
    assertThat(loadedShop.shopUrl()).hasToString(shop.baseUrl());
    assertThat(loadedShop.apiVersion()).isEqualTo("2026-10");
    assertThat(loadedShop.accessTokenFile()).isEqualTo(Path.of(mounts.commerceTokenFile("us-store")));
    assertThat(us.commerce().orElseThrow().returnWindowDays()).isEqualTo(30);
    assertThat(us.mode()).as("an endpoint the spec leaves live").isEqualTo(EndpointSettings.Mode.LIVE);
    EndpointSettings emea = loaded.endpoint("emea-brand").orElseThrow();
    assertThat(emea.mode()).as("an endpoint in shadow never writes to a customer").isEqualTo(EndpointSettings.Mode.SHADOW);
    assertThat(emea.commerce()).isEmpty();
    assertThat(emea.channels()).containsExactly(Channel.MESSAGING);
    assertThat(emea.handoffInboxId()).contains(gladly.state().inboxId("Support"));
    assertThat(emea.responder())
        .isEqualTo(new ResponderSettings.KnowledgeBase(Path.of(mounts.configDir(), KnowledgeBases.file("emea-brand")),
            Optional.of(new ResponderSettings.Embeddings(URI.create(model.url("/v1/embeddings")), "letters",
                Optional.of(Path.of(mounts.apiKeysDir(), "endpoints", "emea-brand", "embeddings-api-key")),
                Duration.ofSeconds(2)))));

    startRuntime(Path.of(mounts.configFile()));
    // emea-brand's knowledge base was embedded through its endpoint, with the key from the operator's file
    assertThat(model.authorised.get()).isPositive();
    assertThat(model.refused.get()).isZero();

    // what the operator reads of the runtime's check of each knowledge base's own examples
    RuntimeReadiness.Answer answer = new RuntimeReadiness(Duration.ofSeconds(5)).ask(URI.create(runtimeUrl + "/q/health/ready"));
    assertThat(answer).isInstanceOf(RuntimeReadiness.Reported.class);
    var report = ((RuntimeReadiness.Reported) answer).endpoints();
    assertThat(report).containsOnlyKeys("us-store", "emea-brand");
    assertThat(report.get("us-store").wronglyAnswered()).as("the sample knowledge base with the in-process model").contains(0);
    assertThat(report.get("us-store").summary()).contains("wrong entry 0", "must-hand-off examples");
    assertThat(report.get("emea-brand").wronglyAnswered()).isPresent();
    assertThat(KnowledgeBaseChecks.fromReport(sk, report)).get().extracting(StatusCondition::status).isNotEqualTo("Unknown");
    List<DesiredWebhook> desired = DesiredWebhook.of(sk, keys, WebhooksSpec.MESSAGE_RECEIVED);
    assertThat(desired).extracting(DesiredWebhook::url)
        .containsExactlyInAnyOrder(
            runtimeUrl + "/gladly/us-store/chat", runtimeUrl + "/gladly/us-store/messaging",
            runtimeUrl + "/gladly/emea-brand/messaging");

    // a webhook carrying another endpoint's key: the runtime refuses Gladly's PING, so Gladly refuses the webhook
    DesiredWebhook usChat = desired.stream().filter(d -> d.channel() == Channel.CHAT).findFirst().orElseThrow();
    DesiredWebhook wrongKey = new DesiredWebhook(usChat.endpoint(), usChat.channel(), usChat.name(), usChat.url(),
        usChat.events(), keys.get("emea-brand"));
    assertThatThrownBy(() -> operatorsGladly.createWebhook(wrongKey.write()))
        .isInstanceOfSatisfying(GladlyException.class, e -> assertThat(e.status()).isEqualTo(400));

    // the operator's registrations: Gladly PINGs each URL with the endpoint's key and the runtime answers 200
    Map<DesiredWebhook, String> ids = new LinkedHashMap<>();
    for (DesiredWebhook d : desired) ids.put(d, operatorsGladly.createWebhook(d.write()));
    assertThat(operatorsGladly.webhooks())
        .filteredOn(w -> ids.containsValue(w.id()))
        .hasSize(3)
        .allSatisfy(w -> assertThat(w.isEnabled()).isTrue())
        .allSatisfy(w -> assertThat(w.headerKeys()).containsExactly("x-api-key"));

    // and a customer's chat reaches the runtime at the operator's URL, and is answered from the endpoint's shop
    CustomerActions.Chat chat = gladly.customer().startChat("chat-us-store", "martha@example.com");
    chat.say("when will my package be delivered");
    await().atMost(WAIT).until(() -> !chat.answers().isEmpty());
    assertThat(chat.answers().get(0)).startsWith("Your order #1010 (Hiking Boots) is on its way with UPS.");
    // the delivery is logged once the runtime's 200 is back, a moment after the answer
    await().atMost(WAIT).until(() -> gladly.deliveries(ids.get(usChat)).stream()
        .anyMatch(d -> "AUTOMATION/MESSAGE_RECEIVED".equals(d.eventType())));
    assertThat(gladly.deliveries(ids.get(usChat)))
        .filteredOn(d -> "AUTOMATION/MESSAGE_RECEIVED".equals(d.eventType()))
        .allMatch(Delivery::succeeded);

    // a question the knowledge base answers: the chat-completions model, asked with the key from the operator's file
    CustomerActions.Chat question = gladly.customer().startChat("chat-us-store", "sam@example.com");
    question.say("how do I reset my password?");
    await().atMost(WAIT).until(() -> !question.answers().isEmpty());
    assertThat(question.answers()).anyMatch(a -> a.startsWith("The model says:"));
    assertThat(model.chats.get()).isPositive();
    assertThat(model.refused.get()).isZero();
  }

  /** An integration like examples/sidekickintegration.yaml, whose publicUrl is where the runtime listens. */
  private static SidekickIntegration integration() {
    SidekickIntegration sk = new SidekickIntegration();
    sk.setMetadata(new ObjectMetaBuilder().withName("acme").withNamespace("support").withUid("uid-1").build());
    SidekickIntegrationSpec spec = new SidekickIntegrationSpec();
    spec.gladly = new GladlySpec();
    spec.gladly.organizationUrl = gladly.baseUrl();
    spec.gladly.credentialsSecretRef = new CredentialsSecretRef();
    spec.gladly.credentialsSecretRef.name = "acme-gladly-api";
    spec.inboxes = new ArrayList<>(List.of("Support", "Returns"));
    spec.persona = new PersonaSpec();
    spec.persona.name = "Melissa";
    spec.publicUrl = runtimeUrl;
    EndpointSpec emea = new EndpointSpec("emea-brand", "Support", Channel.MESSAGING);
    emea.mode = EndpointSpec.Mode.SHADOW; // a brand trying Sidekick out before it writes to customers
    emea.responder = knowledgeBase("emea-answers");
    emea.responder.knowledgeBase.embeddings = new ResponderSpec.EmbeddingsSpec();
    emea.responder.knowledgeBase.embeddings.url = model.url("/v1/embeddings");
    emea.responder.knowledgeBase.embeddings.model = "letters";
    emea.responder.knowledgeBase.embeddings.apiKeySecretRef = new ResponderSpec.ApiKeySecretRef();
    emea.responder.knowledgeBase.embeddings.apiKeySecretRef.name = "acme-embeddings";
    emea.responder.knowledgeBase.embeddings.apiKeySecretRef.key = "token";
    EndpointSpec us = new EndpointSpec("us-store", "Returns", Channel.CHAT, Channel.MESSAGING);
    us.chatEntryPoints = List.of("chat-us-store");
    us.commerce = new CommerceSpec();
    us.commerce.shopify = new CommerceSpec.Shopify();
    URI shopUrl = URI.create(shop.baseUrl());
    us.commerce.shopify.shopDomain = shopUrl.getHost() + ":" + shopUrl.getPort();
    us.commerce.shopify.credentialsSecretRef = new CommerceSpec.TokenSecretRef();
    us.commerce.shopify.credentialsSecretRef.name = "acme-shopify";
    spec.endpoints = new ArrayList<>(List.of(us, emea));
    // the default responder asks a model, grounded in the knowledge base
    spec.responder = new ResponderSpec();
    spec.responder.chatCompletions = new ResponderSpec.ChatCompletionsSpec();
    spec.responder.chatCompletions.url = model.url("/v1/chat/completions");
    spec.responder.chatCompletions.model = "gpt-4o-mini";
    spec.responder.chatCompletions.timeout = "4s";
    spec.responder.chatCompletions.apiKeySecretRef = new ResponderSpec.ApiKeySecretRef();
    spec.responder.chatCompletions.apiKeySecretRef.name = "acme-llm";
    spec.responder.chatCompletions.knowledgeBase = knowledgeBase("acme-answers").knowledgeBase;
    sk.setSpec(spec);
    return sk;
  }

  private static ResponderSpec knowledgeBase(String configMap) {
    ResponderSpec responder = new ResponderSpec();
    responder.knowledgeBase = new ResponderSpec.KnowledgeBaseSpec();
    responder.knowledgeBase.configMapRef = new ResponderSpec.ConfigMapKeyRef();
    responder.knowledgeBase.configMapRef.name = configMap;
    return responder;
  }

  /** What the operator's check finds in Gladly, with the knowledge bases its users keep in ConfigMaps. */
  private static IntegrationFacts factsAsTheOperatorGathersThem(
      SidekickIntegration sk, GladlyClient gladly, String trustedCaPem) throws IOException {
    String agentId =
        gladly.agents().stream().filter(a -> EMAIL.equals(a.emailAddress())).findFirst().orElseThrow().id();
    Map<String, String> inboxIds = new LinkedHashMap<>();
    for (GladlyModel.Inbox inbox : gladly.inboxes()) {
      if (sk.getSpec().inboxes.contains(inbox.name()) && !inbox.isDisabled()) inboxIds.put(inbox.name(), inbox.id());
    }
    String knowledgeBase = Files.readString(Path.of("..", "examples", "knowledge-base.yaml"));
    return new IntegrationFacts(
        gladly, agentId, inboxIds, gladly.webhooks(), "credentials-hash",
        Map.of(KnowledgeBases.DEFAULT_FILE, knowledgeBase, KnowledgeBases.file("emea-brand"), knowledgeBase),
        trustedCaPem);
  }

  /** A Secret's data as its volume shows it: one file per key. */
  private static Map<String, String> decoded(Secret secret) {
    Map<String, String> files = new LinkedHashMap<>();
    secret.getData().forEach((k, v) -> files.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    return files;
  }

  private static void writeFiles(Path dir, Map<String, String> files) throws IOException {
    Files.createDirectories(dir);
    for (var f : files.entrySet()) {
      Files.createDirectories(dir.resolve(f.getKey()).getParent());
      Files.writeString(dir.resolve(f.getKey()), f.getValue());
    }
  }

  /** The packaged runtime as the image runs it, on loopback, with the operator's SIDEKICK_CONFIG. */
  private static void startRuntime(Path config) throws IOException {
    Path jar = Path.of("..", "runtime", "target", "quarkus-app", "quarkus-run.jar");
    assertThat(jar).as("the runtime module is packaged before this test (mvn verify)").exists();
    Path log = Path.of("target", "contract-test-runtime.log");
    Files.createDirectories(log.getParent());
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + URI.create(runtimeUrl).getPort(),
                "-jar",
                jar.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("SIDEKICK_CONFIG", config.toString());
    runtime = pb.start();
    HttpClient http = HttpClient.newHttpClient();
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              assertThat(runtime.isAlive()).as("the runtime exited; see %s", log.toAbsolutePath()).isTrue();
              return ready(http);
            });
  }

  private static boolean ready(HttpClient http) {
    try {
      HttpResponse<Void> r =
          http.send(HttpRequest.newBuilder(URI.create(runtimeUrl + "/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The operator's settings: its defaults, and the extra CA it trusts for Gladly. */
  private static OperatorConfig operatorConfig(Path trustedCa) {
    return new SmallRyeConfigBuilder()
        .withMapping(OperatorConfig.class)
        .withDefaultValue("sidekick.gladly.trusted-ca-file", trustedCa.toString())
        .withConverter(Duration.class, 200, new DurationConverter()) // Quarkus' durations ("10s")
        .build()
        .getConfigMapping(OperatorConfig.class);
  }
}
