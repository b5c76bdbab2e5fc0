package dev.sidekick.runtime.responder.text;

import java.util.List;

/**
 * A customer's message as {@link Segmenter} reads it: the body (without quoted replies, signature, sign-off,
 * disclaimers and greeting), its sentences, and those of them that ask something.
 */
public record Segments(String body, List<String> sentences, List<String> asking) {
  public Segments {
    sentences = List.copyOf(sentences);
    asking = List.copyOf(asking);
  }

  /** Whether the body has several sentences (an e-mail, mostly), which are then also decided on one by one. */
  public boolean manySentences() {
    return sentences.size() > 1;
  }
}
