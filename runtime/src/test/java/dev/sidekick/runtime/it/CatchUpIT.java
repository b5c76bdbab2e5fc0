package dev.sidekick.runtime.it;

import static dev.sidekick.runtime.it.Deployment.CHAT_ENTRY_POINT;
import static dev.sidekick.runtime.it.Deployment.EMAIL;
import static dev.sidekick.runtime.it.Deployment.EMAIL_ENTRY_POINT;
import static dev.sidekick.runtime.it.Deployment.ORDER_ANSWER;
import static dev.sidekick.runtime.it.Deployment.TOKEN;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sidekick.gladlysim.control.CustomerActions;
import dev.sidekick.gladlysim.state.Webhook;
import io.restassured.http.ContentType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime is down for two hours (on Gladly's clock): Gladly retries each delivery four times, disables the webhooks,
 * and drops what happens next. When the runtime is back and the webhooks are enabled again, the customers of the gap are
 * answered once from Gladly's Events API; a conversation a human took meanwhile is left to them.
 */
class CatchUpIT {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String HOURS = "What are your opening hours?";

  @TempDir static Path dir;
  private static Deployment deployment;

  @BeforeAll
  static void start() throws Exception {
    // the Events API's lag (15 s at Gladly) and the runtime's wait for it, shortened alike to keep the test short
    deployment = Deployment.start(dir, 2, o -> o.eventsApiLag(Duration.ofSeconds(5)), "catchUp: { lag: 5s }");
  }

  @AfterAll
  static void stop() {
    if (deployment != null) {
      deployment.close();
    }
  }

  @Test
  void the_customers_of_a_two_hour_outage_are_answered_once_when_the_runtime_is_back() throws Exception {
    var gladly = deployment.gladly;
    deployment.registerWebhooks();
    String before = gladly.customer().sendEmail("before@example.com", EMAIL_ENTRY_POINT, "Hours", HOURS);
    await().atMost(WAIT).until(() -> deployment.replies(before).size() == 1);

    // the outage: both replicas down
    deployment.replicas.forEach(RuntimeProcess::close);
    List<String> gap = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      gap.add(gladly.customer().sendEmail("retried-" + i + "@example.com", EMAIL_ENTRY_POINT, "Hours", HOURS));
    }
    String takenByHuman = gladly.customer().sendEmail("human@example.com", EMAIL_ENTRY_POINT, "Hours", HOURS);
    gladly.admin().assignToAgent(takenByHuman, "hank@acme.example");
    CustomerActions.Chat early = gladly.customer().startChat(CHAT_ENTRY_POINT, "early-chat@example.com");
    early.say("where is my order?"); // Gladly closes its session after 5 quiet minutes: nothing can reach it after that
    for (Duration retry : List.of(Duration.ofSeconds(31), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(1))) {
      gladly.awaitDeliveries(Duration.ofSeconds(20));
      gladly.clock().advance(retry);
    }
    gladly.awaitDeliveries(Duration.ofSeconds(20));
    assertThat(gladly.state().webhooks()).as("Gladly disabled the webhooks after four failed retries")
        .allMatch(w -> !w.enabled() && w.disabledAtDueToRetryLimit() != null);
    for (int i = 0; i < 2; i++) {
      gap.add(gladly.customer().sendEmail("dropped-" + i + "@example.com", EMAIL_ENTRY_POINT, "Hours", HOURS));
    }
    gladly.clock().advance(Duration.ofMinutes(24)); // two hours in all
    CustomerActions.Chat chat = gladly.customer().startChat(CHAT_ENTRY_POINT, "late-chat@example.com");
    chat.say("where is my order?"); // its session is still open when the runtime is back

    // back: the runtime starts, catches up, and the webhooks are enabled again (by the operator, here by hand)
    for (RuntimeProcess r : deployment.replicas) {
      r.start();
    }
    for (RuntimeProcess r : deployment.replicas) {
      r.awaitReady(WAIT);
    }
    await().atMost(WAIT).until(() -> gap.stream().allMatch(e -> deployment.replies(e).size() == 1) && chat.answers().size() == 1);
    for (Webhook.View w : gladly.state().webhooks()) {
      given().auth().preemptive().basic(EMAIL, TOKEN).contentType(ContentType.JSON).body(Map.of("enabled", true))
          .patch(gladly.baseUrl() + "/api/v1/webhooks/" + w.id()).then().statusCode(204);
    }
    String after = gladly.customer().sendEmail("after@example.com", EMAIL_ENTRY_POINT, "Hours", HOURS);
    await().atMost(WAIT).until(() -> deployment.replies(after).size() == 1);
    Deployment.pause(Duration.ofSeconds(12)); // the PING's catch-up (after the 5 s lag) finds nothing more to do

    SoftAssertions softly = new SoftAssertions();
    for (String e : gap) {
      softly.assertThat(deployment.replies(e)).as("replies to %s, a customer of the gap", e).hasSize(1);
    }
    softly.assertThat(chat.answers()).as("the chat of the gap").containsExactly(ORDER_ANSWER);
    softly.assertThat(early.answers()).as("a chat whose session Gladly closed during the outage").isEmpty();
    softly.assertThat(deployment.replies(takenByHuman)).as("a conversation a human took meanwhile").isEmpty();
    softly.assertThat(deployment.replies(before)).as("answered before the outage: not again").hasSize(1);
    softly.assertThat(deployment.replies(after)).as("after the webhooks are back").hasSize(1);
    softly.assertThat(gladly.state().webhooks()).allMatch(Webhook.View::enabled);
    softly.assertAll();
  }

}
