package dev.sidekick.runtime.responder.text;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Corrects a customer's typo towards the knowledge base's own words: a word that is neither in the knowledge base
 * nor an English word ("pasword", "trak", "exchage") becomes the knowledge-base word at the smallest edit distance
 * (insertion, deletion, substitution or swap of neighbours): at most 1 edit for words of 4 to 7 letters, 2 from 8
 * letters; shorter words and real words ("lost", "dose") are left as they are, since a correction would guess.
 */
public final class Spelling {
  private final List<String> vocabulary;
  private final java.util.Set<String> known;

  /** @param vocabulary the knowledge base's plain words (see {@link Words#plain}) */
  public Spelling(Collection<String> vocabulary) {
    this.vocabulary = List.copyOf(new TreeSet<>(vocabulary));
    this.known = java.util.Set.copyOf(this.vocabulary);
  }

  /** The knowledge-base word this plain word was probably meant to be, when it is a typo of one. */
  public Optional<String> correct(String word) {
    if (word.length() < 4 || known.contains(word) || Dictionary.contains(word) || !isLetters(word)) {
      return Optional.empty();
    }
    int limit = word.length() >= 8 ? 2 : 1;
    String best = null;
    int bestDistance = limit + 1;
    for (String candidate : vocabulary) {
      if (Math.abs(candidate.length() - word.length()) > limit || candidate.length() < 4) {
        continue;
      }
      int d = distance(word, candidate, bestDistance - 1);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The words with each typo corrected. */
  public List<String> corrected(List<String> plainWords) {
    return plainWords.stream().map(w -> correct(w).orElse(w)).toList();
  }

  private static boolean isLetters(String w) {
    for (int i = 0; i < w.length(); i++) {
      if (!Character.isLetter(w.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Optimal string alignment distance (Levenshtein with swaps of neighbours), or {@code max + 1} as soon as it is
   * known to exceed {@code max}.
   */
  static int distance(String a, String b, int max) {
    int n = a.length();
    int m = b.length();
    int[] before = new int[m + 1];
    int[] previous = new int[m + 1];
    int[] current = new int[m + 1];
    for (int j = 0; j <= m; j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= n; i++) {
      current[0] = i;
      int rowMin = current[0];
      for (int j = 1; j <= m; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int d = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d = Math.min(d, before[j - 2] + 1);
        }
        current[j] = d;
        rowMin = Math.min(rowMin, d);
      }
      if (rowMin > max) {
        return max + 1;
      }
      int[] t = before;
      before = previous;
      previous = current;
      current = t;
    }
    return previous[m];
  }
}
