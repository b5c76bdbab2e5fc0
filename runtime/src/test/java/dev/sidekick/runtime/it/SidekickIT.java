package dev.sidekick.runtime.it;

import static dev.sidekick.runtime.support.SimulatedGladly.CHAT_ENTRY_POINT;
import static dev.sidekick.runtime.support.SimulatedGladly.EMAIL_ENTRY_POINT;
import static dev.sidekick.runtime.support.SimulatedGladly.US_KEY;
import static dev.sidekick.runtime.support.SimulatedGladly.sim;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import dev.sidekick.gladlysim.control.CustomerActions;
import dev.sidekick.runtime.support.Events;
import dev.sidekick.runtime.support.SimulatedGladly;
import dev.sidekick.runtime.support.Webhooks;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged runtime (the jar, or the native executable with -Dnative) against the simulator: what the
 * reflection-free JSON handling, the YAML loading and the HTTP clients must do in a native image too.
 */
@QuarkusIntegrationTest
@WithTestResource(SimulatedGladly.class)
class SidekickIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @BeforeEach
  void ready() {
    Webhooks.startClean(WAIT);
  }

  @AfterEach
  void clean() {
    Webhooks.removeAll();
  }

  @Test
  void a_chat_customer_is_answered_and_a_request_for_a_human_is_handed_off() {
    Webhooks.register("us-store", "chat", US_KEY, "AUTOMATION/MESSAGE_RECEIVED");
    CustomerActions.Chat chat = sim().customer().startChat(CHAT_ENTRY_POINT, "it-chat@example.com");
    chat.say("where is my order?");
    await().atMost(WAIT).until(() -> chat.answers().size() == 1);
    chat.say("I want to talk to a person");
    await().atMost(WAIT).until(() -> chat.session().handedOff() && !chat.conversation().notes().isEmpty());
    assertThat(chat.answers()).hasSize(1);
  }

  @Test
  void an_email_customer_gets_a_reply() {
    Webhooks.register("us-store", "messaging", US_KEY, "MESSAGE/RECEIVED");
    String id = sim().customer().sendEmail("it-mail@example.com", EMAIL_ENTRY_POINT, "Hours", "What are your opening hours?");
    await().atMost(WAIT).until(() -> sim().state().conversation(id).messages().stream().anyMatch(i -> !i.isCustomerMessage()));
  }

  @Test
  void webhook_answers_and_metrics_work_in_the_package() {
    given().header("x-api-key", "wrong").contentType(ContentType.JSON).body(Events.ping())
        .post("/gladly/us-store/chat").then().statusCode(401);
    given().header("x-api-key", US_KEY).contentType(ContentType.JSON).body("{oops")
        .post("/gladly/us-store/chat").then().statusCode(400);
    given().header("x-api-key", US_KEY).contentType(ContentType.JSON).body(Events.ping())
        .post("/gladly/us-store/chat").then().statusCode(200).body("outcome", is("ping"));
    given().get("/q/metrics").then().statusCode(200)
        .body(containsString("sidekick_events_total{endpoint=\"us-store\",outcome=\"ping\",type=\"PING\"}"));
    assertThat(SimulatedGladly.configDir()).exists();
  }
}
