package dev.sidekick.runtime.responder.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Text as customers type it, made comparable: lower case, no accents or apostrophes, chat shorthand spelt out
 * ("u" → "you", "pls" → "please", "wheres" → "where is"), then a light English stemmer, so that "shipped",
 * "shipping" and "ships" are one word. The same steps apply to the knowledge base's texts and to messages.
 */
public final class Words {
  /** Words that carry no topic. Compared before stemming. */
  public static final Set<String> STOP =
      Set.of(
          "a", "an", "the", "is", "are", "was", "were", "be", "been", "am", "i", "me", "my", "mine", "we", "us",
          "our", "you", "your", "it", "its", "to", "of", "for", "on", "in", "at", "by", "with", "and", "or", "do",
          "does", "did", "can", "could", "would", "will", "should", "shall", "may", "might", "please", "this",
          "that", "these", "those", "there", "here", "so", "just", "about", "from", "have", "has", "had", "any",
          "some", "if", "hi", "hello", "hey", "what", "how", "when", "where", "which", "who", "why", "not", "no",
          "get", "got", "im", "id", "ive", "ill", "yet", "still", "also", "too", "very", "really", "as", "but",
          "then", "than", "they", "them", "their", "he", "she", "his", "her", "him", "want", "like", "know",
          "need", "thanks", "thank", "tell", "let", "one", "out", "up", "all");

  private static final Map<String, String> SHORTHAND =
      Map.ofEntries(
          Map.entry("u", "you"), Map.entry("ur", "your"), Map.entry("r", "are"), Map.entry("pls", "please"),
          Map.entry("plz", "please"), Map.entry("thx", "thanks"), Map.entry("thanx", "thanks"),
          Map.entry("ty", "thank you"), Map.entry("wat", "what"), Map.entry("wut", "what"),
          Map.entry("wheres", "where is"), Map.entry("whats", "what is"), Map.entry("hows", "how is"),
          Map.entry("whens", "when is"), Map.entry("cant", "cannot"), Map.entry("dont", "do not"),
          Map.entry("doesnt", "does not"), Map.entry("didnt", "did not"), Map.entry("isnt", "is not"),
          Map.entry("wasnt", "was not"), Map.entry("wont", "will not"), Map.entry("hasnt", "has not"),
          Map.entry("havent", "have not"), Map.entry("havnt", "have not"), Map.entry("arent", "are not"),
          Map.entry("couldnt", "could not"), Map.entry("wouldnt", "would not"), Map.entry("acct", "account"),
          Map.entry("pwd", "password"), Map.entry("pw", "password"), Map.entry("addr", "address"),
          Map.entry("hrs", "hours"), Map.entry("asap", "as soon as possible"), Map.entry("tmrw", "tomorrow"),
          Map.entry("tmr", "tomorrow"), Map.entry("b4", "before"), Map.entry("rn", "right now"),
          Map.entry("abt", "about"), Map.entry("bc", "because"), Map.entry("cuz", "because"),
          Map.entry("msg", "message"), Map.entry("info", "information"), Map.entry("tix", "tickets"),
          Map.entry("wats", "what is"), Map.entry("lng", "long"), Map.entry("cn", "can"),
          Map.entry("wud", "would"), Map.entry("shud", "should"), Map.entry("cud", "could"), Map.entry("wanna", "want to"),
          Map.entry("gonna", "going to"), Map.entry("dunno", "do not know"), Map.entry("thnx", "thanks"),
          Map.entry("thanku", "thank you"), Map.entry("yr", "your"), Map.entry("im", "i am"), Map.entry("ive", "i have"),
          Map.entry("ppl", "people"), Map.entry("pkg", "package"), Map.entry("deliv", "delivery"), Map.entry("acc", "account"),
          Map.entry("2day", "today"),
          Map.entry("2moro", "tomorrow"), Map.entry("l8r", "later"), Map.entry("k", "ok"), Map.entry("kk", "ok"),
          Map.entry("nvm", "never mind"), Map.entry("idk", "i do not know"));

  // Compiled once: String.replaceAll and split would compile them on every call.
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern APOSTROPHES = Pattern.compile("['\u2019\u02bc`]");
  private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

  private Words() {}

  /** The words as typed, made plain: lower case, accents and apostrophes gone, shorthand spelt out. */
  public static List<String> plain(String text) {
    String plain = APOSTROPHES.matcher(fold(text)).replaceAll("");
    List<String> words = new ArrayList<>();
    for (String w : SEPARATORS.split(plain)) {
      if (w.isEmpty()) {
        continue;
      }
      String expanded = SHORTHAND.get(w);
      if (expanded == null) {
        words.add(w);
      } else {
        words.addAll(List.of(expanded.split(" ")));
      }
    }
    return words;
  }

  /** Lower case without accents (NFKD, marks removed). */
  public static String fold(String text) {
    return MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("").toLowerCase(Locale.ROOT);
  }

  /** All words, stemmed, in order (stop words kept). */
  public static List<String> all(String text) {
    return plain(text).stream().map(Words::stem).toList();
  }

  /** The stems of the words that carry meaning (all words when nothing else is left). */
  public static Set<String> content(String text) {
    return content(plain(text));
  }

  /** The stems of the plain words that carry meaning (all of them when nothing else is left). */
  public static Set<String> content(List<String> plain) {
    Set<String> content = new LinkedHashSet<>();
    for (String w : plain) {
      if (!STOP.contains(w)) {
        content.add(stem(w));
      }
    }
    if (content.isEmpty()) {
      plain.forEach(w -> content.add(stem(w)));
    }
    return content;
  }

  public static String normalised(String text) {
    return String.join(" ", all(text));
  }

  /**
   * A light English stemmer: plural and verb endings, -ly, and a final e, so that a word and its inflections
   * share a stem ("deliveries" and "delivery", "charged" and "charge", "shipping" and "ship").
   */
  public static String stem(String word) {
    String w = word;
    if (w.length() > 4 && w.endsWith("ies")) {
      w = w.substring(0, w.length() - 3) + "y";
    } else if (w.length() > 4 && w.endsWith("es") && endsWithSibilant(w.substring(0, w.length() - 2))) {
      w = w.substring(0, w.length() - 2);
    } else if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
      w = w.substring(0, w.length() - 1);
    }
    if (w.length() > 5 && w.endsWith("ing")) {
      w = undouble(w.substring(0, w.length() - 3));
    } else if (w.length() > 4 && w.endsWith("ed") && !w.endsWith("eed")) {
      w = undouble(w.substring(0, w.length() - 2));
    }
    if (w.length() > 5 && w.endsWith("ly")) {
      w = w.substring(0, w.length() - 2);
    }
    if (w.length() > 4 && w.endsWith("e")) {
      w = w.substring(0, w.length() - 1);
    }
    return w;
  }

  private static boolean endsWithSibilant(String w) {
    return w.endsWith("s") || w.endsWith("x") || w.endsWith("z") || w.endsWith("ch") || w.endsWith("sh");
  }

  /** "shipp" → "ship", "stopp" → "stop"; "sell", "pass" and "buzz" keep their double letter. */
  private static String undouble(String w) {
    int n = w.length();
    if (n > 2 && w.charAt(n - 1) == w.charAt(n - 2) && "lsz".indexOf(w.charAt(n - 1)) < 0
        && "aeiou".indexOf(w.charAt(n - 1)) < 0) {
      return w.substring(0, n - 1);
    }
    return w;
  }
}
