package dev.sidekick.runtime.responder.calibration;

import dev.sidekick.runtime.responder.Inquiry;
import dev.sidekick.runtime.responder.Reply;
import dev.sidekick.runtime.responder.Responder;
import dev.sidekick.runtime.responder.knowledge.KnowledgeBase;
import dev.sidekick.runtime.responder.orders.OrderConversation;
import dev.sidekick.runtime.responder.orders.OrderIntent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The labelled set as an endpoint with a commerce backend would decide it: which messages the order stage takes to the
 * order desk instead of the knowledge base. A message is rightly taken when it expects an entry marked with that order
 * question ({@code orders:}), or a hand-off for a cancellation (always handed off). Any other is taken from what it
 * expects; the ones that matter (goal: none) are those the knowledge base alone gets right, or at least does not
 * answer with that same order entry: the stage must not steal answers that need no order data.
 */
public final class OrderRouting {
  /**
   * One message the desk was asked about; {@code sameWithout}: the knowledge base alone (no backend) answers it with an
   * entry marked with the same order question, so the stage changed where the answer comes from, not which question.
   */
  public record Taken(LabelledSet.Message message, OrderIntent intent, boolean right, boolean sameWithout) {
    public boolean stolen() {
      return !right && !sameWithout;
    }
  }

  private final List<Taken> taken;
  private final int messages;

  private OrderRouting(List<Taken> taken, int messages) {
    this.taken = List.copyOf(taken);
    this.messages = messages;
  }

  public static OrderRouting run(Responder responder, KnowledgeBase kb, LabelledSet set) {
    List<Taken> taken = new ArrayList<>();
    for (LabelledSet.Message m : set.messages()) {
      Desk desk = new Desk();
      responder.respond(Inquiry.of(m.text()).withOrders(desk), Duration.ofSeconds(5));
      if (desk.asked.isPresent()) {
        OrderIntent intent = desk.asked.get();
        Reply alone = responder.respond(Inquiry.of(m.text()), Duration.ofSeconds(5));
        boolean same = alone instanceof Reply.Answer a && kb.entries().stream().anyMatch(e ->
            e.orders().equals(Optional.of(intent)) && e.answer().equals(a.text()));
        taken.add(new Taken(m, intent, right(m, intent, kb), same));
      }
    }
    return new OrderRouting(taken, set.messages().size());
  }

  private static boolean right(LabelledSet.Message m, OrderIntent intent, KnowledgeBase kb) {
    LabelledSet.Expect expect = m.expect();
    if (expect.kind() == LabelledSet.Expect.Kind.HANDOFF) {
      return intent == OrderIntent.CANCEL && expect.reason().isEmpty();
    }
    return expect.kind() == LabelledSet.Expect.Kind.ENTRY && expect.entries().stream()
        .anyMatch(id -> kb.entry(id).flatMap(KnowledgeBase.Entry::orders).map(intent::equals).orElse(false));
  }

  public List<Taken> taken() {
    return taken;
  }

  public String report() {
    Map<OrderIntent, Integer> byIntent = new EnumMap<>(OrderIntent.class);
    taken.forEach(t -> byIntent.merge(t.intent(), 1, Integer::sum));
    long wrong = taken.stream().filter(t -> !t.right()).count();
    long stolen = taken.stream().filter(Taken::stolen).count();
    return String.format(Locale.ROOT,
        "%nWith a commerce backend (the order stage on): %d of %d messages go to the order desk (status %d, return %d,"
            + " cancel %d); %d of them expect an entry marked with that order question (or, for a cancellation, a"
            + " hand-off); %d expect something else, of which the knowledge base alone answers %d with that same order"
            + " entry; taken from an answer that needs no order data or from a hand-off: %d (goal 0)%n",
        taken.size(), messages, byIntent.getOrDefault(OrderIntent.STATUS, 0), byIntent.getOrDefault(OrderIntent.RETURN, 0),
        byIntent.getOrDefault(OrderIntent.CANCEL, 0), taken.size() - wrong, wrong, wrong - stolen, stolen);
  }

  /** Stands in for the shop: remembers what it was asked and answers nothing real. */
  private static final class Desk implements OrderConversation {
    Optional<OrderIntent> asked = Optional.empty();

    @Override
    public boolean available() {
      return true;
    }

    @Override
    public Optional<OrderIntent> pending() {
      return Optional.empty();
    }

    @Override
    public boolean talksAboutAnOrder() {
      return false;
    }

    @Override
    public Reply answer(OrderIntent intent, String message, Duration budget) {
      asked = Optional.of(intent);
      return new Reply.Answer("(the order desk)", List.of(), "orders: " + intent.id());
    }
  }
}
