package dev.sidekick.runtime.dedupe;

import static dev.sidekick.runtime.support.SimulatedGladly.CHAT_ENTRY_POINT;
import static dev.sidekick.runtime.support.SimulatedGladly.EMAIL_ENTRY_POINT;
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
  private static final String SHIPPING_QUESTION = "what is the shipping time?";
  private static final String SHIPPING_ANSWER =
      "Standard shipping takes 3-5 business days and is free over $50; express takes 1-2 days for $12.";

  @jakarta.inject.Inject dev.sidekick.runtime.webhook.EventIntake intake;
  @jakarta.inject.Inject dev.sidekick.runtime.RuntimeState state;

  @BeforeEach
  void ready() {
    Webhooks.startClean(WAIT);
  }

  @AfterEach
  void clean() {
    Webhooks.removeAll();
  }

  @Test
  void a_message_catch_up_answered_is_not_answered_again_by_gladlys_delivery_of_it_under_another_id() throws Exception {
    String id = sim().customer().sendEmail("cal@example.com", EMAIL_ENTRY_POINT, "Hours", "What are your opening hours?");
    String item = sim().state().conversation(id).messages().get(0).id();
    var endpoint = state.config().orElseThrow().endpoint("us-store").orElseThrow();
    // catch-up reads the message from the Events API (an event id of its own) and answers it
    intake.caughtUp(endpoint, new com.fasterxml.jackson.databind.ObjectMapper().readTree(
        Events.messageReceived(Events.newId(), id, item)), dev.sidekick.runtime.gladly.Deadline.in(Duration.ofSeconds(8)));
    assertThat(emailReplies(id)).hasSize(1);

    // then Gladly's own delivery of the same message comes in: fresh, nothing says it may have been answered but this
    given().header("x-api-key", US_KEY).contentType(ContentType.JSON).body(Events.messageReceived(Events.newId(), id, item))
        .post("/gladly/us-store/messaging")
        .then().statusCode(200).body("outcome", org.hamcrest.Matchers.is("duplicate"));
    assertThat(emailReplies(id)).hasSize(1);
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
   * reaches a process with no record of the event or its message. Its age says it is a redelivery, so the transcript
   * is read before answering, and the answer already there is not sent again.
   */
  @Test
  void a_redelivery_this_process_has_no_record_of_is_checked_in_gladly_before_answering() {
    Asked asked = answeredElsewhere("ida@example.com");
    String unknownRedelivery = Events.recordedAgo(Events.chatMessage(Events.newId(), asked.chat().sessionId(),
        asked.chat().conversationId(), asked.message(), SHIPPING_QUESTION), Duration.ofSeconds(40));
    deliver(unknownRedelivery).then().statusCode(200);
    assertThat(asked.chat().answers()).as("answers after the redelivery").hasSize(1);

    // the check is what kept it single: the same situation with an event recorded just now is a first delivery
    Asked control = answeredElsewhere("ivy@example.com");
    deliver(Events.chatMessage(Events.newId(), control.chat().sessionId(), control.chat().conversationId(),
        control.message(), SHIPPING_QUESTION)).then().statusCode(200);
    assertThat(control.chat().answers()).as("a fresh event is answered without the check").hasSize(2);
  }

  private record Asked(CustomerActions.Chat chat, String message) {}

  /** A customer's question answered by another replica (through Gladly's API as Sidekick), unknown to this process. */
  private static Asked answeredElsewhere(String customer) {
    CustomerActions.Chat chat = sim().customer().startChat(CHAT_ENTRY_POINT, customer);
    String message = chat.say(SHIPPING_QUESTION);
    given().auth().preemptive().basic(SimulatedGladly.SIDEKICK_EMAIL, SimulatedGladly.SIDEKICK_TOKEN)
        .contentType(ContentType.JSON)
        .body(java.util.Map.of("type", "TEXT", "content", java.util.Map.of("value", SHIPPING_ANSWER)))
        .post(sim().baseUrl() + "/api/v1/message-automation/sessions/" + chat.sessionId() + "/messages")
        .then().statusCode(org.hamcrest.Matchers.lessThan(300));
    assertThat(chat.answers()).hasSize(1);
    return new Asked(chat, message);
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

  private static List<dev.sidekick.gladlysim.state.Item> emailReplies(String conversation) {
    return sim().state().conversation(conversation).messages().stream().filter(m -> !m.isCustomerMessage()).toList();
  }
}
