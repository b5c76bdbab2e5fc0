package dev.sidekick.runtime.responder;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Text as a set of normalised words: lower case, no accents or punctuation, light stemming. */
final class Words {
  static final Set<String> STOP =
      Set.of(
          "a", "an", "the", "is", "are", "was", "were", "be", "am", "i", "im", "me", "my", "mine", "we", "our",
          "you", "your", "it", "its", "to", "of", "for", "on", "in", "at", "by", "with", "and", "or", "do",
          "does", "did", "can", "could", "would", "will", "should", "please", "pls", "this", "that", "these",
          "those", "there", "here", "so", "just", "about", "from", "have", "has", "had", "any", "some", "if",
          "hi", "hello", "hey");

  // Compiled once: String.replaceAll and split would compile them on every call.
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

  private Words() {}

  /** All words, stemmed, in order (stop words kept). */
  static List<String> all(String text) {
    String plain =
        MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("")
            .toLowerCase(Locale.ROOT)
            .replace("'", "")
            .replace("\u2019", "");
    List<String> words = new ArrayList<>();
    for (String w : SEPARATORS.split(plain)) {
      if (!w.isEmpty()) {
        words.add(stem(w));
      }
    }
    return words;
  }

  /** The words that carry meaning: stop words removed (all words if nothing else is left). */
  static Set<String> content(String text) {
    List<String> all = all(text);
    Set<String> content = new LinkedHashSet<>();
    for (String w : all) {
      if (!STOP.contains(w)) {
        content.add(w);
      }
    }
    return content.isEmpty() ? new LinkedHashSet<>(all) : content;
  }

  static String normalised(String text) {
    return String.join(" ", all(text));
  }

  private static String stem(String w) {
    if (w.length() > 5 && w.endsWith("ing")) {
      return w.substring(0, w.length() - 3);
    }
    if (w.length() > 4 && w.endsWith("ed")) {
      return w.substring(0, w.length() - 2);
    }
    if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) {
      return w.substring(0, w.length() - 1);
    }
    return w;
  }
}
