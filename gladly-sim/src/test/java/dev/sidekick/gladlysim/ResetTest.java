package dev.sidekick.gladlysim;

import static dev.sidekick.gladlysim.testing.Gladly.createWebhook;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.gladlysim.control.Fault;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * reset() gives every test the same organization: the seed with the same ids, nothing left over, and fresh ids for
 * what tests create (a runtime under test remembers the event ids it handled, so those must never repeat).
 */
class ResetTest {
  @RegisterExtension
  static final GladlySimExtension gladly = GladlySimExtension.seeded("acme").configure(o -> o.rateLimitEnabled(false));

  @Test
  void after_a_reset_everything_is_as_seeded_and_new_things_get_new_ids() {
    String inbox = gladly.state().inboxId("Support");
    String martha = gladly.state().customers().get(0).id();
    String webhook = createWebhook(gladly, "{\"url\":\"https://hooks.acme.example/x\",\"events\":[\"CONVERSATION/CLOSED\"]}");
    String conversation = gladly.customer().sendEmail("martha@example.com", "support@acme.example", "Hi", "Help");
    gladly.faults().add(Fault.on("*", "/**").status(500));
    gladly.admin().revokeToken("sidekick@acme.example");
    Instant before = gladly.clock().now();
    gladly.clock().advance(Duration.ofDays(1));

    gladly.reset();

    assertThat(gladly.state().webhooks()).isEmpty();
    assertThat(gladly.state().conversations()).isEmpty();
    assertThat(gladly.faults().list()).isEmpty();
    assertThat(gladly.apiCalls().all()).isEmpty();
    assertThat(gladly.deliveries()).isEmpty();
    assertThat(gladly.state().agent("sidekick@acme.example").hasToken()).isTrue();
    assertThat(gladly.clock().now()).isBefore(before.plus(Duration.ofHours(1)));
    assertThat(gladly.state().inboxId("Support")).isEqualTo(inbox);
    assertThat(gladly.state().customers()).extracting(c -> c.id()).contains(martha);
    assertThat(createWebhook(gladly, "{\"url\":\"https://hooks.acme.example/x\",\"events\":[\"CONVERSATION/CLOSED\"]}"))
        .isNotEqualTo(webhook);
    assertThat(gladly.customer().sendEmail("martha@example.com", "support@acme.example", "Hi", "Help")).isNotEqualTo(conversation);
  }

  @Test
  void the_extension_resets_before_each_test_part_one() {
    assertThat(gladly.state().webhooks()).isEmpty();
    createWebhook(gladly, "{\"url\":\"https://hooks.acme.example/one\",\"events\":[\"CONVERSATION/CLOSED\"]}");
  }

  @Test
  void the_extension_resets_before_each_test_part_two() {
    assertThat(gladly.state().webhooks()).isEmpty();
    createWebhook(gladly, "{\"url\":\"https://hooks.acme.example/one\",\"events\":[\"CONVERSATION/CLOSED\"]}");
  }

  @Test
  void seed_ids_are_the_ones_given_or_derived_from_names() {
    assertThat(gladly.state().agent("sidekick@acme.example").id()).isEqualTo("sidekick-agent-id");
    assertThat(gladly.state().organization().id()).isEqualTo("acme-org-id");
    assertThat(gladly.state().agent("hank@acme.example").id()).matches("[A-Za-z0-9_-]{22}");
  }
}
