package dev.sidekick.runtime.responder;

import dev.sidekick.runtime.responder.knowledge.KnowledgeBase;
import dev.sidekick.runtime.responder.orders.OrderConversation;
import dev.sidekick.runtime.responder.orders.OrderStage;
import dev.sidekick.runtime.responder.retrieval.Decision;
import dev.sidekick.runtime.responder.retrieval.Embedder;
import dev.sidekick.runtime.responder.retrieval.Ranking;
import dev.sidekick.runtime.responder.text.Segmenter;
import dev.sidekick.runtime.responder.text.Segments;
import dev.sidekick.runtime.responder.text.Words;
import java.time.Duration;
import java.util.Optional;

/**
 * What both responders of a knowledge base do before they answer, each in its own way: a message without words is
 * handed off; the {@link Triage} (menu picks, transfer reasons, greetings, goodbyes) and the {@link OrderStage}
 * settle what they can; retrieval ranks the entries and the {@link Decision} is taken; an order question it points
 * to is answered from the shop. What is left is the responder's: the knowledge base answers from the decision, the
 * model from the retrieved entries.
 */
public final class Understanding {
  private final KnowledgeBase kb;
  private final Knowledge knowledge;
  private final Triage triage;
  private final OrderStage orders;

  /** The customer's message as read: settled by a reply, or decided on for the responder to answer. */
  public sealed interface Understood {}

  /** Settled before or after retrieval (no words, triage, the order desk): the reply is final. */
  public record Settled(Reply reply) implements Understood {}

  /**
   * The entries ranked and the decision taken on them (the ranking is {@code decision.ranking()}), and the message as
   * read (an e-mail's sentences that ask something, for the agent's note).
   */
  public record Decided(String message, Segments segments, Decision decision) implements Understood {}

  /** {@code kb} decides (its threshold and margin); {@code knowledge} ranks. */
  public Understanding(KnowledgeBase kb, Knowledge knowledge) {
    this.kb = kb;
    this.knowledge = knowledge;
    this.triage = new Triage(kb);
    this.orders = new OrderStage(kb);
  }

  public Understood of(Inquiry inquiry, Duration budget) {
    long start = System.nanoTime();
    String message = inquiry.message() == null ? "" : inquiry.message().trim();
    if (Words.plain(message).isEmpty()) {
      return new Settled(new Reply.Handoff("a message without words"));
    }
    OrderConversation conversation = inquiry.orders();
    // what the customer wrote now, without quoted replies, signature and greeting (an e-mail's "Operations Manager")
    Segments segments = Segmenter.of(message);
    Optional<Reply> settled = orders.picked(message, conversation, budget)
        .or(() -> triage.settle(message, Segmenter.of(Segmenter.withoutReplySubject(message)).body()))
        .or(() -> orders.before(message, segments.body(), conversation, budget));
    if (settled.isPresent()) {
      return new Settled(settled.get());
    }
    Ranking ranking;
    try {
      ranking = knowledge.retriever(budget).rank(segments, budget.minusNanos(System.nanoTime() - start));
    } catch (Embedder.EmbeddingFailed e) {
      return new Settled(new Reply.Handoff("no answer: " + e.getMessage()));
    }
    Decision decision = Decision.of(ranking, kb);
    Optional<Reply> order =
        orders.after(decision, message, conversation, budget.minusNanos(System.nanoTime() - start));
    return order.<Understood>map(Settled::new).orElseGet(() -> new Decided(message, segments, decision));
  }
}
