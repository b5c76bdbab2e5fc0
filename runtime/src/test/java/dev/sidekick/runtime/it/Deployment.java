package dev.sidekick.runtime.it;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.sidekick.gladlysim.GladlySimulator;
import dev.sidekick.gladlysim.SimOptions;
import dev.sidekick.gladlysim.control.CustomerActions;
import dev.sidekick.gladlysim.delivery.Delivery;
import dev.sidekick.runtime.support.RedisServer;
import dev.sidekick.runtime.support.RoundRobinProxy;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The runtime as it is deployed, on this machine: a simulated Gladly organization ("acme"), a Redis, and N replicas of
 * the packaged runtime sharing it behind a round-robin proxy that Gladly's webhooks point at. Stops everything it
 * started by pid.
 */
final class Deployment implements AutoCloseable {
  static final String KEY = "us-store-key";
  static final String EMAIL = "sidekick@acme.example";
  static final String TOKEN = "sidekick-token";
  static final String CHAT_ENTRY_POINT = "chat-us-store";
  static final String EMAIL_ENTRY_POINT = "support@acme.example";
  /** The knowledge base's answer to "where is my order?". */
  static final String ORDER_ANSWER =
      "You can follow your order at https://shop.example.com/orders: sign in and pick the order to see its tracking link.";

  final GladlySimulator gladly;
  final RedisServer redis; // null when the test runs the store (withStore)
  final List<RuntimeProcess> replicas = new ArrayList<>();
  final RoundRobinProxy proxy;
  private final Path dir;

  private Deployment(GladlySimulator gladly, RedisServer redis, RoundRobinProxy proxy, Path dir) {
    this.gladly = gladly;
    this.redis = redis;
    this.proxy = proxy;
    this.dir = dir;
  }

  /**
   * Starts it all. {@code sim} adjusts the simulator's options; {@code yaml} is added to runtime.yaml (for example
   * {@code handoff: {topic: ...}}).
   */
  static Deployment start(Path dir, int replicas, Consumer<SimOptions> sim, String yaml) throws Exception {
    return start(dir, replicas, sim, yaml, 10);
  }

  /** As above, with Gladly's budget of {@code requestsPerSecond} per method (the simulator's is set alike by {@code sim}). */
  static Deployment start(Path dir, int replicas, Consumer<SimOptions> sim, String yaml, int requestsPerSecond)
      throws Exception {
    return start(dir, replicas, sim, yaml, requestsPerSecond, null);
  }

  /** With a store the test runs itself: {@code redis} is runtime.yaml's {@code store.redis} (no Redis of its own). */
  static Deployment withStore(Path dir, int replicas, String redis) throws Exception {
    return start(dir, replicas, o -> {}, "", 10, redis);
  }

  private static Deployment start(
      Path dir, int replicas, Consumer<SimOptions> sim, String yaml, int requestsPerSecond, String storeRedis)
      throws Exception {
    SimOptions options = SimOptions.defaults().seed("acme").allowHttpLoopbackWebhooks(true);
    sim.accept(options);
    GladlySimulator gladly = GladlySimulator.start(options);
    RedisServer redis = null;
    List<RuntimeProcess> started = new ArrayList<>();
    try {
      String store = storeRedis;
      if (store == null) {
        redis = RedisServer.start(dir);
        store = "{ url: \"" + redis.url() + "\" }";
      }
      Path config = writeConfig(dir, gladly, store, replicas, yaml, requestsPerSecond);
      Path logs = Path.of("target", "it-logs", dir.getFileName().toString());
      for (int i = 1; i <= replicas; i++) {
        started.add(RuntimeProcess.start("replica-" + i, config, logs));
      }
      for (RuntimeProcess r : started) {
        r.awaitReady(Duration.ofSeconds(90));
      }
      RoundRobinProxy proxy = RoundRobinProxy.start(started.stream().map(RuntimeProcess::url).toList());
      dev.sidekick.runtime.support.Events.useClock(gladly.clock()::now);
      Deployment d = new Deployment(gladly, redis, proxy, dir);
      d.replicas.addAll(started);
      return d;
    } catch (Exception | Error e) {
      started.forEach(RuntimeProcess::close);
      if (redis != null) {
        redis.close();
      }
      gladly.close();
      throw e;
    }
  }

  private static Path writeConfig(
      Path dir, GladlySimulator gladly, String storeRedis, int replicas, String yaml, int requestsPerSecond)
      throws IOException {
    Files.createDirectories(dir.resolve("keys"));
    Files.writeString(dir.resolve("keys/us-store"), KEY);
    Files.writeString(dir.resolve("email"), EMAIL);
    Files.writeString(dir.resolve("token"), TOKEN);
    try (InputStream kb = Deployment.class.getResourceAsStream("/kb.yaml")) {
      Files.write(dir.resolve("kb.yaml"), kb.readAllBytes());
    }
    return Files.writeString(dir.resolve("runtime.yaml"), """
        version: 1
        gladly:
          baseUrl: %s
          credentials: { emailFile: email, tokenFile: token }
          callTimeout: 2s
          requestsPerSecond: %d
        persona: { name: Melissa }
        eventDeadline: 8s
        keysDir: keys
        replicas: %d
        store:
          redis: %s
          keyPrefix: sidekick:acme
        responder: { knowledgeBase: { file: kb.yaml } }
        endpoints:
          - name: us-store
            channels: [CHAT, MESSAGING]
            handoffInboxId: %s
        %s
        """.formatted(gladly.baseUrl(), requestsPerSecond, replicas, storeRedis, gladly.state().inboxId("Support"), yaml));
  }

