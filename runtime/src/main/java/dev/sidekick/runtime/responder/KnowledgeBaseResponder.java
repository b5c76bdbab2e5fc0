package dev.sidekick.runtime.responder;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Answers from a {@link KnowledgeBase} with a matcher one can explain in a sentence: after normalising
 * both texts (lower case, no punctuation or stop words, light stemming), an entry's score is the best over
 * its phrases of {@code 0.75 * (share of the phrase's words found in the message) + 0.25 * (share of the
 * message's words found in the phrase)}. Below the threshold Sidekick hands off; it never guesses.
 *
 * <p>Checked first, in order: a menu pick (the option's label or id, as the chat sends it back), a
 * hand-off phrase (all its words present), a greeting alone, a thank-you or goodbye alone.
 */
public final class KnowledgeBaseResponder implements Responder {
  private static final String DEFAULT_GREETING = "Hi! How can I help you today?";
  private static final Set<String> GREETING =
      Set.of("hi", "hello", "hey", "hiya", "howdy", "yo", "good", "morning", "afternoon", "evening", "there");
  private static final Set<String> FILLER =
      Set.of("ok", "okay", "great", "perfect", "that", "thats", "all", "so", "much", "very", "you", "awesome",
          "cool", "got", "it", "sound", "good", "nice", "have", "day", "a", "for", "help", "the", "your");

  private final KnowledgeBase kb;
  // The knowledge base's texts normalised once, not on every message.
  private final List<Phrase> handoff;
  private final List<List<String>> closing;
  private final Set<String> closingWords;
  private final List<IndexedEntry> entries;

  /** An entry with the content words of each phrase and the normalised label of each menu item. */
  private record IndexedEntry(KnowledgeBase.Entry entry, List<Set<String>> phrases, List<String> menuLabels) {
    static IndexedEntry of(KnowledgeBase.Entry e) {
      return new IndexedEntry(
          e, e.phrases().stream().map(Words::content).toList(), e.menu().stream().map(m -> Words.normalised(m.label())).toList());
    }
  }

  /** A phrase as the matcher compares it: its words in order, and the ones that carry meaning. */
  private record Phrase(String text, List<String> all, Set<String> content) {
    static Phrase of(String text) {
      return new Phrase(text, Words.all(text), Words.content(text));
    }
  }

  public KnowledgeBaseResponder(KnowledgeBase kb) {
    this.kb = kb;
    this.handoff = kb.handoffPhrases().stream().map(Phrase::of).toList();
    this.closing = kb.closingPhrases().stream().map(Words::all).toList();
    this.closingWords = closing.stream().flatMap(List::stream).collect(Collectors.toUnmodifiableSet());
    this.entries = kb.entries().stream().map(IndexedEntry::of).toList();
  }

  public KnowledgeBase knowledgeBase() {
    return kb;
  }

  @Override
  public Reply respond(Inquiry inquiry, Duration budget) {
    String message = inquiry.message() == null ? "" : inquiry.message().trim();
    List<String> words = Words.all(message);
    if (words.isEmpty()) {
      return new Reply.Handoff("a message without words");
    }
    Optional<Reply> pick = menuPick(message);
    if (pick.isPresent()) {
      return pick.get();
    }
    Set<String> content = Words.content(message);
    for (Phrase phrase : handoff) {
      if (content.containsAll(phrase.content()) || containsPhrase(words, phrase.all())) {
        return new Reply.Handoff("the customer asked for a human (\"" + phrase.text() + "\")");
      }
    }
    if (GREETING.containsAll(words)) {
      return new Reply.Answer(kb.greeting().orElse(DEFAULT_GREETING), List.of(), "greeting");
    }
    if (isClosing(words)) {
      return new Reply.Close(kb.farewell(), "the customer said goodbye");
    }
    KnowledgeBase.Entry best = null;
    double bestScore = 0;
    for (IndexedEntry e : entries) {
      double score = score(e.phrases(), content);
      if (score > bestScore) {
        best = e.entry();
        bestScore = score;
      }
    }
    if (best == null || bestScore < kb.confidenceThreshold()) {
      return new Reply.Handoff(
          best == null
              ? "no confident answer (nothing in the knowledge base matches)"
              : String.format(
                  Locale.ROOT, "no confident answer (best: %s at %.2f, below %.2f)", best.id(), bestScore,
                  kb.confidenceThreshold()));
    }
    List<Reply.Option> options =
        best.menu().stream().map(m -> new Reply.Option(m.id(), m.label())).toList();
    return new Reply.Answer(
        best.answer(), options, String.format(Locale.ROOT, "knowledge base: %s at %.2f", best.id(), bestScore));
  }

  /** How well the message matches one entry (the content words of each of its phrases), 0..1. */
  static double score(List<Set<String>> phrases, Set<String> message) {
    double best = 0;
    for (Set<String> p : phrases) {
      if (p.isEmpty() || message.isEmpty()) {
        continue;
      }
      long shared = p.stream().filter(message::contains).count();
      double score = 0.75 * shared / p.size() + 0.25 * shared / message.size();
      best = Math.max(best, score);
    }
    return best;
  }

  private Optional<Reply> menuPick(String message) {
    String said = Words.normalised(message);
    for (IndexedEntry e : entries) {
      KnowledgeBase.Entry entry = e.entry();
      for (int m = 0; m < entry.menu().size(); m++) {
        KnowledgeBase.MenuItem item = entry.menu().get(m);
        if (said.equals(e.menuLabels().get(m)) || message.equals(item.id())) {
          return Optional.of(new Reply.Answer(item.answer(), List.of(), "menu pick: " + entry.id() + "/" + item.id()));
        }
      }
    }
    return Optional.empty();
  }

  private boolean isClosing(List<String> words) {
    if (closing.stream().noneMatch(phrase -> containsPhrase(words, phrase))) {
      return false;
    }
    for (String w : words) {
      if (!closingWords.contains(w) && !FILLER.contains(w)) {
        return false;
      }
    }
    return true;
  }

  private static boolean containsPhrase(List<String> words, List<String> phrase) {
    if (phrase.isEmpty()) {
      return false;
    }
    return java.util.Collections.indexOfSubList(words, phrase) >= 0;
  }
}
