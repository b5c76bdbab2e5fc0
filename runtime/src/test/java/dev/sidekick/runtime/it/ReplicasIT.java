package dev.sidekick.runtime.it;

import static dev.sidekick.runtime.it.Deployment.CHAT_ENTRY_POINT;
import static dev.sidekick.runtime.it.Deployment.EMAIL_ENTRY_POINT;
import static dev.sidekick.runtime.it.Deployment.ORDER_ANSWER;
import static dev.sidekick.runtime.it.Deployment.deliver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sidekick.gladlysim.control.ApiCall;
import dev.sidekick.gladlysim.control.CustomerActions;
import dev.sidekick.gladlysim.delivery.Delivery;
import dev.sidekick.gladlysim.state.Item;
import dev.sidekick.runtime.support.Events;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas of the packaged runtime share one Redis: whatever reaches which replica, and whatever happens to a
 * replica or to Redis, each customer message is answered exactly once. Gladly's hand-off topic is missing from the
 * organization here, so only the shared hand-off memory keeps a handed-off conversation with the humans.
 */
class ReplicasIT {
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir static Path dir;
  private static Deployment deployment;

  @BeforeAll
  static void start() throws Exception {
    deployment = Deployment.start(dir, 2, o -> {}, "handoff: { topic: \"Sidekick: not in this organization\" }");
  }

  @AfterAll
  static void stop() {
    if (deployment != null) {
      deployment.close();
    }
  }

  @BeforeEach
  void clean() throws Exception {
    deployment.gladly.faults().clear();
    deployment.gladly.state().webhooks().forEach(w -> deployment.gladly.admin().deleteWebhook(w.id()));
    for (RuntimeProcess r : deployment.replicas) {
      r.awaitReady(WAIT);
    }
  }

  @Test
  void copies_of_one_event_at_both_replicas_at_once_or_one_after_the_other_are_answered_once() {
    // one webhook per replica: Gladly delivers every event to both at the same time
    for (RuntimeProcess r : deployment.replicas) {
      deployment.register(r.url(), "chat", "AUTOMATION/MESSAGE_RECEIVED");
      deployment.register(r.url(), "messaging", "MESSAGE/RECEIVED");
    }
    CustomerActions.Chat chat = deployment.gladly.customer().startChat(CHAT_ENTRY_POINT, "both@example.com");
    chat.say("where is my order?");
    String email = deployment.gladly.customer().sendEmail("both@example.com", EMAIL_ENTRY_POINT, "Hours", "What are your opening hours?");
    await().atMost(WAIT).until(() -> chat.answers().size() == 1 && deployment.replies(email).size() == 1);
    deployment.gladly.awaitDeliveries(Duration.ofSeconds(20));
    deployment.gladly.clock().advance(Duration.ofSeconds(31)); // the copy that had to wait is redelivered
    deployment.gladly.awaitDeliveries(Duration.ofSeconds(20));
    assertThat(chat.answers()).containsExactly(ORDER_ANSWER);
    assertThat(deployment.replies(email)).hasSize(1);

    // one after the other, by hand: the second replica knows the first answered
    deployment.gladly.state().webhooks().forEach(w -> deployment.gladly.admin().deleteWebhook(w.id()));
    CustomerActions.Chat later = deployment.gladly.customer().startChat(CHAT_ENTRY_POINT, "one-then-other@example.com");
    String message = later.say("where is my order?");
    String event = Events.chatMessage(Events.newId(), later.sessionId(), later.conversationId(), message, "where is my order?");
    assertThat(deliver(deployment.replicas.get(0).url(), "chat", event)).isEqualTo(200);
    assertThat(deliver(deployment.replicas.get(1).url(), "chat", event)).isEqualTo(200);
    assertThat(later.answers()).containsExactly(ORDER_ANSWER);
  }

  @Test
  void a_conversation_handed_off_on_one_replica_is_left_alone_by_the_other() {
    String id = deployment.gladly.customer().sendEmail("handoff@example.com", EMAIL_ENTRY_POINT, "Help", "I want to talk to a person");
    String first = deployment.gladly.state().conversation(id).messages().get(0).id();
    assertThat(deliver(deployment.replicas.get(0).url(), "messaging", Events.messageReceived(Events.newId(), id, first)))
        .isEqualTo(200);
    assertThat(deployment.gladly.state().conversation(id).inboxId()).isEqualTo(deployment.gladly.state().inboxId("Support"));
    assertThat(deployment.gladly.state().conversation(id).topicIds()).as("no hand-off topic in this organization").isEmpty();

    deployment.gladly.customer().sendEmail("handoff@example.com", EMAIL_ENTRY_POINT, "Re: Help", "Also, where is my order?");
    List<Item> messages = deployment.gladly.state().conversation(id).messages();
    String second = messages.get(messages.size() - 1).id();
    assertThat(deliver(deployment.replicas.get(1).url(), "messaging", Events.messageReceived(Events.newId(), id, second)))
        .isEqualTo(200);

    assertThat(deployment.replies(id)).as("the second replica left it to the humans").isEmpty();
  }

