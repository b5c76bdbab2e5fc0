package dev.sidekick.runtime.responder.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Typos are corrected towards the knowledge base's words; real words and short ones are left alone. */
class SpellingTest {
  private final Spelling spelling =
      new Spelling(List.of("where", "is", "my", "order", "track", "package", "password", "forgot", "return", "refund",
          "cost", "shipping", "business", "hours"));

  @Test
  void a_customers_typos_become_the_knowledge_bases_words() {
    assertThat(spelling.corrected(Words.plain("trak my packge"))).containsExactly("track", "my", "package");
    assertThat(spelling.corrected(Words.plain("frgot pasword"))).containsExactly("forgot", "password");
    assertThat(spelling.corrected(Words.plain("retrun, refnud"))).containsExactly("return", "refund");
    assertThat(spelling.corrected(Words.plain("buisness hours"))).containsExactly("business", "hours");
    assertThat(spelling.corrected(Words.plain("wheres my oder"))).containsExactly("where", "is", "my", "order");
  }

  @Test
  void real_words_and_short_words_are_not_guessed_at() {
    assertThat(spelling.correct("lost")).isEmpty(); // an English word one letter from "cost"
    assertThat(spelling.correct("cot")).isEmpty();
    assertThat(spelling.correct("xylophone")).isEmpty();
  }

  @Test
  void words_and_their_inflections_share_a_stem() {
    assertThat(Words.stem("shipping")).isEqualTo(Words.stem("shipped")).isEqualTo(Words.stem("ships"));
    assertThat(Words.stem("deliveries")).isEqualTo(Words.stem("delivery"));
    assertThat(Words.stem("charged")).isEqualTo(Words.stem("charge"));
    assertThat(Words.content("Good morning")).containsExactly("good", "morn");
    assertThat(Words.plain("Where's my stuff? I can't log in")).containsExactly(
        "where", "is", "my", "stuff", "i", "cannot", "log", "in");
  }
}
