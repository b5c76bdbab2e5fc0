package dev.sidekick.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.sidekick.runtime.config.RuntimeConfig;
import dev.sidekick.runtime.config.SecretFiles;
import dev.sidekick.runtime.dedupe.EventLedger;
import dev.sidekick.runtime.dedupe.EventProgress;
import dev.sidekick.runtime.dedupe.SessionLocks;
import dev.sidekick.runtime.gladly.Deadline;
import dev.sidekick.runtime.outcomes.Resolutions;
import dev.sidekick.runtime.responder.Reply;
import dev.sidekick.runtime.support.RedisServer;
import io.vertx.mutiny.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared store against a real Redis (Debian's redis-server): two replicas' views of one ledger, one set of session
 * locks, one hand-off memory and one budget, as the runtime's processes would see them.
 */
class RedisStoreTest {
  // as the runtime's ObjectMapper: replies hold Optionals
  private static final ReplyCodec CODEC = new ReplyCodec(new ObjectMapper().registerModule(new Jdk8Module()));
  @TempDir static Path dir;
  private static RedisServer server;
  private static Vertx vertx;
  private static RedisConnection first;
  private static RedisConnection second;

  @BeforeAll
  static void start() throws Exception {
    server = RedisServer.start(dir);
    vertx = Vertx.vertx();
    RuntimeConfig.Store config = new RuntimeConfig.Store(Optional.of(URI.create(server.url())), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), "test:" + System.nanoTime(), Duration.ofSeconds(1));
    first = new RedisConnection(vertx, config, new SecretFiles());
    second = new RedisConnection(vertx, config, new SecretFiles());
  }

  @AfterAll
  static void stop() {
    first.close();
    second.close();
    vertx.closeAndAwait();
    server.close();
  }

  @Test
  void a_decision_and_the_facts_that_came_with_it_are_resumed_together_on_another_replica() {
    ReplyCodec codec = CODEC;
    EventLedger one = new RedisEventLedger(first, codec, Duration.ofSeconds(10));
    EventLedger two = new RedisEventLedger(second, codec, Duration.ofSeconds(10));
    EventProgress p = ((EventLedger.Claim.Granted) one.claim("e-orders")).progress();
    p.decision(() -> new Reply.Answer("Please send me your order number", List.of(), "asked"),
        () -> java.util.Map.of("orders", "o1;status;;v1|1||"));
    one.release("e-orders");

    EventProgress resumed = ((EventLedger.Claim.Granted) two.claim("e-orders")).progress();
    assertThat(resumed.fact("orders")).hasValue("o1;status;;v1|1||");
    assertThat((Reply) resumed.decision(() -> new Reply.Handoff("decided again"))).isInstanceOf(Reply.Answer.class);
    two.finish("e-orders");
  }

  @Test
  void an_answered_conversation_is_settled_by_one_replica_once() {
    var mine = new RedisResolutions(first);
    var theirs = new RedisResolutions(second);
    Instant past = Instant.now().minusSeconds(1);
    mine.watch(new Resolutions.Watch("c-wrote-again", "us-store", "email", past.plusSeconds(3600)));
    mine.watch(new Resolutions.Watch("c-due-1", "us-store", "chat", past));
    mine.watch(new Resolutions.Watch("c-due-2", "eu-store", "email", past));

    assertThat(theirs.end("c-wrote-again")).hasValueSatisfying(w -> assertThat(w.channel()).isEqualTo("email"));
    assertThat(mine.end("c-wrote-again")).as("ended once").isEmpty();

    List<Resolutions.Watch> claimed = new java.util.ArrayList<>(theirs.claimDue(Instant.now(), 1));
    claimed.addAll(mine.claimDue(Instant.now(), 10));
    claimed.addAll(theirs.claimDue(Instant.now(), 10));
    assertThat(claimed).extracting(Resolutions.Watch::conversation).containsExactlyInAnyOrder("c-due-1", "c-due-2");
    assertThat(claimed).filteredOn(w -> w.conversation().equals("c-due-2")).singleElement()
        .satisfies(w -> assertThat(w.endpoint()).isEqualTo("eu-store"));
  }

  @Test
  void a_conversations_order_state_is_one_for_every_replica() {
    var mine = new RedisOrderMemory(first);
    var theirs = new RedisOrderMemory(second);
    assertThat(theirs.recall("session:s1")).isEmpty();

    mine.keep("session:s1", "o1;status;;v1|2||");

    assertThat(theirs.recall("session:s1")).hasValue("o1;status;;v1|2||");
    assertThat(theirs.recall("session:s2")).isEmpty();
  }

  @Test
  void an_event_claimed_by_one_replica_is_busy_for_the_other_then_resumed_where_it_stopped() {
    ReplyCodec codec = CODEC;
    EventLedger one = new RedisEventLedger(first, codec, Duration.ofSeconds(10));
    EventLedger two = new RedisEventLedger(second, codec, Duration.ofSeconds(10));

    EventLedger.Claim.Granted claim = (EventLedger.Claim.Granted) one.claim("e1");
    assertThat(claim.rememberedSince()).isBefore(Instant.now().plusSeconds(1));
    EventProgress p = claim.progress();
    Reply decided = p.decision(() -> new Reply.Answer("Here you go", List.of(new Reply.Option("a", "A")), "matched"));
    p.remember("note", "a note");
    p.step("assign", () -> {});
    assertThatThrownBy(() -> p.write("answer", () -> {
      throw new dev.sidekick.runtime.gladly.GladlyUnavailable("502 from Gladly", true);
    }, () -> false)).isInstanceOf(dev.sidekick.runtime.gladly.GladlyUnavailable.class);
    assertThat(two.claim("e1")).isInstanceOf(EventLedger.Claim.Busy.class);
    one.release("e1");

    EventProgress resumed = ((EventLedger.Claim.Granted) two.claim("e1")).progress();
    assertThat(resumed.attempts()).isEqualTo(2);
    assertThat(resumed.isDone("assign")).isTrue();
    assertThat(resumed.isUncertain("answer")).as("started, outcome unknown").isTrue();
    assertThat(resumed.fact("note")).hasValue("a note");
    assertThat((Reply) resumed.decision(() -> new Reply.Handoff("decided again"))).isEqualTo(decided);
    two.finish("e1");
    assertThat(one.claim("e1")).isInstanceOf(EventLedger.Claim.Duplicate.class);
  }

  @Test
  void a_session_lock_held_by_one_replica_waits_the_other_until_released() throws Exception {
    SessionLocks one = new RedisSessionLocks(first, Duration.ofSeconds(10));
    SessionLocks two = new RedisSessionLocks(second, Duration.ofSeconds(10));
    SessionLocks.Held held = one.lock("session:s1", Deadline.in(Duration.ofSeconds(1))).orElseThrow();
    assertThat(two.lock("session:s1", Deadline.in(Duration.ofMillis(200)))).isEmpty();
    assertThat(two.lock("session:s2", Deadline.in(Duration.ofMillis(200)))).isPresent().get().satisfies(SessionLocks.Held::close);
    held.close();
    two.lock("session:s1", Deadline.in(Duration.ofSeconds(1))).orElseThrow().close();
  }

  @Test
  void a_hand_off_remembered_by_one_replica_is_known_to_the_other() {
    new RedisHandedOver(first).add("conversation:c1");
    assertThat(new RedisHandedOver(second).contains("conversation:c1")).isTrue();
    new RedisHandedOver(second).remove("conversation:c1");
    assertThat(new RedisHandedOver(first).contains("conversation:c1")).isFalse();
  }

  @Test
  void two_replicas_share_one_budget_per_method_and_a_pause() {
    RedisBudget one = new RedisBudget(first, 10, URI.create("https://acme.gladly.com"));
    RedisBudget two = new RedisBudget(second, 10, URI.create("https://acme.gladly.com"));
    int granted = 0;
    for (int i = 0; i < 8; i++) {
      granted += (one.tryAcquire("GET", 0) ? 1 : 0) + (two.tryAcquire("GET", 0) ? 1 : 0);
    }
    assertThat(granted).as("slots granted within one window, both replicas together").isEqualTo(10);
    assertThat(one.acquire("POST", Deadline.in(Duration.ofMillis(100)))).as("another method has its own").isTrue();
    two.pause("POST", Duration.ofSeconds(2).toNanos());
    assertThat(one.acquire("POST", Deadline.in(Duration.ofMillis(300)))).as("paused for all").isFalse();
    long start = System.nanoTime();
    assertThat(one.acquire("GET", Deadline.in(Duration.ofSeconds(3)))).as("a slot once the window moves on").isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(500));
  }

  @Test
  void catch_up_marks_keep_the_latest_and_one_replica_at_a_time_has_the_turn() throws Exception {
    RedisCatchUpMarks one = new RedisCatchUpMarks(first);
    RedisCatchUpMarks two = new RedisCatchUpMarks(second);
    Instant t = Instant.parse("2024-05-01T10:00:00Z");
    one.handled("us-store/chat", t);
    two.handled("us-store/chat", t.minusSeconds(60));
    assertThat(two.lastHandled("us-store/chat")).hasValue(t);
    two.covered(t);
    one.covered(t.minusSeconds(5));
    assertThat(one.coveredUntil()).hasValue(t);
    boolean[] otherRan = {false};
    boolean ran = one.exclusively(Duration.ofSeconds(1), () -> {
      try {
        otherRan[0] = two.exclusively(Duration.ofMillis(1500), () -> {});
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertThat(ran).isTrue();
    assertThat(otherRan[0]).as("the other replica waited in vain").isFalse();
    assertThat(two.exclusively(Duration.ofSeconds(1), () -> {})).as("the turn was given back").isTrue();
  }

  @Test
  void redis_down_is_store_unavailable() throws Exception {
    server.stop();
    try {
      assertThatThrownBy(() -> new RedisHandedOver(first).contains("x")).isInstanceOf(StoreUnavailable.class);
    } finally {
      server.start();
    }
    assertThat(new RedisHandedOver(first).contains("x")).as("back once Redis is").isFalse();
  }
}