  @Test
  void a_replica_killed_in_the_middle_of_a_burst_loses_nothing_and_doubles_nothing() throws Exception {
    deployment.registerWebhooks();
    List<CustomerActions.Chat> chats = new ArrayList<>();
    List<String> emails = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      chats.add(deployment.gladly.customer().startChat(CHAT_ENTRY_POINT, "burst-chat-" + i + "@example.com"));
      chats.get(i).say("where is my order?");
      emails.add(deployment.gladly.customer().sendEmail("burst-mail-" + i + "@example.com", EMAIL_ENTRY_POINT, "Hours",
          "What are your opening hours?"));
    }
    await().atMost(WAIT).until(() -> deployment.answered(chats, emails) >= 10);
    RuntimeProcess victim = deployment.replicas.get(0);
    victim.kill();
    int answeredAtKill = deployment.answered(chats, emails);

    // its leases run out (13 s), then Gladly redelivers what failed (30 s later on its clock)
    Deployment.pause(Duration.ofSeconds(15));
    deployment.redeliverUntil(() -> deployment.answered(chats, emails) == 50);

    deployment.assertExactlyOnce(chats, emails);
    assertThat(answeredAtKill).as("killed in the middle").isLessThan(50);
    victim.start();
  }

  @Test
  void redis_stopped_and_restarted_during_traffic_means_503s_then_exactly_one_answer_each() throws Exception {
    deployment.registerWebhooks();
    List<CustomerActions.Chat> chats = new ArrayList<>();
    List<String> emails = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      chats.add(deployment.gladly.customer().startChat(CHAT_ENTRY_POINT, "redis-chat-" + i + "@example.com"));
      chats.get(i).say("where is my order?");
      emails.add(deployment.gladly.customer().sendEmail("redis-mail-" + i + "@example.com", EMAIL_ENTRY_POINT, "Hours",
          "What are your opening hours?"));
      if (i == 8) {
        deployment.redis.stop();
      }
    }
    Deployment.pause(Duration.ofSeconds(3));
    long refused = deployment.gladly.deliveries().stream().filter(d -> Integer.valueOf(503).equals(d.statusCode())).count();
    deployment.redis.start(); // empty: it kept nothing

    deployment.redeliverUntil(() -> deployment.answered(chats, emails) == 40);
    deployment.assertExactlyOnce(chats, emails);
    assertThat(refused).as("deliveries refused with 503 while Redis was down").isPositive();
  }

  @Test
  void redis_down_for_seconds_the_runtime_tries_again_itself_before_gladly_redelivers() throws Exception {
    deployment.registerWebhooks();
    deployment.redis.stop();
    CustomerActions.Chat chat = deployment.gladly.customer().startChat(CHAT_ENTRY_POINT, "brief-outage@example.com");
    chat.say("where is my order?");
    await().atMost(Duration.ofSeconds(20)).until(() -> chatDeliveries().stream().anyMatch(d -> d.statusCode() != null));
    assertThat(chatDeliveries()).as("refused: no store, no answer").allMatch(d -> Integer.valueOf(503).equals(d.statusCode()));
    deployment.redis.start(); // back within the runtime's first retry, 5 s after the refusal

    // Gladly's own redelivery is 30 s after the refusal (its clock is not advanced here)
    await().atMost(Duration.ofSeconds(20)).until(() -> !chat.answers().isEmpty());
    Deployment.pause(Duration.ofSeconds(2));
    assertThat(chat.answers()).containsExactly(ORDER_ANSWER);
    assertThat(chatDeliveries()).as("Gladly delivered it once").hasSize(1);
  }

  /** Gladly's deliveries to the chat webhook the test registered. */
  private static List<Delivery> chatDeliveries() {
    return deployment.gladly.deliveries().stream()
        .filter(d -> d.eventType().equals("AUTOMATION/MESSAGE_RECEIVED"))
        .filter(d -> deployment.gladly.state().webhooks().stream().anyMatch(w -> w.id().equals(d.webhookId())))
        .toList();
  }

  @Test
  void two_replicas_together_stay_within_gladlys_budget_of_10_requests_per_second_and_method() throws Exception {
    deployment.registerWebhooks();
    Deployment.pause(Duration.ofMillis(1100)); // the test's own calls spent some budget
    Instant start = deployment.gladly.clock().now();
    List<String> emails = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      emails.add(deployment.gladly.customer().sendEmail("budget-" + i + "@example.com", EMAIL_ENTRY_POINT, "Hours",
          "What are your opening hours?"));
    }
    deployment.redeliverUntil(() -> emails.stream().filter(e -> deployment.replies(e).size() == 1).count() == 40);

    List<ApiCall> calls = deployment.gladly.apiCalls().all().stream().filter(c -> !c.at().isBefore(start)).toList();
    assertThat(calls).as("Gladly never had to refuse a call (its limit: 10 per method in each second)")
        .noneMatch(c -> c.status() == 429);
    assertThat(busiestSecond(calls, "GET")).as("the budget was used, not avoided").isGreaterThanOrEqualTo(8);
  }

  /** The most calls of a method Gladly counted in one second of its clock. */
  private static long busiestSecond(List<ApiCall> calls, String method) {
    return calls.stream().filter(c -> c.method().equals(method))
        .collect(java.util.stream.Collectors.groupingBy(c -> c.at().getEpochSecond(), java.util.stream.Collectors.counting()))
        .values().stream().mapToLong(Long::longValue).max().orElse(0);
  }
}
