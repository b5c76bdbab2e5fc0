package dev.sidekick.runtime.responder.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The sentences of a long message (an e-mail with a greeting, a story and a signature), so that retrieval can
 * match the one that asks the question instead of the whole, diluted text. Questions first, then the longest.
 */
public final class Sentences {
  private static final Pattern END = Pattern.compile("(?<=[.!?,;])\\s+|[\\r\\n]+");
  private static final Pattern FULL_STOP = Pattern.compile("(?<=[.!?])\\s+|[\\r\\n]+");
  private static final int MIN_WORDS = 3;

  private Sentences() {}

  /**
   * Every sentence of a text, in order, split at a full stop, question or exclamation mark followed by a space or at a
   * line break (not at commas, and not inside a link or a price: "https://shop.example.com/returns", "$12.50"); none for
   * a blank text.
   */
  public static List<String> all(String text) {
    List<String> sentences = new ArrayList<>();
    for (String s : FULL_STOP.split(text)) {
      if (!s.isBlank()) {
        sentences.add(s.trim());
      }
    }
    return List.copyOf(sentences);
  }

  /** At most {@code max} sentences of three words or more; none when the message has fewer than two of them. */
  public static List<String> of(String message, int max) {
    List<String> sentences = new ArrayList<>();
    for (String s : END.split(message)) {
      String t = s.trim();
      if (Words.plain(t).size() >= MIN_WORDS) {
        sentences.add(t);
      }
    }
    if (sentences.size() < 2) {
      return List.of();
    }
    sentences.sort(Comparator.comparing((String s) -> !s.endsWith("?")).thenComparing(s -> -s.length()));
    return List.copyOf(sentences.subList(0, Math.min(max, sentences.size())));
  }
}
