package dev.sidekick.runtime.responder.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What makes Sidekick hand a customer to a person whatever it could answer, and what does not. */
class TransferRulesTest {
  private final TransferRules rules =
      new TransferRules(new TransferRules.Settings(
          EnumSet.allOf(TransferReason.class), Map.of(TransferReason.LEGAL, List.of("chargeback")), Set.of("en")));

  private Optional<TransferReason> reason(String message) {
    return rules.check(message).map(TransferRules.Transfer::reason);
  }

  @Test
  void asking_for_a_person_in_many_words_is_an_explicit_request() {
    assertThat(reason("can I talk to a real person please")).contains(TransferReason.EXPLICIT_REQUEST);
    assertThat(reason("I don't want a bot. Connect me to a human")).contains(TransferReason.EXPLICIT_REQUEST);
    assertThat(reason("is there someone I can speak with?")).contains(TransferReason.EXPLICIT_REQUEST);
    assertThat(reason("live agent")).contains(TransferReason.EXPLICIT_REQUEST);
  }

  @Test
  void saying_one_does_not_need_a_person_is_not_a_request_for_one() {
    assertThat(reason("I don't need a human, just tell me your opening hours")).isEmpty();
    assertThat(reason("where is my order?")).isEmpty();
  }

  @Test
  void asking_how_a_call_is_arranged_is_not_asking_for_one() {
    assertThat(reason("Do I pick the delivery day at checkout or does someone call me?")).isEmpty();
    assertThat(reason("do you call me before the team arrives")).isEmpty();
    assertThat(reason("please call me back about my order")).contains(TransferReason.EXPLICIT_REQUEST);
    assertThat(reason("can you call me tomorrow?")).contains(TransferReason.EXPLICIT_REQUEST);
    assertThat(reason("will someone call me today?")).contains(TransferReason.EXPLICIT_REQUEST);
  }

  @Test
  void a_manager_asked_for_is_its_own_reason_but_a_manager_signing_an_email_is_not() {
    assertThat(reason("is there a manager I can talk to?")).contains(TransferReason.MANAGER);
    assertThat(reason("I want to speak to your supervisor right now")).contains(TransferReason.MANAGER);
    assertThat(reason("What is the fastest shipping you offer?\nKind regards,\nDana (office manager)")).isEmpty();
  }

  @Test
  void legal_threats_injuries_and_abuse_are_named_as_such() {
    assertThat(reason("My lawyer will be in touch about this order")).contains(TransferReason.LEGAL);
    assertThat(reason("I will file a chargeback")).contains(TransferReason.LEGAL);
    assertThat(reason("The heater I bought caught fire last night")).contains(TransferReason.SAFETY);
    assertThat(reason("the blade came loose and I cut my hand badly")).contains(TransferReason.SAFETY);
    assertThat(reason("you stupid useless bot")).contains(TransferReason.ABUSE);
    assertThat(reason("f*** you and your company")).contains(TransferReason.ABUSE);
    assertThat(reason("I feel so stupid, I forgot my password")).isEmpty();
  }

  @Test
  void a_message_in_a_language_the_knowledge_base_does_not_serve_is_handed_off() {
    assertThat(rules.check("¿Dónde está mi pedido?")).hasValueSatisfying(t -> {
      assertThat(t.reason()).isEqualTo(TransferReason.LANGUAGE);
      assertThat(t.evidence()).isEqualTo("written in es");
    });
    assertThat(reason("Bonjour, je n'ai toujours pas reçu ma commande")).contains(TransferReason.LANGUAGE);
    assertThat(reason("我的订单在哪里")).contains(TransferReason.LANGUAGE);
    assertThat(reason("Hola! I ordered a jacket last week, where is it?")).isEmpty();
    assertThat(reason("asdfghjkl")).isEmpty();
  }

  @Test
  void a_reason_the_knowledge_base_switches_off_does_not_apply() {
    TransferRules noLanguage = new TransferRules(new TransferRules.Settings(
        EnumSet.complementOf(EnumSet.of(TransferReason.LANGUAGE)), Map.of(), Set.of("en")));
    assertThat(noLanguage.check("¿Dónde está mi pedido?")).isEmpty();
  }
}
