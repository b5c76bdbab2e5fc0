package dev.sidekick.gladlysim;

import static dev.sidekick.gladlysim.testing.Gladly.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import dev.sidekick.gladlysim.control.ApiCall;
import dev.sidekick.gladlysim.control.Fault;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A reliability test makes Gladly misbehave on purpose: errors, slowness, timeouts, 429 bursts. */
class FaultInjectionTest {
  @RegisterExtension
  static final GladlySimExtension gladly = GladlySimExtension.seeded("acme")
      .configure(o -> o.rateLimitEnabled(false).faultTimeoutHold(Duration.ofMillis(300)));

  @Test
  void a_path_fails_with_the_injected_status_the_given_number_of_times() {
    String conversationId = gladly.customer().sendEmail("martha@example.com", "support@acme.example", "Hi", "Question");
    String itemId = gladly.state().conversation(conversationId).items().get(0).id();
    gladly.faults().add(Fault.on("POST", "/api/v1/conversation-items/*/reply").status(503).times(2));
    String reply = "{\"content\":{\"type\":\"EMAIL\",\"body\":\"Answer\"}}";

    api(gladly).body(reply).post("/api/v1/conversation-items/" + itemId + "/reply").then().statusCode(503)
        .body("errors[0].code", equalTo("temporary_failure"));
    api(gladly).body(reply).post("/api/v1/conversation-items/" + itemId + "/reply").then().statusCode(503);
    api(gladly).get("/api/v1/conversations/" + conversationId).then().statusCode(200);
    api(gladly).body(reply).post("/api/v1/conversation-items/" + itemId + "/reply").then().statusCode(201);
    assertThat(gladly.state().conversation(conversationId).messages()).as("the failed calls changed nothing").hasSize(2);
  }

  @Test
  void a_gateway_error_after_applying_loses_the_answer_but_not_the_reply() {
    String conversationId = gladly.customer().sendEmail("martha@example.com", "support@acme.example", "Hi", "Question");
    String itemId = gladly.state().conversation(conversationId).items().get(0).id();
    gladly.faults().add(Fault.on("POST", "/api/v1/conversation-items/*/reply").status(502).afterApplying().times(1));
    String reply = "{\"content\":{\"type\":\"EMAIL\",\"body\":\"Answer\"}}";

    api(gladly).body(reply).post("/api/v1/conversation-items/" + itemId + "/reply").then().statusCode(502);
    assertThat(gladly.state().conversation(conversationId).messages()).as("the reply was made all the same").hasSize(2);
    assertThat(gladly.apiCalls().matching("POST", "/api/v1/conversation-items/*/reply")).extracting(ApiCall::status)
        .containsExactly(502);
  }

  @Test
  void a_reset_after_applying_drops_the_connection_after_doing_the_work() {
    var chat = gladly.customer().startChat("chat-us-store", "reset@example.com");
    chat.say("hello");
    gladly.faults().add(Fault.on("POST", "/api/v1/message-automation/sessions/*/messages").reset().afterApplying().times(1));

    assertThatThrownBy(() -> api(gladly).body("{\"type\":\"TEXT\",\"content\":{\"value\":\"Hi there\"}}")
        .post("/api/v1/message-automation/sessions/" + chat.sessionId() + "/messages")).isInstanceOf(Exception.class);
    assertThat(chat.answers()).containsExactly("Hi there");
  }

  @Test
  void a_reset_before_applying_changes_nothing() {
    String conversationId = gladly.customer().sendEmail("martha@example.com", "support@acme.example", "Hi", "Question");
    gladly.faults().add(Fault.on("POST", "/api/v1/conversations/*/notes").reset().times(1));
    assertThatThrownBy(() -> api(gladly).body("{\"content\":{\"body\":\"summary\"}}")
        .post("/api/v1/conversations/" + conversationId + "/notes")).isInstanceOf(Exception.class);
    assertThat(gladly.state().conversation(conversationId).notes()).isEmpty();
  }

