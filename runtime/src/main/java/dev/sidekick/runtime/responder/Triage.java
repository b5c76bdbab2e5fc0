package dev.sidekick.runtime.responder;

import dev.sidekick.runtime.responder.knowledge.KnowledgeBase;
import dev.sidekick.runtime.responder.text.Words;
import dev.sidekick.runtime.responder.transfer.TransferReason;
import dev.sidekick.runtime.responder.transfer.TransferRules;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What is settled before retrieval, in this order: a menu pick (an option of an entry's menu, an entry of a "Did
 * you mean" menu, or "Talk to a person", as Gladly's chat sends the label back), a transfer reason, a greeting
 * alone, a thank-you or goodbye alone. Shared by the knowledge-base and the chat-completions responders.
 */
public final class Triage {
  private static final String DEFAULT_GREETING = "Hi! How can I help you today?";
  private static final Set<String> GREETING =
      stems("hi", "hello", "hey", "hiya", "howdy", "yo", "good", "morning", "afternoon", "evening", "day", "there",
          "greetings", "folks", "team", "all", "everyone", "again", "anyone", "anybody", "somebody", "someone", "is", "are",
          "you", "here", "online", "available", "helo", "hii", "heya", "sup");
  private static final Set<String> FILLER =
      stems("ok", "okay", "great", "perfect", "that", "thats", "is", "all", "so", "much", "very", "you", "awesome",
          "cool", "got", "it", "sounds", "sound", "good", "nice", "have", "day", "a", "for", "help", "the", "your",
          "lovely", "wonderful", "again", "super", "many", "ty", "brilliant", "excellent", "fine", "alright", "and",
          "will", "do", "now", "then", "bye", "cheers", "thx", "thanks",
          // what a customer who is done says besides thanks ("that's everything I needed", "all sorted now, no need to reply")
          "everything", "needed", "need", "what", "i", "exactly", "know", "to", "sorted", "solved", "fixed", "resolved",
          "working", "works", "helped", "helpful", "appreciate", "appreciated", "clear", "makes", "sense", "understood",
          "answer", "answered", "question", "questions", "info", "information", "no", "reply", "further", "anything", "else",
          "fab", "amazing", "legend", "love", "x", "xx", "xxx", "ta", "set", "good", "day", "evening", "weekend", "night",
          "wanted", "was", "looking", "just", "me", "my", "of", "this", "all", "again", "been", "has", "it", "thats", "s",
          "sound", "sounds", "fine", "nice", "one", "take", "care", "bye", "goodbye", "later", "see");
  // Words that show the customer is done, when nothing else is asked ("perfect, that's exactly what I needed").
  private static final Set<String> DONE =
      stems("thanks", "thank", "ty", "thx", "cheers", "bye", "goodbye", "appreciate", "appreciated", "sorted", "solved",
          "needed", "helpful", "perfect", "resolved", "ta");

  private final KnowledgeBase kb;
  private final TransferRules transfers;
  private final List<List<String>> closing;
  private final Set<String> closingWords;
  private final Map<String, Reply> picks = new HashMap<>();

  public Triage(KnowledgeBase kb) {
    this.kb = kb;
    this.transfers = new TransferRules(kb.transfers());
    this.closing = kb.closingPhrases().stream().map(Words::all).toList();
    this.closingWords = closing.stream().flatMap(List::stream).collect(Collectors.toUnmodifiableSet());
    for (KnowledgeBase.Entry e : kb.entries()) {
      for (KnowledgeBase.MenuItem m : e.menu()) {
        Reply answer = new Reply.Answer(m.answer(), List.of(), "menu pick: " + e.id() + "/" + m.id(), Optional.of(e.id()));
        picks.putIfAbsent(Words.normalised(m.label()), answer);
        picks.putIfAbsent(m.id(), answer);
      }
    }
    for (KnowledgeBase.Entry e : kb.entries()) {
      picks.putIfAbsent(Words.normalised(e.title()), answer(e, "menu pick: " + e.id()));
    }
    picks.put(
        Words.normalised(KnowledgeBase.TALK_TO_A_PERSON),
        new Reply.Handoff(
            TransferReason.EXPLICIT_REQUEST.description() + " (picked \"" + KnowledgeBase.TALK_TO_A_PERSON + "\")",
            Optional.of(TransferReason.EXPLICIT_REQUEST), List.of()));
  }

  /** An entry's answer, with its menu. */
  public static Reply.Answer answer(KnowledgeBase.Entry e, String reason) {
    return new Reply.Answer(
        e.answer(), e.menu().stream().map(m -> new Reply.Option(m.id(), m.label())).toList(), reason, Optional.of(e.id()));
  }

  /**
   * @param message the message as sent (a menu pick is an option's label as Gladly's chat sends it)
   * @param body what the customer wrote now, without quoted replies, signature and greeting ({@link
   *     dev.sidekick.runtime.responder.text.Segmenter}): what transfer reasons, greetings and goodbyes are read in
   */
  public Optional<Reply> settle(String message, String body) {
    Reply pick = picks.get(message);
    if (pick == null) {
      pick = picks.get(Words.normalised(message));
    }
    if (pick != null) {
      return Optional.of(pick);
    }
    return settle(body);
  }

  private Optional<Reply> settle(String message) {
    Optional<TransferRules.Transfer> transfer = transfers.check(message);
    if (transfer.isPresent()) {
      TransferReason r = transfer.get().reason();
      return Optional.of(new Reply.Handoff(
          r.description() + " (" + transfer.get().evidence() + ")", Optional.of(r), List.of()));
    }
    List<String> words = Words.all(message);
    if (GREETING.containsAll(words)) {
      return Optional.of(new Reply.Answer(kb.greeting().orElse(DEFAULT_GREETING), List.of(), "greeting"));
    }
    if (isClosing(message, words)) {
      return Optional.of(new Reply.Close(kb.farewell(), "the customer said goodbye"));
    }
    return Optional.empty();
  }

  private boolean isClosing(String message, List<String> words) {
    if (message.contains("?")) {
      return false;
    }
    boolean cue = words.stream().anyMatch(DONE::contains)
        || closing.stream().anyMatch(phrase -> !phrase.isEmpty() && Collections.indexOfSubList(words, phrase) >= 0);
    if (!cue) {
      return false;
    }
    for (String w : words) {
      if (!closingWords.contains(w) && !FILLER.contains(w)) {
        return false;
      }
    }
    return true;
  }

  private static Set<String> stems(String... words) {
    return java.util.Arrays.stream(words).flatMap(w -> Words.all(w).stream()).collect(Collectors.toUnmodifiableSet());
  }
}
