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
import dev.sidekick.gladlysim.state.Conversation;
import dev.sidekick.gladlysim.state.Item;
import dev.sidekick.runtime.support.Events;
import dev.sidekick.runtime.support.SimulatedGladly;
import dev.sidekick.runtime.support.Webhooks;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Gladly does the work and the answer is lost on the way back: a 500, a gateway's 502, 503 or 504, a timeout, a reset.
 * Whatever the write (a chat message, a menu, a hand-off, a close, an email reply, a note), the customer gets exactly
 * one: the write is checked in Gladly before it is sent again. All 36 cases run side by side, each on its own customer.
 */
@QuarkusTest
@WithTestResource(SimulatedGladly.class)
class LostAnswersTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String SESSION = "/api/v1/message-automation/sessions/";

  /** How the answer to an applied write is lost. */
  enum Loss {
    STATUS_500(f -> f.status(500)),
    STATUS_502(f -> f.status(502)),
    STATUS_503(f -> f.status(503)),
    STATUS_504(f -> f.status(504)),
    TIMEOUT(Fault::timeout),
    RESET(Fault::reset);

    final Function<Fault, Fault> kind;

    Loss(Function<Fault, Fault> kind) {
      this.kind = kind;
    }

    Fault on(String method, String path) {
      return kind.apply(Fault.on(method, path)).afterApplying().times(1);
    }
  }

  /** One customer whose write of one kind loses its answer once. */
  private interface Case {
    void check(SoftAssertions softly);
  }

  @BeforeEach
  void ready() {
    Webhooks.startClean(WAIT);
  }

  @AfterEach
  void clean() {
    Webhooks.removeAll();
  }

  @Test
  void every_write_whose_answer_is_lost_reaches_the_customer_exactly_once() {
    List<Case> cases = new ArrayList<>();
    // messaging first, delivered by the test as Gladly would (the reply's path names the message, known only once it exists)
    List<Runnable> deliveries = new ArrayList<>();
    for (Loss loss : Loss.values()) {
      cases.add(emailReply(loss, deliveries));
      cases.add(handoffNote(loss, deliveries));
    }
    Webhooks.register("us-store", "chat", US_KEY, "AUTOMATION/MESSAGE_RECEIVED");
    for (Loss loss : Loss.values()) {
      cases.add(chatMessage(loss));
      cases.add(chatMenu(loss));
      cases.add(chatHandoff(loss));
      cases.add(chatClose(loss));
    }
    deliveries.forEach(Runnable::run);

    await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertAll(cases));
    // the runtime's follow-ups and Gladly's redeliveries (30 s later) come and go: still exactly one of each
    await().pollDelay(Duration.ofSeconds(6)).atMost(WAIT).until(() -> true);
    sim().clock().advance(Duration.ofSeconds(31));
    sim().awaitDeliveries(Duration.ofSeconds(20));
    deliveries.forEach(Runnable::run); // Gladly's redelivery of the messaging events: duplicates now
    assertAll(cases);
    assertThat(sim().state().webhooks()).allMatch(w -> w.enabled());
  }

  private static void assertAll(List<Case> cases) {
    SoftAssertions softly = new SoftAssertions();
    cases.forEach(c -> c.check(softly));
    softly.assertAll();
  }

  private Case chatMessage(Loss loss) {
    CustomerActions.Chat chat = sim().customer().startChat(CHAT_ENTRY_POINT, "msg-" + loss + "@example.com");
    sim().faults().add(loss.on("POST", SESSION + chat.sessionId() + "/messages"));
    chat.say("where is my order?");
    return softly -> softly.assertThat(chat.answers()).as("chat message after %s", loss).containsExactly(
        "You can follow your order at https://shop.example.com/orders: sign in and pick the order to see its tracking link.");
  }

  private Case chatMenu(Loss loss) {
    CustomerActions.Chat chat = sim().customer().startChat(CHAT_ENTRY_POINT, "menu-" + loss + "@example.com");
    // the answer's text goes first, the menu second: the menu's answer is lost
    sim().faults().add(loss.on("POST", SESSION + chat.sessionId() + "/messages").skip(1));
    chat.say("I want to return these shoes");
    return softly -> {
      softly.assertThat(chat.messages().stream().filter(l -> !l.menuItems().isEmpty()).count())
          .as("menus after %s", loss).isEqualTo(1);
      softly.assertThat(chat.answers()).as("chat answers with a menu after %s", loss).hasSize(2);
    };
  }

  private Case chatHandoff(Loss loss) {
    CustomerActions.Chat chat = sim().customer().startChat(CHAT_ENTRY_POINT, "handoff-" + loss + "@example.com");
    sim().faults().add(loss.on("POST", SESSION + chat.sessionId() + "/handoff"));
    chat.say("I need a human please");
    return softly -> {
      softly.assertThat(chat.session().handedOff()).as("handed off after %s", loss).isTrue();
      softly.assertThat(chat.messages().stream().filter(l -> l.type().equals("HANDOFF")).count())
          .as("hand-offs after %s", loss).isEqualTo(1);
      if (chat.session().handedOff()) {
        softly.assertThat(chat.conversation().notes()).as("hand-off notes after %s", loss).hasSize(1);
      }
      softly.assertThat(chat.answers()).as("no answer besides the hand-off (%s)", loss).isEmpty();
    };
  }

  private Case chatClose(Loss loss) {
    CustomerActions.Chat chat = sim().customer().startChat(CHAT_ENTRY_POINT, "close-" + loss + "@example.com");
    sim().faults().add(loss.on("POST", SESSION + chat.sessionId() + "/close"));
    chat.say("Thanks, that's all!");
    return softly -> {
      softly.assertThat(chat.session().closed()).as("closed after %s", loss).isTrue();
      softly.assertThat(chat.messages().stream().filter(l -> l.type().equals("CLOSED")).count())
          .as("closes after %s", loss).isEqualTo(1);
      softly.assertThat(chat.answers()).as("farewells after %s", loss).containsExactly("Glad I could help. Have a great day!");
    };
  }

  private Case emailReply(Loss loss, List<Runnable> deliveries) {
    String id = sim().customer().sendEmail("reply-" + loss + "@example.com", EMAIL_ENTRY_POINT, "Hours", "What are your opening hours?");
    String item = sim().state().conversation(id).messages().get(0).id();
    sim().faults().add(loss.on("POST", "/api/v1/conversation-items/" + item + "/reply"));
    deliveries.add(deliverer(Events.messageReceived(Events.newId(), id, item)));
    return softly -> softly.assertThat(replies(id)).as("email replies after %s", loss).extracting(Item::text)
        .hasSize(1).allMatch(t -> t.contains("Monday to Friday"));
  }

  private Case handoffNote(Loss loss, List<Runnable> deliveries) {
    String id = sim().customer().sendEmail("note-" + loss + "@example.com", EMAIL_ENTRY_POINT, "Help", "I want to talk to a person");
    String item = sim().state().conversation(id).messages().get(0).id();
    sim().faults().add(loss.on("POST", "/api/v1/conversations/" + id + "/notes"));
    deliveries.add(deliverer(Events.messageReceived(Events.newId(), id, item)));
    return softly -> {
      Conversation.View c = sim().state().conversation(id);
      softly.assertThat(c.notes()).as("hand-off notes after %s", loss).hasSize(1);
      softly.assertThat(c.inboxId()).as("handed to the inbox (%s)", loss).isEqualTo(sim().state().inboxId("Support"));
      softly.assertThat(replies(id)).as("no reply besides the hand-off (%s)", loss).isEmpty();
    };
  }

  /** Delivers the event to the runtime as Gladly does; a 503 is expected while Gladly's answer is lost. */
  private static Runnable deliverer(String event) {
    return () -> {
      int status = given().header("x-api-key", US_KEY).contentType(ContentType.JSON).body(event)
          .post("/gladly/us-store/messaging").statusCode();
      assertThat(status).isIn(200, 503);
    };
  }

  private static List<Item> replies(String conversationId) {
    return sim().state().conversation(conversationId).messages().stream().filter(i -> !i.isCustomerMessage()).toList();
  }
}
