package dev.sidekick.gladlysim;

import static dev.sidekick.gladlysim.testing.Gladly.acme;
import static dev.sidekick.gladlysim.testing.Gladly.api;
import static dev.sidekick.gladlysim.testing.Gladly.createWebhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sidekick.gladlysim.control.CustomerActions.Chat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many customers and a busy bot at once: nothing is lost, every event is delivered once. */
class ConcurrencyTest {
  @RegisterExtension
  static final GladlySimExtension gladly = acme();

  @Test
  void twenty_customers_chatting_while_the_bot_answers_each_keep_their_whole_conversation() throws Exception {
    createWebhook(gladly, "{\"url\":\"" + gladly.receiverUrl("/busy") + "\",\"events\":[\"AUTOMATION/MESSAGE_RECEIVED\"],\"enabled\":true}");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Chat>> chats = new ArrayList<>();
      for (int c = 0; c < 20; c++) {
        int customer = c;
        chats.add(pool.submit(() -> {
          Chat chat = gladly.customer().startChat("chat-us-store", "customer" + customer + "@example.com");
          for (int m = 0; m < 5; m++) {
            chat.say("message " + m);
            api(gladly).body("{\"type\":\"TEXT\",\"content\":{\"value\":\"answer " + m + "\"}}")
                .post("/api/v1/message-automation/sessions/" + chat.sessionId() + "/messages").then().statusCode(200);
          }
          return chat;
        }));
      }
      for (Future<Chat> f : chats) {
        Chat chat = f.get();
        assertThat(chat.session().messages()).hasSize(10);
        assertThat(chat.answers()).containsExactly("answer 0", "answer 1", "answer 2", "answer 3", "answer 4");
      }
    } finally {
      pool.shutdownNow();
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> gladly.receiver().requests("/busy").size() == 1 + 100);
    assertThat(gladly.receiver().requests("/busy").stream().map(r -> r.json().path("id").asText()).distinct().count()).isEqualTo(101);
  }
}
