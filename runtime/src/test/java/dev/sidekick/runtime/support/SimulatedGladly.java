package dev.sidekick.runtime.support;

import dev.sidekick.gladlysim.GladlySimulator;
import dev.sidekick.gladlysim.SimOptions;
import dev.sidekick.shopsim.ShopOptions;
import dev.sidekick.shopsim.ShopSimulator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Gladly of the runtime's tests: the simulator in this process (seed "acme" and a shop brand's email and inbox, http webhooks to
 * loopback allowed), a simulated Shopify shop (seed "acme": the order desk of shop-store and llm-shop), a scripted
 * OpenAI-compatible model (chat completions for llm-store, embeddings for emb-store), and a runtime configuration
 * with its secret files in a temporary directory, handed to the runtime as {@code sidekick.config} (SIDEKICK_CONFIG).
 *
 * <p>The simulator is never reset during a run: its ids restart after a reset, and the runtime under
 * test rightly remembers the event ids it has handled.
 */
public class SimulatedGladly implements QuarkusTestResourceLifecycleManager {
  public static final String US_KEY = "us-store-key-1";
  public static final String LLM_KEY = "llm-store-key";
  public static final String BASIC_KEY = "basic-store-key";
  public static final String EMB_KEY = "emb-store-key";
  public static final String SHOP_KEY = "shop-store-key";
  public static final String LLM_SHOP_KEY = "llm-shop-key";
  public static final String EU_KEY = "eu-store-key";
  public static final String TRIAL_KEY = "trial-store-key";
  /** The shadow-mode endpoint trial-store's email address and chat entry point (its conversations are in "Trial"). */
  public static final String TRIAL_EMAIL_ENTRY_POINT = "trial@acme.example";
  public static final String TRIAL_CHAT_ENTRY_POINT = "chat-trial-store";
  /** The second brand's chat, which only eu-store lists (test resource sim/acme-with-shop.yaml). */
  public static final String EU_CHAT_ENTRY_POINT = "chat-eu-store";
  public static final String SHOPIFY_TOKEN = "shpat_acme_sidekick";
  public static final String BASIC_USER = "gladly";
  public static final String BASIC_PASSWORD = "basic-secret";
  public static final String SIDEKICK_EMAIL = "sidekick@acme.example";
  public static final String SIDEKICK_TOKEN = "sidekick-token";
  public static final String CHAT_ENTRY_POINT = "chat-us-store";
  public static final String EMAIL_ENTRY_POINT = "support@acme.example";
  /** The shop-store brand's email address: its conversations are in the Orders inbox, which shop-store owns. */
  public static final String SHOP_EMAIL_ENTRY_POINT = "shop@acme.example";
  public static final String SMS_ENTRY_POINT = "+15550100";

  private static GladlySimulator sim;
  private static ShopSimulator shop;
  private static FakeModel model;
  private static Path dir;

  public static GladlySimulator sim() {
    return sim;
  }

  /** The simulated shop of shop-store and llm-shop (reset it for each story; its ids repeat after a reset). */
  public static ShopSimulator shop() {
    return shop;
  }

  /** The scripted OpenAI-compatible model (chat completions and embeddings). */
  public static FakeModel model() {
    return model;
  }

  public static Path configDir() {
    return dir;
  }

