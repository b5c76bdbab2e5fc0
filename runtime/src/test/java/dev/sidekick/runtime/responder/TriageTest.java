package dev.sidekick.runtime.responder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.runtime.responder.knowledge.KnowledgeBase;
import dev.sidekick.runtime.responder.text.Segmenter;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Greetings, goodbyes and transfer reasons, read in what the customer wrote now. */
class TriageTest {
  private final Triage triage = new Triage(KnowledgeBase.load(Path.of("src/test/resources/kb.yaml")));

  private Optional<Reply> settle(String message) {
    return triage.settle(message, Segmenter.of(message).body());
  }

  @Test
  void a_customer_who_is_done_is_said_goodbye_to_however_they_put_it() {
    for (String done : new String[] {"Thanks, that's everything I needed!", "awesome, appreciate the help!",
        "perfect ty x", "thanks, that's sorted it", "That's all I needed, have a nice day",
        "Perfect, that's exactly what I needed to know. No need to reply.\n\nThanks again,\nFiona"}) {
      assertThat(settle(done)).as(done).containsInstanceOf(Reply.Close.class);
    }
    assertThat(settle("thanks, and where is my order?")).isEmpty();
    assertThat(settle("thanks, I'll wait for the tracking email then")).isEmpty();
  }

  @Test
  void a_greeting_alone_is_greeted() {
    for (String hello : new String[] {"hi, anyone there?", "Hello?", "good morning team", "hey"}) {
      assertThat(settle(hello)).as(hello).hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo("greeting"));
    }
  }

  @Test
  void a_job_title_in_a_signature_is_no_request_for_a_manager() {
    String email = "Hello,\n\nhow much is postage to Canada?\n\nBest regards,\nDana Whitfield\nOperations Manager\nNorthwind Ltd";
    assertThat(settle(email)).isEmpty();
    assertThat(settle("Can I speak to your manager please?")).hasValueSatisfying(
        r -> assertThat(r.reason()).contains("manager"));
  }
}