  @Test
  void a_slow_answer_after_applying_arrives_late_with_the_injected_status() {
    String conversationId = gladly.customer().sendEmail("martha@example.com", "support@acme.example", "Hi", "Question");
    gladly.faults().add(Fault.on("POST", "/api/v1/conversations/*/notes").status(504).latency(Duration.ofMillis(200))
        .afterApplying().times(1));
    long start = System.nanoTime();
    api(gladly).body("{\"content\":{\"body\":\"summary\"}}").post("/api/v1/conversations/" + conversationId + "/notes")
        .then().statusCode(504);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    assertThat(gladly.state().conversation(conversationId).notes()).hasSize(1);
  }

  @Test
  void latency_delays_the_real_answer() {
    gladly.faults().add(Fault.on("GET", "/api/v1/organization").latency(Duration.ofMillis(200)).times(1));
    api(gladly).get("/api/v1/organization").then().statusCode(200).body("name", equalTo("Acme"));
  }

  @Test
  void a_slow_gladly_still_applies_a_request_whose_client_gave_up_waiting() throws Exception {
    var chat = gladly.customer().startChat("chat-us-store", "bob@example.com");
    chat.say("hello");
    gladly.faults().add(Fault.on("POST", "/api/v1/message-automation/sessions/*/messages").latency(Duration.ofMillis(1500)));
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(gladly.baseUrl() + "/api/v1/message-automation/sessions/"
            + chat.sessionId() + "/messages"))
        .timeout(Duration.ofMillis(300))
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("sidekick@acme.example:sidekick-token".getBytes()))
        .header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"type\":\"TEXT\",\"content\":{\"value\":\"Your parcel is on its way\"}}"))
        .build();
    assertThatThrownBy(() -> java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(java.net.http.HttpTimeoutException.class);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
        .until(() -> chat.answers().contains("Your parcel is on its way"));
  }

  @Test
  void a_timeout_never_answers_and_drops_the_connection() {
    String conversationId = gladly.customer().sendEmail("martha@example.com", "support@acme.example", "Hi", "Question");
    gladly.faults().add(Fault.on("POST", "/api/v1/conversations/*/notes").timeout());
    String note = "{\"content\":{\"body\":\"summary\"}}";
    assertThatThrownBy(() -> api(gladly).body(note).post("/api/v1/conversations/" + conversationId + "/notes"))
        .isInstanceOf(Exception.class);
    gladly.faults().clear();
    api(gladly).body(note).post("/api/v1/conversations/" + conversationId + "/notes").then().statusCode(201);
  }

  @Test
  void a_429_burst_answers_the_next_calls_with_429_whatever_the_budget() {
    gladly.faults().rateLimitBurst(3);
    for (int i = 0; i < 3; i++) {
      api(gladly).get("/api/v1/topics").then().statusCode(429).header("Ratelimit-Remaining-Second", "0");
    }
    api(gladly).get("/api/v1/topics").then().statusCode(200);
    assertThat(gladly.apiCalls().matching("GET", "/api/v1/topics")).extracting(ApiCall::status).containsExactly(429, 429, 429, 200);
  }

  @Test
  void an_error_rate_fails_some_calls_and_lets_the_others_through() {
    gladly.faults().add(Fault.on("GET", "/api/v1/inboxes").status(500).rate(0.5));
    java.util.List<Integer> statuses = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) statuses.add(api(gladly).get("/api/v1/inboxes").statusCode());
    assertThat(statuses).contains(500, 200).containsOnly(500, 200);
  }

  @Test
  void clearing_faults_restores_normal_service() {
    gladly.faults().add(Fault.on("GET", "/api/v1/agents").status(500));
    api(gladly).get("/api/v1/agents").then().statusCode(500);
    gladly.faults().clear();
    api(gladly).get("/api/v1/agents").then().statusCode(200);
  }
}