  @Override
  public Map<String, String> start() {
    try {
      // Quarkus starts test resources on a pool thread whose context class loader is not the one that loaded
      // the simulator; Jackson (inside the simulator) resolves types through it, so align the two.
      Thread thread = Thread.currentThread();
      ClassLoader previous = thread.getContextClassLoader();
      thread.setContextClassLoader(GladlySimulator.class.getClassLoader());
      try {
        sim = GladlySimulator.start(SimOptions.defaults().seed(seed()).allowHttpLoopbackWebhooks(true));
        shop = ShopSimulator.start(ShopOptions.defaults().seed("acme"));
      } finally {
        thread.setContextClassLoader(previous);
      }
      Events.useClock(sim.clock()::now);
      model = FakeModel.start();
      dir = Files.createTempDirectory("sidekick-runtime-test");
      write("gladly/email", SIDEKICK_EMAIL + "\n");
      write("gladly/token", SIDEKICK_TOKEN + "\n");
      write("keys/us-store", US_KEY + "\n");
      write("keys/llm-store", LLM_KEY);
      write("keys/basic-store", BASIC_KEY);
      write("keys/emb-store", EMB_KEY);
      write("keys/shop-store", SHOP_KEY);
      write("keys/llm-shop", LLM_SHOP_KEY);
      write("keys/eu-store", EU_KEY);
      write("keys/trial-store", TRIAL_KEY);
      write("shopify/token", SHOPIFY_TOKEN + "\n");
      write("basic/username", BASIC_USER);
      write("basic/password", BASIC_PASSWORD);
      write("model/api-key", FakeModel.KEY);
      for (String kb : List.of("kb.yaml", "kb-eu.yaml")) {
        try (InputStream in = SimulatedGladly.class.getResourceAsStream("/" + kb)) {
          Files.write(dir.resolve(kb), in.readAllBytes());
        }
      }
      String support = sim.state().inboxId("Support");
      String returns = sim.state().inboxId("Returns");
      String orders = sim.state().inboxId("Orders");
      String trial = sim.state().inboxId("Trial");
      write(
          "runtime.yaml",
          """
          version: 1
          gladly:
            baseUrl: %s
            credentials: { emailFile: gladly/email, tokenFile: gladly/token }
            callTimeout: 2s
          persona: { name: Melissa }
          eventDeadline: 8s
          keysDir: keys
          # these tests deliver events by hand, with ids of their own: a catch-up from Gladly's Events API (with
          # Gladly's ids) would answer their customers a second time (CatchUpIT tests catch-up)
          catchUp: { enabled: false }
          responder:
            knowledgeBase: { file: kb.yaml }
          endpoints:
            - name: us-store
              channels: [CHAT, MESSAGING]
              handoffInboxId: %s
            - name: llm-store
              channels: [CHAT]
              responder:
                chatCompletions:
                  url: %s
                  model: test-model
                  apiKeyFile: model/api-key
                  timeout: 1s
                  knowledgeBase: { file: kb.yaml }
            - name: llm-shop
              channels: [CHAT]
              responder:
                chatCompletions:
                  url: %s
                  model: test-model
                  apiKeyFile: model/api-key
                  timeout: 1s
                  knowledgeBase: { file: kb.yaml }
              commerce:
                shopify: { shopUrl: %s, accessTokenFile: shopify/token }
            - name: basic-store
              channels: [MESSAGING]
              handoffInboxId: %s
              basicAuth: { usernameFile: basic/username, passwordFile: basic/password }
            - name: emb-store
              channels: [CHAT]
              responder:
                knowledgeBase:
                  file: kb.yaml
                  embeddings: { url: %s, model: bag-of-words, apiKeyFile: model/api-key, timeout: 1s }
            - name: shop-store
              channels: [CHAT, MESSAGING]
              handoffInboxId: %s
              commerce:
                shopify: { shopUrl: %s, apiVersion: "2026-10", accessTokenFile: shopify/token, callTimeout: 2s }
                returnWindowDays: 30
            - name: eu-store
              channels: [CHAT]
              chatEntryPoints: [%s]
              responder:
                knowledgeBase: { file: kb-eu.yaml }
            - name: trial-store
              mode: shadow
              channels: [CHAT, MESSAGING]
              chatEntryPoints: [%s]
              handoffInboxId: %s
          """
              .formatted(sim.baseUrl(), support, model.url(), model.url(), shop.baseUrl(), returns, model.embeddingsUrl(), orders,
                  shop.baseUrl(), EU_CHAT_ENTRY_POINT, TRIAL_CHAT_ENTRY_POINT, trial));
      return Map.of("sidekick.config", dir.resolve("runtime.yaml").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    if (sim != null) {
      sim.close();
    }
    if (model != null) {
      model.close();
    }
    if (shop != null) {
      shop.close();
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temporary directory left behind is harmless
      }
    }
  }

  /** The simulator's "acme" organization with the shop brand's email address and inbox (test resource sim/acme-with-shop.yaml). */
  private static String seed() {
    try {
      return Path.of(SimulatedGladly.class.getResource("/sim/acme-with-shop.yaml").toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void write(String relative, String content) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
