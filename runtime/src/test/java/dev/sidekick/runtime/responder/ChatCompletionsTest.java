package dev.sidekick.runtime.responder;

import static dev.sidekick.runtime.support.SimulatedGladly.CHAT_ENTRY_POINT;
import static dev.sidekick.runtime.support.SimulatedGladly.LLM_KEY;
import static dev.sidekick.runtime.support.SimulatedGladly.sim;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sidekick.gladlysim.control.CustomerActions;
import dev.sidekick.runtime.support.SimulatedGladly;
import dev.sidekick.runtime.support.Webhooks;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The llm-store endpoint answers through an OpenAI-compatible model (a fake one on 127.0.0.1). */
@QuarkusTest
@WithTestResource(SimulatedGladly.class)
class ChatCompletionsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @BeforeEach
  void registerWebhook() {
    await().atMost(WAIT).until(() -> given().get("/q/health/ready").statusCode() == 200);
    Webhooks.removeAll();
    Webhooks.register("llm-store", "chat", LLM_KEY, "AUTOMATION/MESSAGE_RECEIVED");
  }

  @AfterEach
  void removeWebhooks() {
    Webhooks.removeAll();
  }

  @Test
  void the_models_answer_reaches_the_customer() {
    CustomerActions.Chat chat = sim().customer().startChat(CHAT_ENTRY_POINT, "ray@example.com");
    chat.say("Do you ship to Canada?");

    await().atMost(WAIT).until(() -> chat.answers().size() == 1);
    assertThat(chat.answers().get(0)).isEqualTo("The model says: Do you ship to Canada?");
  }

  @Test
  void a_model_that_does_not_answer_in_time_hands_the_customer_to_a_human() {
    CustomerActions.Chat chat = sim().customer().startChat(CHAT_ENTRY_POINT, "sue@example.com");
    chat.say("this will be slow, sorry");

    await().atMost(WAIT).until(() -> chat.session().handedOff());
    assertThat(chat.session().description()).contains("did not answer within");
    assertThat(chat.answers()).isEmpty();
    await().atMost(WAIT).until(() -> !chat.conversation().notes().isEmpty());
    assertThat(chat.conversation().notes().get(0).text()).contains("this will be slow, sorry");
  }

  @Test
  void a_model_that_says_HANDOFF_hands_the_customer_to_a_human() {
    CustomerActions.Chat chat = sim().customer().startChat(CHAT_ENTRY_POINT, "tom@example.com");
    chat.say("I want a human");

    await().atMost(WAIT).until(() -> chat.session().handedOff());
    assertThat(chat.answers()).isEmpty();
  }
}
