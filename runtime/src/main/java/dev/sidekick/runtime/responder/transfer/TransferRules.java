package dev.sidekick.runtime.responder.transfer;

import dev.sidekick.runtime.responder.text.Languages;
import dev.sidekick.runtime.responder.text.Words;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a transfer reason in a customer's message: built-in English patterns for each reason, plus the knowledge
 * base's own phrases, checked sentence by sentence on the plain words (shorthand spelt out, so "dont" reads "do
 * not"); and the message's language against the ones the knowledge base serves. A request for a person that is
 * negated just before ("I don't need a human") does not count.
 */
public final class TransferRules {
  /** What a knowledge base says about transfers: the reasons it applies, its extra phrases, its languages. */
  public record Settings(Set<TransferReason> enabled, Map<TransferReason, List<String>> phrases, Set<String> languages) {
    public Settings {
      enabled = Set.copyOf(enabled);
      phrases = Map.copyOf(phrases);
      languages = Set.copyOf(languages);
    }
  }

  /** A transfer reason found, and what in the message showed it. */
  public record Transfer(TransferReason reason, String evidence) {}

  private static final Pattern SENTENCES = Pattern.compile("[.!?;\\n\\r]+");
  private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "without", "nobody");
  // Checked in this order: the most urgent reason wins.
  private static final Map<TransferReason, List<Pattern>> BUILT_IN = new EnumMap<>(TransferReason.class);

  static {
    BUILT_IN.put(TransferReason.SAFETY, patterns(
        "\\b(injur\\w*|hurt|hurts|hurting|burned|burnt|burns|bleeding|bled|blood|hospital|emergency room|urgent care"
            + "|rash|rashes|allergic|allergy|anaphyla\\w*|choke|choked|choking|poison\\w*|electric shock"
            + "|electrical shock|shocked me|electrocut\\w*|caught fire|on fire|fire|flames|smoke|exploded|explode"
            + "|explosion|sparks|sparking|overheat\\w*|melted|unsafe|dangerous|hazard\\w*|safety|recall|recalled"
            + "|toxic|got sick|made me sick|fell ill)\\b",
        "\\bcut (my|his|her|their|our|myself|himself|herself)\\b"));
    BUILT_IN.put(TransferReason.LEGAL, patterns(
        "\\b(sue|suing|sued|lawsuit|lawsuits|lawyer|lawyers|attorney|attorneys|solicitor|solicitors|litigation"
            + "|legal action|legal proceedings|court|courts|small claims|class action|better business bureau|bbb|ftc"
            + "|consumer protection|trading standards|ombudsman|cease and desist)\\b"));
    BUILT_IN.put(TransferReason.ABUSE, patterns(
        "\\b(fuck\\w*|fck\\w*|fuk\\w*|fcuk\\w*|motherf\\w*|shit\\w*|bullshit|bitch\\w*|bastard\\w*|asshole\\w*"
            + "|arsehole\\w*|dickhead\\w*|cunt\\w*|twat\\w*|wanker\\w*|stfu|piece of (crap|garbage|trash|junk))\\b",
        "\\b(you|you are|youre|this bot)( such| a| an| so| the| fucking| bloody| damn| stupid| useless)* "
            + "(stupid|idiot\\w*|moron\\w*|dumb|useless|pathetic|worthless|incompetent|retard\\w*|clown|loser)\\b",
        "\\b(stupid|useless|dumb|idiotic|pathetic|worthless) (bot|robot|machine|chatbot|idiot|moron)\\b"));
    BUILT_IN.put(TransferReason.MANAGER, patterns(
        "\\b(a|an|the|your|to|with|for|speak|talk|get|see)( store| floor| shift| duty| customer service)? "
            + "(manager|supervisor|superior|boss|management)\\b",
        "\\b(someone|somebody|person) in charge\\b",
        "\\b(escalate|escalated|escalating|escalation)\\b",
        "\\bhigher up\\b"));
    BUILT_IN.put(TransferReason.EXPLICIT_REQUEST, patterns(
        "\\b(talk|speak|chat|speaking|talking|chatting) (to|with)( a| an| the| some| your| one of your)?"
            + "( real| live| actual| human)? (person|human|humans|someone|somebody|anyone|agent|representative|rep"
            + "|operator|employee|people|staff|being|man|woman)\\b",
        "\\b(connect|transfer|put|pass|send|forward|redirect)( me)?( through)? (to|with)( a| an| the| your| some)?"
            + "( real| live| actual)? (person|human|someone|somebody|agent|representative|rep|operator|employee|staff"
            + "|customer service|support team)\\b",
        "\\b(real|live|actual) (person|human|agent|people|representative|rep|operator)\\b",
        "\\b(human|humans|representative|operator)\\b",
        "\\b(someone|somebody|anyone|a person) (i|we) (can|could|may) (talk|speak|chat)\\b",
        // "does someone call me?" asks how a thing is done (the simple present of a habit), "call me back" asks for it
        "(?<!\\b(do|does) (someone|somebody|anyone|you|they|your team) )\\b(call|phone|ring) me( back)?\\b"));
  }

  // "I don't want a bot": a negated bot is a request for a person (so not checked for negation itself).
  private static final Pattern NOT_A_BOT =
      Pattern.compile("\\b(not|no|stop|hate|without)( \\w+){0,3} (bot|robot|chatbot|machine|automated)\\b");
  // Masked swearing ("f***", "sh*t") is matched on the text as typed: the plain words lose the stars.
  private static final Pattern MASKED =
      Pattern.compile("(?i)(?<![a-z])(f[*#@$]{2,}k?|sh[*#@]+t|a[*#]+hole|b[*#]+ch)(?![a-z])");

  private final Settings settings;
  private final Map<TransferReason, List<Phrase>> phrases = new EnumMap<>(TransferReason.class);

  /** A phrase of the knowledge base: its plain words in order, and the stems of those that carry meaning. */
  private record Phrase(String text, List<String> words, Set<String> content) {}

  public TransferRules(Settings settings) {
    this.settings = settings;
    settings.phrases().forEach(
        (reason, list) ->
            phrases.put(reason, list.stream().map(p -> new Phrase(p, Words.plain(p), Words.content(p))).toList()));
  }

  public Settings settings() {
    return settings;
  }

  /** The first transfer reason the message shows, most urgent first; empty when none applies. */
  public Optional<Transfer> check(String message) {
    List<String> sentences = new ArrayList<>();
    for (String s : SENTENCES.split(message)) {
      List<String> words = Words.plain(s);
      if (!words.isEmpty()) {
        sentences.add(" " + String.join(" ", words) + " ");
      }
    }
    for (TransferReason reason : BUILT_IN.keySet()) {
      if (!settings.enabled().contains(reason)) {
        continue;
      }
      Optional<String> evidence = find(reason, sentences, message);
      if (evidence.isPresent()) {
        return Optional.of(new Transfer(reason, evidence.get()));
      }
    }
    if (settings.enabled().contains(TransferReason.LANGUAGE) && !settings.languages().isEmpty()) {
      Optional<String> language = Languages.detect(message);
      if (language.isPresent() && !settings.languages().contains(language.get())) {
        return Optional.of(new Transfer(TransferReason.LANGUAGE, "written in " + language.get()));
      }
    }
    return Optional.empty();
  }

  private Optional<String> find(TransferReason reason, List<String> sentences, String message) {
    boolean negatable = reason == TransferReason.EXPLICIT_REQUEST;
    for (String sentence : sentences) {
      for (Pattern p : BUILT_IN.get(reason)) {
        Matcher m = p.matcher(sentence);
        while (m.find()) {
          if (!negatable || !negated(sentence, m.start())) {
            return Optional.of("\"" + m.group().trim() + "\"");
          }
        }
      }
      if (negatable) {
        Matcher bot = NOT_A_BOT.matcher(sentence);
        if (bot.find()) {
          return Optional.of("\"" + bot.group().trim() + "\"");
        }
      }
      for (Phrase phrase : phrases.getOrDefault(reason, List.of())) {
        int at = indexOf(sentence, phrase);
        if (at >= 0 && !(negatable && negated(sentence, at))) {
          return Optional.of("\"" + phrase.text() + "\"");
        }
      }
    }
    if (reason == TransferReason.ABUSE) {
      Matcher masked = MASKED.matcher(message);
      if (masked.find()) {
        return Optional.of("\"" + masked.group() + "\"");
      }
    }
    return Optional.empty();
  }

  /**
   * Where the phrase is in the sentence (" word word "): its words in order, or for a phrase of several words
   * all the stems that carry its meaning anywhere in the sentence; -1 when it is not.
   */
  private static int indexOf(String sentence, Phrase phrase) {
    if (phrase.words().isEmpty()) {
      return -1;
    }
    int at = sentence.indexOf(" " + String.join(" ", phrase.words()) + " ");
    if (at >= 0 || phrase.words().size() < 2) {
      return at;
    }
    Set<String> stems = Set.copyOf(Words.all(sentence));
    return stems.containsAll(phrase.content()) ? 0 : -1;
  }

  /** Whether one of the three words before this position negates it ("do not want to talk to a human"). */
  private static boolean negated(String sentence, int position) {
    String[] before = sentence.substring(0, position).trim().split(" ");
    for (int i = Math.max(0, before.length - 3); i < before.length; i++) {
      if (NEGATIONS.contains(before[i])) {
        return true;
      }
    }
    return false;
  }

  private static List<Pattern> patterns(String... regexes) {
    return java.util.Arrays.stream(regexes).map(Pattern::compile).toList();
  }
}
