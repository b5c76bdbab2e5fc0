package dev.sidekick.runtime.harvest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.runtime.responder.knowledge.KnowledgeBase;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The entry an agent's reply gives, as harvest suggests it to the author. */
class ReplyMatcherTest {
  private final ReplyMatcher matcher;

  ReplyMatcherTest() throws URISyntaxException {
    matcher = new ReplyMatcher(KnowledgeBase.load(Path.of(ReplyMatcherTest.class.getResource("/kb.yaml").toURI())));
  }

  @Test
  void a_pasted_answer_between_a_greeting_and_a_sign_off_is_that_entry() {
    ReplyMatcher.Match m = matcher.best("Hi Sam, thanks for writing! Standard shipping takes 3-5 business days and is free over $50;"
        + " express takes 1-2 days for $12. Happy to help with anything else. Best, Hank").orElseThrow();
    assertThat(m.label()).isEqualTo("shipping");
    assertThat(m.enough()).isTrue();
  }

  @Test
  void a_short_answer_whose_few_words_any_reply_may_use_is_not_evidence() {
    // "Happy to help with a return" shares its words with many a reply that is about something else
    ReplyMatcher.Match m = matcher.best("Happy to help! I have passed this on to our warranty team.").orElseThrow();
    assertThat(m.enough()).as(m.describe()).isFalse();
  }
}
