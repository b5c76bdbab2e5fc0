package dev.sidekick.runtime.shadow;

import static dev.sidekick.runtime.support.SimulatedGladly.TRIAL_CHAT_ENTRY_POINT;
import static dev.sidekick.runtime.support.SimulatedGladly.TRIAL_EMAIL_ENTRY_POINT;
import static dev.sidekick.runtime.support.SimulatedGladly.TRIAL_KEY;
import static dev.sidekick.runtime.support.SimulatedGladly.sim;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sidekick.gladlysim.control.CustomerActions;
import dev.sidekick.gladlysim.control.Fault;
import dev.sidekick.gladlysim.state.Conversation;
import dev.sidekick.gladlysim.state.Item;
import dev.sidekick.runtime.support.Events;
import dev.sidekick.runtime.support.SimulatedGladly;
import dev.sidekick.runtime.support.Webhooks;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A brand in shadow mode (endpoint trial-store): Sidekick never writes to its customers; the agents find one note per
 * customer message with what Sidekick would have done, however Gladly's answers get lost and events come again.
 */
@QuarkusTest
@WithTestResource(SimulatedGladly.class)
class ShadowModeTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String SESSION = "/api/v1/message-automation/sessions/";

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
  void an_email_gets_one_note_per_message_and_nothing_reaches_the_customer() {
    Webhooks.register("trial-store", "messaging", TRIAL_KEY, "MESSAGE/RECEIVED");
    String id = sim().customer().sendEmail("sam@example.com", TRIAL_EMAIL_ENTRY_POINT, "Shipping", "How long does shipping take?");

    await().atMost(WAIT).until(() -> notes(id).size() == 1);
    assertThat(notes(id).get(0))
        .startsWith(ShadowNote.WOULD_ANSWER)
        .contains("> Standard shipping takes 3-5 business days")
        .contains("Why: knowledge base: shipping")
        .contains("Customer: Shipping How long does shipping take?")
        .contains("Nothing was sent to the customer.")
        .endsWith("\nProposal: answer shipping");
    Conversation.View conversation = sim().state().conversation(id);
    assertThat(replies(id)).isEmpty();
    assertThat(conversation.agentId()).as("not taken by Sidekick").isNull();
    assertThat(conversation.inboxId()).isEqualTo(sim().state().inboxId("Trial"));
    assertThat(conversation.topicIds()).isEmpty();

    sim().customer().sendEmail("sam@example.com", TRIAL_EMAIL_ENTRY_POINT, "Re: Shipping", "Can I speak to someone about a complaint?");
    await().atMost(WAIT).until(() -> notes(id).size() == 2);
    assertThat(notes(id).get(1)).startsWith(ShadowNote.WOULD_HAND_OFF).contains("Customer: Re: Shipping Can I speak to someone")
        .endsWith("\nProposal: hand off");
    assertThat(replies(id)).isEmpty();
    assertThat(sim().state().conversation(id).agentId()).isNull();
  }

  @Test
  void the_webhook_answer_and_the_metrics_say_what_sidekick_would_have_done() {
    String id = sim().customer().sendEmail("sol@example.com", TRIAL_EMAIL_ENTRY_POINT, "Hours", "What are your opening hours?");
    String item = sim().state().conversation(id).messages().get(0).id();

    given().header("x-api-key", TRIAL_KEY).contentType(ContentType.JSON)
        .body(Events.messageReceived(Events.newId(), id, item))
        .post("/gladly/trial-store/messaging")
        .then().statusCode(200).body("outcome", org.hamcrest.Matchers.is("shadow_answered"));
    assertThat(notes(id)).singleElement().asString().contains("Monday to Friday");
    assertThat(replies(id)).isEmpty();
    String metrics = given().get("/q/metrics").asString();
    assertThat(metrics).containsPattern(
        "sidekick_events_total\\{[^}]*endpoint=\"trial-store\"[^}]*outcome=\"shadow_answered\"[^}]*} [1-9]");
  }

  @Test
  void a_chat_goes_to_a_person_at_once_with_the_note_and_without_a_word_from_sidekick() {
    Webhooks.register("trial-store", "chat", TRIAL_KEY, "AUTOMATION/MESSAGE_RECEIVED");
    CustomerActions.Chat chat = sim().customer().startChat(TRIAL_CHAT_ENTRY_POINT, "tia@example.com");
    chat.say("how long does shipping take?");

    await().atMost(WAIT).until(() -> chat.session().handedOff() && !chat.conversation().notes().isEmpty());
    assertThat(chat.answers()).as("no bot message").isEmpty();
    assertThat(sim().apiCalls().count("POST", SESSION + chat.sessionId() + "/typing-indicators"))
        .as("not even a typing indicator").isZero();
    assertThat(chat.conversation().notes()).singleElement().extracting(Item::text).asString()
        .startsWith(ShadowNote.WOULD_ANSWER)
        .contains("> Standard shipping takes 3-5 business days");
  }

  @Test
  void catch_up_notes_a_message_of_an_outage_once_and_leaves_one_noted_before_alone() throws Exception {
    var endpoint = state.config().orElseThrow().endpoint("trial-store").orElseThrow();
    String noted = sim().customer().sendEmail("nel@example.com", TRIAL_EMAIL_ENTRY_POINT, "Hours", "What are your opening hours?");
    String notedItem = sim().state().conversation(noted).messages().get(0).id();
    deliverer(Events.messageReceived(Events.newId(), noted, notedItem)).run();
    assertThat(notes(noted)).hasSize(1);
    String missed = sim().customer().sendEmail("ned@example.com", TRIAL_EMAIL_ENTRY_POINT, "Hours", "What are your opening hours?");
    String missedItem = sim().state().conversation(missed).messages().get(0).id();

    // the Events API's copies of both, with ids of their own, as catch-up reads them after an outage
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    for (String[] m : List.of(new String[] {noted, notedItem}, new String[] {missed, missedItem})) {
      intake.caughtUp(endpoint, json.readTree(Events.messageReceived(Events.newId(), m[0], m[1])),
          dev.sidekick.runtime.gladly.Deadline.in(Duration.ofSeconds(8)));
    }

    assertThat(notes(noted)).as("noted before the outage: left alone").hasSize(1);
    assertThat(notes(missed)).as("a message of the outage: noted once").singleElement().asString()
        .startsWith(ShadowNote.WOULD_ANSWER);
    assertThat(replies(missed)).isEmpty();
  }

  @Test
  void every_note_whose_answer_is_lost_is_written_once_and_redeliveries_add_none() {
    Map<String, UnaryOperator<Fault>> losses = new LinkedHashMap<>();
    losses.put("500", f -> f.status(500));
    losses.put("504", f -> f.status(504));
    losses.put("timeout", Fault::timeout);
    losses.put("reset", Fault::reset);
    Map<String, Runnable> deliveries = new LinkedHashMap<>();
    losses.forEach((name, loss) -> {
      String id = sim().customer().sendEmail("lost-" + name + "@example.com", TRIAL_EMAIL_ENTRY_POINT, "Hours", "What are your opening hours?");
      String item = sim().state().conversation(id).messages().get(0).id();
      sim().faults().add(loss.apply(Fault.on("POST", "/api/v1/conversations/" + id + "/notes")).afterApplying().times(1));
      deliveries.put(id, deliverer(Events.messageReceived(Events.newId(), id, item)));
    });
    deliveries.values().forEach(Runnable::run);

    await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> exactlyOneNoteEach(deliveries.keySet()));
    deliveries.values().forEach(Runnable::run); // Gladly's redeliveries: duplicates now
    exactlyOneNoteEach(deliveries.keySet());
  }

  private static void exactlyOneNoteEach(Iterable<String> conversations) {
    SoftAssertions softly = new SoftAssertions();
    for (String id : conversations) {
      softly.assertThat(notes(id)).as("notes of %s", id).hasSize(1);
      softly.assertThat(replies(id)).as("replies of %s", id).isEmpty();
    }
    softly.assertAll();
  }

  /** Delivers the event as Gladly does; a 503 is expected while Gladly's answer is lost. */
  private static Runnable deliverer(String event) {
    return () -> {
      int status = given().header("x-api-key", TRIAL_KEY).contentType(ContentType.JSON).body(event)
          .post("/gladly/trial-store/messaging").statusCode();
      assertThat(status).isIn(200, 503);
    };
  }

  private static List<String> notes(String conversation) {
    return sim().state().conversation(conversation).notes().stream().map(Item::text).toList();
  }

  private static List<Item> replies(String conversation) {
    return sim().state().conversation(conversation).messages().stream().filter(i -> !i.isCustomerMessage()).toList();
  }
}
