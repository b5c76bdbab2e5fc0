package dev.sidekick.runtime.harvest;

import java.util.Optional;

/** The label harvest suggests for a message ({@code expect} in evaluate's terms) and why: the author confirms it. */
record Suggestion(String label, String why) {

  /**
   * From what the person did: a reply → the entry whose answer it gives (with a knowledge base), else {@code handoff};
   * a transfer → {@code handoff}; a close without a reply → {@code close}. Without a knowledge base a reply cannot be
   * matched: Sidekick's own proposal is suggested, and the author must check it against the reply.
   */
  static Suggestion of(ShadowedMessage m, Optional<ReplyMatcher> matcher) {
    AgentAction a = m.action();
    return switch (a.kind()) {
      case REPLIED -> matcher.map(r -> fromReply(r, a.detail())).orElseGet(() -> fromProposal(m.proposal()));
      case TRANSFERRED -> new Suggestion("handoff", "a person transferred the conversation to inbox " + a.detail());
      case CLOSED -> new Suggestion("close", "a person closed the conversation without a reply");
      case NONE -> throw new IllegalArgumentException("no label before a person acted");
    };
  }

  private static Suggestion fromReply(ReplyMatcher matcher, String reply) {
    Optional<ReplyMatcher.Match> best = matcher.best(reply);
    if (best.isPresent() && best.get().enough()) {
      return new Suggestion(best.get().label(), "the agent's reply holds " + best.get().describe());
    }
    return new Suggestion("handoff", "the agent's reply gives no answer of the knowledge base"
        + best.map(b -> " (closest: " + b.describe() + ")").orElse(""));
  }

  private static Suggestion fromProposal(String proposal) {
    String why = "Sidekick's proposal (without --kb the agent's reply is not matched to an entry: compare them)";
    if (proposal.startsWith("answer ") && !proposal.equals("answer -")) {
      return new Suggestion(proposal.substring("answer ".length()), why);
    }
    return new Suggestion(proposal.equals("close") ? "close" : "handoff", why);
  }
}
