package dev.sidekick.runtime.responder.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * About 43,000 common American English words (SCOWL, see english-words.NOTICE beside the list): a word in it is
 * a real word, not a typo to correct, and a message made of them is written in English.
 */
public final class Dictionary {
  private static final Set<String> WORDS = load();

  private Dictionary() {}

  /** Whether the plain word (lower case, no accent or apostrophe) is an English word. */
  public static boolean contains(String plainWord) {
    return WORDS.contains(plainWord);
  }

  private static Set<String> load() {
    Set<String> words = new HashSet<>(64_000);
    try (InputStream in = Dictionary.class.getResourceAsStream("english-words.txt")) {
      if (in == null) {
        throw new IllegalStateException("english-words.txt is missing from the runtime");
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        words.add(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(words);
  }
}
