package dev.sidekick.runtime.dedupe;

import static dev.sidekick.runtime.support.SimulatedGladly.CHAT_ENTRY_POINT;
import static dev.sidekick.runtime.support.SimulatedGladly.US_KEY;
import static dev.sidekick.runtime.support.SimulatedGladly.sim;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sidekick.gladlysim.control.CustomerActions;
import dev.sidekick.gladlysim.control.Fault;
import dev.sidekick.gladlysim.delivery.Delivery;
import dev.sidekick.runtime.support.Events;
import dev.sidekick.runtime.support.SimulatedGladly;
import dev.sidekick.runtime.support.Webhooks;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Never lose, never double an answer: duplicates, concurrent deliveries, and Gladly failing mid-way. */
@QuarkusTest
@WithTestResource(SimulatedGladly.class)
class RedeliveryTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String MESSAGES = "/api/v1/message-automation/sessions/*/messages";

  @BeforeEach
  void ready() {
    Webhooks.startClean(WAIT);
  }

  @AfterEach
  void clean() {
    Webhooks.removeAll();
  }

  @Test
  void the_same_event_delivered_twice_gives_one_answer() {
    CustomerActions.Chat chat = sim().customer().startChat(CHAT_ENTRY_POINT, "max@example.com");
    String message = chat.say("what is the shipping time?");
    String event = Events.chatMessage(Events.newId(), chat.sessionId(), chat.conversationId(), message, "what is the shipping time?");

    deliver(event).then().statusCode(200);
    deliver(event).then().statusCode(200).body("outcome", org.hamcrest.Matchers.is("duplicate"));

    assertThat(chat.answers()).hasSize(1);
  }

  /**
   * Another replica answered the first delivery and then failed (or this process restarted): the redelivery
   * reaches a process with no record of the event. Its age says it is a redelivery, so the transcript is read
   * before answering, and the answer already there is not sent again.
   */
  @Test
  void a_redelivery_this_process_has_no_record_of_is_checked_in_gladly_before_answering() {
    CustomerActions.Chat chat = sim().customer().startChat(CHAT_ENTRY_POINT, "ida@example.com");
    String message = chat.say("what is the shipping time?");
    // what the other replica did: the same message answered under the first delivery
    deliver(Events.chatMessage(Events.newId(), chat.sessionId(), chat.conversationId(), message, "what is the shipping time?"))
        .then().statusCode(200);
    assertThat(chat.answers()).hasSize(1);

    String unknownRedelivery = Events.recordedAgo(
        Events.chatMessage(Events.newId(), chat.sessionId(), chat.conversationId(), message, "what is the shipping time?"),
        Duration.ofSeconds(40));
    deliver(unknownRedelivery).then().statusCode(200);
    assertThat(chat.answers()).as("answers after the redelivery").hasSize(1);

    // the check is what kept it single: the same event recorded just now is taken for a first delivery
    deliver(Events.chatMessage(Events.newId(), chat.sessionId(), chat.conversationId(), message, "what is the shipping time?"))
        .then().statusCode(200);
    assertThat(chat.answers()).as("a fresh event is answered without the check").hasSize(2);
  }

  @Test
  void the_same_event_delivered_concurrently_gives_one_answer() throws Exception {
    CustomerActions.Chat chat = sim().customer().startChat(CHAT_ENTRY_POINT, "ned@example.com");
    String message = chat.say("what are your store hours?");
    String event = Events.chatMessage(Events.newId(), chat.sessionId(), chat.conversationId(), message, "what are your store hours?");

    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Callable<Integer>> deliveries = java.util.Collections.nCopies(6, () -> deliver(event).statusCode());
      for (Future<Integer> status : pool.invokeAll(deliveries)) {
        assertThat(status.get()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(chat.answers()).hasSize(1);
  }

  @Test
  void gladly_answering_503_during_handling_still_gives_exactly_one_answer_after_redelivery() {
    Webhooks.register("us-store", "chat", US_KEY, "AUTOMATION/MESSAGE_RECEIVED");
    // More 503s than the runtime retries within one delivery: it must answer 503 and let Gladly redeliver.
    sim().faults().add(Fault.on("POST", MESSAGES).status(503).times(4));
    CustomerActions.Chat chat = sim().customer().startChat(CHAT_ENTRY_POINT, "ora@example.com");
    chat.say("how long does shipping take?");

    await().atMost(WAIT).until(() -> failedAttempts(chat) >= 1);
    assertThat(chat.answers()).isEmpty();
    sim().clock().advance(Duration.ofSeconds(31));

    // the runtime's own follow-ups or Gladly's redeliveries get it through; Gladly's next one finds it done
    await().atMost(WAIT).until(() -> chat.answers().size() == 1);
    sim().clock().advance(Duration.ofMinutes(5));
    sim().clock().advance(Duration.ofMinutes(30));
    sim().awaitDeliveries(Duration.ofSeconds(10));
    assertThat(chat.answers()).hasSize(1);
    assertThat(sameEventRedeliveredUntilSuccess(chat)).isTrue();
  }

  @Test
  void a_burst_of_429_during_handling_still_gives_exactly_one_answer() {
    Webhooks.register("us-store", "chat", US_KEY, "AUTOMATION/MESSAGE_RECEIVED");
    CustomerActions.Chat chat = sim().customer().startChat(CHAT_ENTRY_POINT, "pam@example.com");
    // Enough 429s to outlast the runtime's retries within one delivery (typing indicator + 4 tries), not more:
    // Gladly's next retry is 5 minutes later, when the idle session would be gone.
    sim().faults().rateLimitBurst(5);
    chat.say("how long does shipping take?");

    await().atMost(WAIT).until(() -> failedAttempts(chat) >= 1 || chat.answers().size() == 1);
    if (chat.answers().isEmpty()) {
      sim().clock().advance(Duration.ofSeconds(31));
    }
    await().atMost(WAIT).until(() -> chat.answers().size() == 1);
    sim().awaitDeliveries(Duration.ofSeconds(10));
    assertThat(chat.answers()).hasSize(1);
  }

  @Test
  void an_answer_that_reached_gladly_after_the_runtime_gave_up_waiting_is_not_sent_again() {
    Webhooks.register("us-store", "chat", US_KEY, "AUTOMATION/MESSAGE_RECEIVED");
    // Gladly is slower than the runtime's 2 s call timeout but does post the message.
    sim().faults().add(Fault.on("POST", MESSAGES).latency(Duration.ofSeconds(3)).times(1));
    CustomerActions.Chat chat = sim().customer().startChat(CHAT_ENTRY_POINT, "quin@example.com");
    chat.say("how long does shipping take?");

    await().atMost(WAIT).until(() -> failedAttempts(chat) >= 1);
    // Let the slow call finish in the simulator before Gladly redelivers.
    await().pollDelay(Duration.ofMillis(1500)).atMost(WAIT).until(() -> true);
    sim().clock().advance(Duration.ofSeconds(31));
    await().atMost(WAIT).until(() -> deliveriesOf(chat).stream().anyMatch(d -> d.attempt() > 1 && d.succeeded()));

    assertThat(chat.answers()).hasSize(1);
  }

  private static io.restassured.response.Response deliver(String event) {
    return given().header("x-api-key", US_KEY).contentType(ContentType.JSON).body(event).post("/gladly/us-store/chat");
  }

  private static List<Delivery> deliveriesOf(CustomerActions.Chat chat) {
    return sim().deliveries().stream().filter(d -> d.requestBody().contains(chat.conversationId())).toList();
  }

  private static long failedAttempts(CustomerActions.Chat chat) {
    return deliveriesOf(chat).stream().filter(d -> !d.succeeded()).count();
  }

  private static boolean sameEventRedeliveredUntilSuccess(CustomerActions.Chat chat) {
    List<Delivery> all = deliveriesOf(chat);
    Delivery failed = all.stream().filter(d -> !d.succeeded()).findFirst().orElseThrow();
    return all.stream().anyMatch(d -> d.eventId().equals(failed.eventId()) && d.attempt() > failed.attempt() && d.succeeded());
  }
}
