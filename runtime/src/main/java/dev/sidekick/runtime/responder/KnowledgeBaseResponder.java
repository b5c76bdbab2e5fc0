package dev.sidekick.runtime.responder;

import dev.sidekick.runtime.responder.knowledge.KnowledgeBase;
import dev.sidekick.runtime.responder.retrieval.Decision;
import dev.sidekick.runtime.responder.retrieval.Ranking;
import dev.sidekick.runtime.responder.text.Segments;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers from a {@link KnowledgeBase} as a careful agent would: the {@link Understanding} first (the triage: menu picks, transfer
 * reasons, greetings, goodbyes; the order stage around it and after retrieval: order questions, where the
 * endpoint has a commerce backend), then retrieval ranks the entries and the {@link Decision} answers with the best
 * one only when it is clearly the best; when two entries are close it asks "Did you mean ..." with a "Talk to a
 * person" option; otherwise it hands off, telling the agent which entries came closest. It never guesses.
 */
public final class KnowledgeBaseResponder implements Responder {
  static final String DID_YOU_MEAN = "Did you mean one of these?";
  static final String TALK_TO_A_PERSON_ID = "talk-to-a-person";

  private final KnowledgeBase kb;
  private final Understanding understanding;

  public KnowledgeBaseResponder(KnowledgeBase kb, Knowledge knowledge) {
    this.kb = kb;
    this.understanding = new Understanding(kb, knowledge);
  }

  public KnowledgeBase knowledgeBase() {
    return kb;
  }

  @Override
  public Reply respond(Inquiry inquiry, Duration budget) {
    Understanding.Understood u = understanding.of(inquiry, budget);
    if (u instanceof Understanding.Settled s) {
      return s.reply();
    }
    Understanding.Decided d = (Understanding.Decided) u;
    return decide(d.decision(), d.segments());
  }

  static Reply decide(Decision decision, Segments segments) {
    if (decision instanceof Decision.Confident c) {
      return Triage.answer(c.best().entry(), "knowledge base: " + c.explained());
    }
    if (decision instanceof Decision.Ambiguous a) {
      List<Reply.Option> options = new ArrayList<>();
      for (int i = 0; i < a.candidates().size(); i++) {
        options.add(new Reply.Option("did-you-mean-" + (char) ('a' + i), a.candidates().get(i).entry().title()));
      }
      options.add(new Reply.Option(TALK_TO_A_PERSON_ID, KnowledgeBase.TALK_TO_A_PERSON));
      return new Reply.Answer(DID_YOU_MEAN, options, "did you mean: " + a.explained());
    }
    // what a long message asks, as Sidekick read it: the customer's words, so in the note only, never in a log
    Optional<String> asked = segments.manySentences() && !segments.asking().isEmpty()
        ? Optional.of("Asked: " + String.join(" / ", segments.asking())) : Optional.empty();
    return new Reply.Handoff("no confident answer (" + decision.explained() + ")", Optional.empty(),
        considered(decision.ranking()), Optional.empty(), asked);
  }

  /** The closest entries, for the agent's note. */
  public static List<Reply.Considered> considered(Ranking ranking) {
    return ranking.top(Decision.MENU_CANDIDATES).stream()
        .filter(c -> c.score() > 0)
        .map(c -> new Reply.Considered(c.entry().id(), c.entry().title(), c.score(),
            String.format(java.util.Locale.ROOT, "lexical %.2f, semantic %.2f", c.lexical(), c.semantic())))
        .toList();
  }
}
