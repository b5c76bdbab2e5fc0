package dev.sidekick.runtime.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sidekick.runtime.config.ConfigException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The knowledge-base matcher answers what it recognises and hands off the rest: it never guesses. */
class KnowledgeBaseResponderTest {
  private final KnowledgeBaseResponder responder = new KnowledgeBaseResponder(kb());

  private static KnowledgeBase kb() {
    try {
      return KnowledgeBase.load(Path.of(KnowledgeBaseResponderTest.class.getResource("/kb.yaml").toURI()));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private Reply reply(String message) {
    return responder.respond(Inquiry.of(message), Duration.ofSeconds(1));
  }

  @Test
  void questions_worded_differently_still_find_their_entry() {
    assertThat(reply("Hello! Where's my order??")).isInstanceOfSatisfying(Reply.Answer.class,
        a -> assertThat(a.reason()).startsWith("knowledge base: order-status"));
    assertThat(reply("how long does the shipping take to Ohio")).isInstanceOfSatisfying(Reply.Answer.class,
        a -> assertThat(a.reason()).startsWith("knowledge base: shipping"));
    assertThat(reply("I forgot my password")).isInstanceOfSatisfying(Reply.Answer.class,
        a -> assertThat(a.text()).contains("account/reset"));
  }

  @Test
  void an_entry_with_a_menu_offers_its_options_and_a_pick_gets_the_options_answer() {
    assertThat(reply("I want to return my jacket")).isInstanceOfSatisfying(Reply.Answer.class,
        a -> assertThat(a.options()).extracting(Reply.Option::id).containsExactly("start-return", "refund-status", "exchange"));
    assertThat(reply("Refund status")).isInstanceOfSatisfying(Reply.Answer.class,
        a -> assertThat(a.text()).startsWith("Refunds reach your card"));
  }

  @Test
  void asking_for_a_human_hands_off_even_when_an_entry_would_match() {
    assertThat(reply("where is my order? let me talk to a person")).isInstanceOf(Reply.Handoff.class);
    assertThat(reply("AGENT please")).isInstanceOf(Reply.Handoff.class);
  }

  @Test
  void nothing_close_enough_is_handed_off_with_the_best_score_explained() {
    assertThat(reply("Do you sell gift cards for the holidays?")).isInstanceOfSatisfying(Reply.Handoff.class,
        h -> assertThat(h.reason()).startsWith("no confident answer"));
  }

  @Test
  void a_greeting_gets_the_greeting_and_a_thank_you_closes() {
    assertThat(reply("hi there")).isInstanceOfSatisfying(Reply.Answer.class, a -> assertThat(a.reason()).isEqualTo("greeting"));
    assertThat(reply("Thanks, that's all!")).isInstanceOf(Reply.Close.class);
    assertThat(reply("thanks, but where is my order?")).isInstanceOf(Reply.Answer.class);
  }

  @Test
  void a_knowledge_base_with_a_bad_menu_id_is_refused_naming_the_field(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("kb.yaml");
    Files.writeString(file, "entries:\n  - id: a\n    phrases: [x]\n    answer: y\n    menu: [{id: 'no spaces', label: L, answer: A}]\n");
    assertThatThrownBy(() -> KnowledgeBase.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("entries[0].menu[0].id: must be 1-50 of a-z A-Z 1-9 _ -");
  }
}