  /** Gladly's webhooks for chat and messaging, through the proxy, as the operator registers them. */
  void registerWebhooks() {
    register(proxy.url(), "chat", "AUTOMATION/MESSAGE_RECEIVED");
    register(proxy.url(), "messaging", "MESSAGE/RECEIVED");
  }

  /** A webhook of {@code channel} pointing at {@code base} (the proxy or one replica); returns its id. */
  String register(String base, String channel, String event) {
    Response r = null;
    for (int attempt = 0; attempt < 20; attempt++) {
      r = given().auth().preemptive().basic(EMAIL, TOKEN).contentType(ContentType.JSON)
          .body(Map.of("name", "Sidekick " + channel + " " + base, "url", base + "/gladly/us-store/" + channel,
              "events", List.of(event), "enabled", true, "headers", Map.of("x-api-key", KEY)))
          .post(gladly.baseUrl() + "/api/v1/webhooks");
      if (r.statusCode() != 429) {
        break;
      }
      pause(Duration.ofMillis(200));
    }
    String location = r.then().statusCode(201).extract().header("Location");
    return location.substring(location.lastIndexOf('/') + 1);
  }

  /** Delivers an event by hand to one replica (or the proxy), as Gladly does; returns the status. */
  static int deliver(String base, String channel, String event) {
    return given().header("x-api-key", KEY).contentType(ContentType.JSON).body(event)
        .post(base + "/gladly/us-store/" + channel).statusCode();
  }

  static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What Sidekick (or an agent) wrote in a conversation: its items that are neither the customer's nor notes. */
  List<dev.sidekick.gladlysim.state.Item> replies(String conversationId) {
    return gladly.state().conversation(conversationId).messages().stream().filter(i -> !i.isCustomerMessage()).toList();
  }

  /** Gladly's retries (30 s apart on its clock) until {@code done}, as long as it takes. */
  void redeliverUntil(java.util.concurrent.Callable<Boolean> done) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!done.call() && System.nanoTime() < end) {
      pause(Duration.ofSeconds(3));
      gladly.awaitDeliveries(Duration.ofSeconds(15));
      if (!done.call()) {
        gladly.clock().advance(Duration.ofSeconds(31));
      }
    }
    try {
      await().atMost(Duration.ofSeconds(30)).until(done);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("not every customer answered after Gladly's redeliveries; events never delivered: "
          + undelivered(), e);
    }
    pause(Duration.ofSeconds(6)); // the runtime's own follow-ups, if any, come and go
    gladly.awaitDeliveries(Duration.ofSeconds(15));
  }

  /** Per event Gladly never delivered with success: each attempt's status on the simulated clock, for a failure's message. */
  String undelivered() {
    Map<String, List<Delivery>> byEvent = gladly.deliveries().stream()
        .collect(Collectors.groupingBy(
            Delivery::eventId, TreeMap::new, Collectors.toList()));
    byEvent.values().removeIf(attempts -> attempts.stream().anyMatch(Delivery::succeeded));
    return byEvent.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue().stream()
            .map(d -> "#" + d.attempt() + " " + (d.timedOut() ? "timeout" : d.statusCode() != null ? d.statusCode() : d.error())
                + " at " + d.occurredAt())
            .toList())
        .collect(Collectors.joining("; ", "[", "]"))
        + " (simulated clock now " + gladly.clock().now() + ")";
  }

  int answered(List<CustomerActions.Chat> chats, List<String> emails) {
    return (int) (chats.stream().filter(c -> !c.answers().isEmpty()).count()
        + emails.stream().filter(e -> !replies(e).isEmpty()).count());
  }

  void assertExactlyOnce(List<CustomerActions.Chat> chats, List<String> emails) {
    SoftAssertions softly = new SoftAssertions();
    chats.forEach(c -> softly.assertThat(c.answers()).as("answers of %s", c.conversationId()).containsExactly(ORDER_ANSWER));
    emails.forEach(e -> softly.assertThat(replies(e)).as("replies in %s", e).hasSize(1));
    softly.assertThat(gladly.state().webhooks()).as("webhooks still enabled").allMatch(w -> w.enabled());
    softly.assertAll();
  }

  Path dir() {
    return dir;
  }

  @Override
  public void close() {
    proxy.close();
    replicas.forEach(RuntimeProcess::close);
    if (redis != null) {
      redis.close();
    }
    gladly.close();
  }
}
