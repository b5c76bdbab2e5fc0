package dev.sidekick.runtime.outcomes;

import dev.sidekick.runtime.config.EndpointSettings;
import dev.sidekick.runtime.responder.Reply;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;

/**
 * Counts what Sidekick decided for each customer message, once per message (a redelivery reuses the decision):
 * {@code sidekick_decisions_total} by endpoint, channel, mode (live, or shadow: what it would have done), decision
 * (answered, asked, closed, handed_off) and, for hand-offs, a reason from a bounded set (the transfer reason's id,
 * unsure, or other). Never the customer's words or an entry's title.
 */
@ApplicationScoped
public class Decisions {
  @Inject MeterRegistry meters;

  public void decided(String endpoint, String channel, EndpointSettings.Mode mode, Reply reply) {
    meters.counter("sidekick.decisions", "endpoint", endpoint, "channel", channel, "mode", mode.key(),
        "decision", decision(reply), "reason", reason(reply)).increment();
  }

  /** The channel's name in metrics: chat, email, sms, whatsapp, facebook_message, instagram_direct. */
  public static String channel(String itemType) {
    return itemType.equals("CHAT_MESSAGE") ? "chat" : itemType.toLowerCase(Locale.ROOT);
  }

  static String decision(Reply reply) {
    if (reply instanceof Reply.Answer a) {
      return !a.options().isEmpty() && a.entryId().isEmpty() ? "asked" : "answered";
    }
    return reply instanceof Reply.Close ? "closed" : "handed_off";
  }

  /**
   * A hand-off's reason: the transfer reason (a person asked for, a legal threat...), "unsure" when entries came close
   * but none was sure enough, "other" for the rest (a responder failure, an order that could not be verified or looked
   * up: {@code sidekick_orders_total} tells those apart).
   */
  static String reason(Reply reply) {
    if (!(reply instanceof Reply.Handoff h)) {
      return "none";
    }
    if (h.transfer().isPresent()) {
      return h.transfer().get().id().toLowerCase(Locale.ROOT);
    }
    return h.considered().isEmpty() ? "other" : "unsure";
  }
}
