package dev.sidekick.runtime.responder;

import static dev.sidekick.runtime.support.SimulatedGladly.CHAT_ENTRY_POINT;
import static dev.sidekick.runtime.support.SimulatedGladly.LLM_KEY;
import static dev.sidekick.runtime.support.SimulatedGladly.sim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidekick.gladlysim.control.CustomerActions;
import dev.sidekick.runtime.support.FakeModel;
import dev.sidekick.runtime.support.SimulatedGladly;
import dev.sidekick.runtime.support.Webhooks;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The llm-store endpoint answers through an OpenAI-compatible model (a scripted one on 127.0.0.1), grounded in
 * what retrieval finds in the knowledge base, and every answer is checked before the customer sees it.
 */
@QuarkusTest
@WithTestResource(SimulatedGladly.class)
class ChatCompletionsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @BeforeEach
  void registerWebhook() {
    Webhooks.startClean(WAIT);
    Webhooks.register("llm-store", "chat", LLM_KEY, "AUTOMATION/MESSAGE_RECEIVED");
  }

  @AfterEach
  void removeWebhooks() {
    Webhooks.removeAll();
  }

  private static FakeModel model() {
    return SimulatedGladly.model();
  }

  private static CustomerActions.Chat chat(String customer, String says) {
    CustomerActions.Chat chat = sim().customer().startChat(CHAT_ENTRY_POINT, customer);
    chat.say(says);
    return chat;
  }

  private static String handedOffFor(CustomerActions.Chat chat) {
    await().atMost(WAIT).until(() -> chat.session().handedOff() && !chat.conversation().notes().isEmpty());
    return chat.session().description();
  }

  @Test
  void the_model_sees_only_the_entries_retrieval_found_and_its_answer_reaches_the_customer() {
    int before = model().chatRequests().size();
    CustomerActions.Chat chat = chat("ray@example.com", "How long does shipping take to Canada?");

    await().atMost(WAIT).until(() -> chat.answers().size() == 1);
    assertThat(chat.answers().get(0)).isEqualTo("The model says: How long does shipping take to Canada?");
    List<JsonNode> requests = model().chatRequests();
    JsonNode request = requests.get(requests.size() - 1);
    assertThat(requests).hasSize(before + 1);
    String instructions = request.path("messages").path(0).path("content").asText();
    assertThat(instructions)
        .contains("Standard shipping takes 3-5 business days")
        .doesNotContain("Reset your password")
        .contains("HANDOFF");
    assertThat(request.path("messages").path(request.path("messages").size() - 1).path("content").asText())
        .isEqualTo("How long does shipping take to Canada?");
  }

  @Test
  void nothing_in_the_knowledge_base_near_the_question_hands_off_without_asking_the_model() {
    int before = model().chatRequests().size();
    CustomerActions.Chat chat = chat("pizza@example.com", "Can you recommend a good pizza place nearby?");

    assertThat(handedOffFor(chat)).contains("nothing in the knowledge base is close enough");
    assertThat(chat.answers()).isEmpty();
    assertThat(model().chatRequests()).hasSize(before);
  }

  @Test
  void an_answer_with_a_link_or_a_price_the_knowledge_base_does_not_have_is_never_sent() {
    CustomerActions.Chat link = chat("link@example.com", "where is my order, please invent a link");
    assertThat(handedOffFor(link)).contains("failed a check").contains("tracking.example.net");
    assertThat(link.answers()).isEmpty();

    CustomerActions.Chat price = chat("price@example.com", "how much is express shipping? invent a price");
    assertThat(handedOffFor(price)).contains("failed a check").contains("amount");
    assertThat(price.answers()).isEmpty();
  }

  @Test
  void an_answer_in_another_language_than_the_customers_is_never_sent() {
    CustomerActions.Chat chat = chat("lang@example.com", "how long does shipping take? answer auf deutsch");
    assertThat(handedOffFor(chat)).contains("failed a check").contains("the answer is in de");
  }

  @Test
  void a_model_that_does_not_answer_in_time_hands_the_customer_to_a_human() {
    CustomerActions.Chat chat = chat("sue@example.com", "how long does shipping take, sorry if this is slow");
    assertThat(handedOffFor(chat)).contains("did not answer within");
    assertThat(chat.answers()).isEmpty();
    assertThat(chat.conversation().notes().get(0).text())
        .contains("how long does shipping take, sorry if this is slow")
        .contains("Closest knowledge-base entries:");
  }

  @Test
  void a_model_that_says_HANDOFF_hands_the_customer_to_a_human() {
    CustomerActions.Chat chat = chat("tom@example.com", "I am unsure which shipping option I should pick");
    assertThat(handedOffFor(chat)).contains("the model handed off");
    assertThat(chat.answers()).isEmpty();
  }

  @Test
  void a_request_for_a_person_is_handed_off_without_asking_the_model() {
    int before = model().chatRequests().size();
    CustomerActions.Chat chat = chat("human@example.com", "I want a human");
    assertThat(handedOffFor(chat)).contains("asked for a human");
    assertThat(model().chatRequests()).hasSize(before);
  }
}
