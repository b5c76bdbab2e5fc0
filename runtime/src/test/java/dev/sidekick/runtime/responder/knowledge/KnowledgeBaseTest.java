package dev.sidekick.runtime.responder.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sidekick.runtime.config.ConfigException;
import dev.sidekick.runtime.responder.transfer.TransferReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A knowledge base is read as docs/runtime-config.md describes it, and refused with the field's name when it is not. */
class KnowledgeBaseTest {
  @TempDir Path dir;

  private KnowledgeBase load(String yaml) throws IOException {
    return KnowledgeBase.load(Files.writeString(dir.resolve("kb.yaml"), yaml));
  }

  @Test
  void the_sample_knowledge_base_loads_with_its_examples_and_calibrated_values() {
    KnowledgeBase kb = KnowledgeBase.load(Path.of("../examples/knowledge-base.yaml"));
    assertThat(kb.entries()).extracting(KnowledgeBase.Entry::id)
        .containsExactly("order-status", "returns", "shipping", "hours", "password");
    assertThat(kb.entries()).allSatisfy(e -> assertThat(e.examples()).hasSizeGreaterThanOrEqualTo(5));
    assertThat(kb.handoffExamples()).isNotEmpty();
    assertThat(kb.transfers().languages()).containsExactly("en");
    assertThat(kb.transfers().enabled()).containsExactlyInAnyOrder(TransferReason.values());
  }

  @Test
  void an_entry_without_a_title_is_named_by_its_first_phrase_and_defaults_apply() throws IOException {
    KnowledgeBase kb = load("entries: [{id: a, phrases: [where is my order], answer: y}]\n");
    assertThat(kb.entries().get(0).title()).isEqualTo("Where is my order");
    assertThat(kb.confidenceThreshold()).isEqualTo(KnowledgeBase.DEFAULT_THRESHOLD);
    assertThat(kb.margin()).isEqualTo(KnowledgeBase.DEFAULT_MARGIN);
  }

  @Test
  void mistakes_are_refused_naming_the_field() throws IOException {
    Files.writeString(dir.resolve("bad.yaml"),
        "entries:\n  - id: a\n    phrases: [x]\n    answer: y\n    menu: [{id: 'no spaces', label: L, answer: A}]\n");
    assertThatThrownBy(() -> KnowledgeBase.load(dir.resolve("bad.yaml"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("entries[0].menu[0].id: must be 1-50 of a-z A-Z 1-9 _ -");
    assertThatThrownBy(() -> load("transferReasons: {lawyers: {enabled: false}}\nentries: [{id: a, phrases: [x], answer: y}]\n"))
        .hasMessageContaining("transferReasons.lawyers: unknown field");
    assertThatThrownBy(() -> load("entries: [{id: a, title: Orders, phrases: [x], answer: y}, {id: b, title: orders, phrases: [z], answer: w}]\n"))
        .hasMessageContaining("entries[1].title: the same title as entry \"a\"");
    assertThatThrownBy(() -> load("entries: [{id: a, answer: y}]\n"))
        .hasMessageContaining("entries[0].phrases: an entry needs at least one phrase or example");
    assertThatThrownBy(() -> load("synonyms: [[parcel]]\nentries: [{id: a, phrases: [x], answer: y}]\n"))
        .hasMessageContaining("synonyms[0]: a synonym group needs at least two words");
    assertThatThrownBy(() -> load("languages: [english]\nentries: [{id: a, phrases: [x], answer: y}]\n"))
        .hasMessageContaining("languages[0]: must be an ISO 639-1 code");
    assertThatThrownBy(() -> load("entries: [{id: a, title: Talk to a person, phrases: [x], answer: y}]\n"))
        .hasMessageContaining("is the menu option that hands off");
    assertThatThrownBy(() -> load("entries: [{id: a, phrases: [x], answer: y, orders: track}]\n"))
        .hasMessageContaining("entries[0].orders: must be status, return or cancel (got \"track\")");
  }

  @Test
  void an_entry_about_the_customers_own_order_says_which_order_question_it_is() throws IOException {
    KnowledgeBase kb = load("entries: [{id: a, phrases: [where is my order], answer: y, orders: status}, "
        + "{id: b, phrases: [opening hours], answer: z}]\n");
    assertThat(kb.entries().get(0).orders()).contains(dev.sidekick.runtime.responder.orders.OrderIntent.STATUS);
    assertThat(kb.entries().get(1).orders()).isEmpty();
  }

  @Test
  void the_built_in_hand_off_scenarios_apply_unless_the_author_switches_some_or_all_off() throws IOException {
    KnowledgeBase all = load("entries: [{id: a, phrases: [x], answer: y}]\n");
    assertThat(all.scenarios()).extracting(HandoffScenarios.Scenario::id)
        .contains("damaged-item", "delivered-not-received", "double-charge", "claim-refused", "job-applications")
        .hasSize(HandoffScenarios.builtIn().size());
    assertThat(HandoffScenarios.builtIn()).allSatisfy(s -> assertThat(s.examples()).hasSizeGreaterThanOrEqualTo(10));
    assertThat(HandoffScenarios.generalQuestions()).allSatisfy(s -> assertThat(s.examples()).hasSizeGreaterThanOrEqualTo(10));

    KnowledgeBase some = load("handoffScenarios: {exclude: [job-applications, wholesale-and-business]}\n"
        + "entries: [{id: a, phrases: [x], answer: y}]\n");
    assertThat(some.scenarios()).extracting(HandoffScenarios.Scenario::id)
        .doesNotContain("job-applications", "wholesale-and-business").hasSize(HandoffScenarios.builtIn().size() - 2);

    assertThat(load("handoffScenarios: {builtIn: false}\nentries: [{id: a, phrases: [x], answer: y}]\n").scenarios()).isEmpty();
    assertThatThrownBy(() -> load("handoffScenarios: {exclude: [jobs]}\nentries: [{id: a, phrases: [x], answer: y}]\n"))
        .hasMessageContaining("handoffScenarios.exclude[0]: no built-in scenario \"jobs\" (there are: ")
        .hasMessageContaining("job-applications");
  }
}
