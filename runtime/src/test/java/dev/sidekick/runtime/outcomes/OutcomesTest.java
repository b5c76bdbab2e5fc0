package dev.sidekick.runtime.outcomes;

import static dev.sidekick.runtime.support.SimulatedGladly.EMAIL_ENTRY_POINT;
import static dev.sidekick.runtime.support.SimulatedGladly.TRIAL_EMAIL_ENTRY_POINT;
import static dev.sidekick.runtime.support.SimulatedGladly.TRIAL_KEY;
import static dev.sidekick.runtime.support.SimulatedGladly.US_KEY;
import static dev.sidekick.runtime.support.SimulatedGladly.sim;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sidekick.gladlysim.state.Item;
import dev.sidekick.runtime.support.SimulatedGladly;
import dev.sidekick.runtime.support.Webhooks;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What Sidekick decided and whether its answers resolved the customer's question, as the runtime's metrics tell a
 * dashboard: per endpoint, channel and mode, with bounded labels only.
 */
@QuarkusTest
@WithTestResource(SimulatedGladly.class)
class OutcomesTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Inject Resolutions resolutions;
  @Inject ResolutionWatch watch;

  @BeforeEach
  void ready() {
    Webhooks.startClean(WAIT);
  }

  @AfterEach
  void clean() {
    Webhooks.removeAll();
  }

  @Test
  void decisions_are_counted_once_per_message_by_channel_and_mode_with_the_hand_off_reason() {
    String live = "sidekick_decisions_total{channel=\"email\",decision=\"answered\",endpoint=\"us-store\",mode=\"live\",reason=\"none\"}";
    String person = "sidekick_decisions_total{channel=\"email\",decision=\"handed_off\",endpoint=\"us-store\",mode=\"live\",reason=\"explicit-request\"}";
    String shadow = "sidekick_decisions_total{channel=\"email\",decision=\"answered\",endpoint=\"trial-store\",mode=\"shadow\",reason=\"none\"}";
    double liveBefore = metric(live);
    double personBefore = metric(person);
    double shadowBefore = metric(shadow);
    Webhooks.register("us-store", "messaging", US_KEY, "MESSAGE/RECEIVED");
    Webhooks.register("trial-store", "messaging", TRIAL_KEY, "MESSAGE/RECEIVED");

    String answered = sim().customer().sendEmail("dee@example.com", EMAIL_ENTRY_POINT, "Hours", "What are your opening hours?");
    String handedOff = sim().customer().sendEmail("dax@example.com", EMAIL_ENTRY_POINT, "Help", "I want to talk to a person");
    String shadowed = sim().customer().sendEmail("dot@example.com", TRIAL_EMAIL_ENTRY_POINT, "Hours", "What are your opening hours?");

    await().atMost(WAIT).until(() -> replies(answered) == 1 && !sim().state().conversation(handedOff).notes().isEmpty()
        && !sim().state().conversation(shadowed).notes().isEmpty());
    assertThat(metric(live) - liveBefore).isEqualTo(1);
    assertThat(metric(person) - personBefore).isEqualTo(1);
    assertThat(metric(shadow) - shadowBefore).isEqualTo(1);
  }

  @Test
  void an_answer_is_not_resolved_when_the_customer_writes_again_and_a_goodbye_resolves_the_last_one() {
    String wroteAgain = resolution("email", "customer_wrote_again");
    String resolved = resolution("email", "resolved");
    double wroteAgainBefore = metric(wroteAgain);
    double resolvedBefore = metric(resolved);
    Webhooks.register("us-store", "messaging", US_KEY, "MESSAGE/RECEIVED");

    String id = sim().customer().sendEmail("rae@example.com", EMAIL_ENTRY_POINT, "Shipping", "How long does shipping take?");
    await().atMost(WAIT).until(() -> replies(id) == 1);
    sim().customer().sendEmail("rae@example.com", EMAIL_ENTRY_POINT, "Hours", "And what are your opening hours?");
    await().atMost(WAIT).until(() -> replies(id) == 2);
    assertThat(metric(wroteAgain) - wroteAgainBefore).as("the first answer did not settle it").isEqualTo(1);
    assertThat(metric(resolved) - resolvedBefore).isZero();

    sim().customer().sendEmail("rae@example.com", EMAIL_ENTRY_POINT, "Thank you", "Thanks, that's all!");
    await().atMost(WAIT).until(() -> "CLOSED".equals(sim().state().conversation(id).status()));
    assertThat(metric(resolved) - resolvedBefore).as("the goodbye settles the second answer").isEqualTo(1);
    assertThat(metric(wroteAgain) - wroteAgainBefore).isEqualTo(1);
  }

  @Test
  void an_answer_left_alone_until_it_is_due_is_resolved_unless_a_person_took_the_conversation() {
    String resolved = resolution("email", "resolved");
    String person = resolution("email", "person_took_over");
    double resolvedBefore = metric(resolved);
    double personBefore = metric(person);
    String quiet = sim().customer().sendEmail("qui@example.com", EMAIL_ENTRY_POINT, "Hours", "What are your opening hours?");
    String taken = sim().customer().sendEmail("tak@example.com", EMAIL_ENTRY_POINT, "Hours", "What are your opening hours?");
    sim().admin().assignToAgent(taken, "hank@acme.example");

    Instant due = Instant.now().minusSeconds(1);
    resolutions.watch(new Resolutions.Watch(quiet, "us-store", "email", due));
    resolutions.watch(new Resolutions.Watch(taken, "us-store", "email", due));
    watch.sweep();

    assertThat(metric(resolved) - resolvedBefore).isEqualTo(1);
    assertThat(metric(person) - personBefore).isEqualTo(1);
    watch.sweep();
    assertThat(metric(resolved) - resolvedBefore).as("counted once").isEqualTo(1);
  }

  private static String resolution(String channel, String result) {
    return "sidekick_resolutions_total{channel=\"" + channel + "\",endpoint=\"us-store\",result=\"" + result + "\"}";
  }

  /** A series' value in the runtime's Prometheus scrape; 0 when the series does not exist yet. */
  private static double metric(String series) {
    String text = given().get("/q/metrics").asString();
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  private static long replies(String conversation) {
    return sim().state().conversation(conversation).messages().stream().filter(i -> !i.isCustomerMessage())
        .map(Item::text).count();
  }
}
