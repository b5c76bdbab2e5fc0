package dev.sidekick.gladlysim;

import static dev.sidekick.gladlysim.testing.Gladly.api;
import static dev.sidekick.gladlysim.testing.Gladly.as;
import static dev.sidekick.gladlysim.testing.Gladly.createWebhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.sidekick.gladlysim.testing.Gladly;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What people do in Gladly's UI, which a client of the API only notices afterwards. */
class AdminActionsTest {
  @RegisterExtension
  static final GladlySimExtension gladly = Gladly.acme();

  @AfterEach
  void payloadsConform() {
    Gladly.assertPayloadsConform(gladly);
  }

  @Test
  void an_admin_disables_edits_and_deletes_webhooks_in_the_ui() {
    String id = createWebhook(gladly, "{\"url\":\"" + gladly.receiverUrl("/ui") + "\",\"events\":[\"CONTACT/MESSAGE_RECEIVED\"],\"enabled\":true}");
    gladly.admin().setWebhookEvents(id, "CONVERSATION/CLOSED");
    api(gladly).get("/api/v1/webhooks/" + id).then().body("events", equalTo(List.of("CONVERSATION/CLOSED")));
    gladly.admin().disableWebhook(id);
    gladly.customer().sendEmail("martha@example.com", "support@acme.example", "Hi", "Help");
    assertThat(gladly.deliveries(id)).isEmpty();
    gladly.admin().deleteWebhook(id);
    api(gladly).get("/api/v1/webhooks/" + id).then().statusCode(404);
  }

  @Test
  void an_agent_takes_and_closes_a_conversation() {
    createWebhook(gladly, "{\"url\":\"" + gladly.receiverUrl("/closed") + "\",\"events\":[\"CONVERSATION/CLOSED\"],\"enabled\":true}");
    String conversationId = gladly.customer().sendEmail("martha@example.com", "support@acme.example", "Hi", "Help");
    gladly.admin().assignToAgent(conversationId, "hank@acme.example");
    api(gladly).get("/api/v1/conversations/" + conversationId).then()
        .body("agentId", equalTo(gladly.state().agent("hank@acme.example").id()));
    gladly.admin().closeConversation(conversationId);
    api(gladly).get("/api/v1/conversations/" + conversationId).then().body("status", equalTo("CLOSED"));
    await().atMost(Duration.ofSeconds(5)).until(() -> gladly.receiver().requests("/closed").size() == 2);
    assertThat(gladly.receiver().requests("/closed").get(1).json().at("/content/conversationId").asText()).isEqualTo(conversationId);
    assertThat(gladly.apiCalls().count("PATCH", "/api/v1/conversations/*")).as("a UI action, not an API call").isZero();
  }

  @Test
  void new_agents_and_disabled_inboxes_show_in_the_directory() {
    gladly.admin().addAgent("Nina New", "nina@acme.example", "nina-token", List.of("AGENT", "API_USER"), "Returns");
    gladly.admin().disableInbox("Returns");
    as(gladly, "nina@acme.example", "nina-token").get("/api/v1/agents").then().statusCode(200)
        .body("emailAddress", hasItem("nina@acme.example"));
    api(gladly).get("/api/v1/inboxes/" + gladly.state().inboxId("Returns")).then().body("disabled", equalTo(true));
    assertThat(gladly.state().agent("nina@acme.example").inboxIds()).containsExactly(gladly.state().inboxId("Returns"));
  }
}
