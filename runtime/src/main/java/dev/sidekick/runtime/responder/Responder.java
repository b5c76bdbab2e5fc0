package dev.sidekick.runtime.responder;

import java.time.Duration;

/**
 * Decides what Sidekick says to a customer. A responder never guesses: when it is unsure it answers
 * {@link Reply.Handoff}. Callers turn any exception or overrun of the budget into a hand-off too.
 */
public interface Responder {

  Reply respond(Inquiry inquiry, Duration budget);

  /** Whether {@link Inquiry#transcript()} must hold the whole conversation (costs a Gladly call). */
  default boolean needsTranscript() {
    return false;
  }
}
