package dev.sidekick.runtime.responder.knowledge;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sidekick.runtime.config.ConfigException;
import dev.sidekick.runtime.config.YamlNode;
import dev.sidekick.runtime.responder.orders.OrderIntent;
import dev.sidekick.runtime.responder.text.Words;
import dev.sidekick.runtime.responder.transfer.TransferReason;
import dev.sidekick.runtime.responder.transfer.TransferRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The knowledge base of docs/runtime-config.md: entries (a title, phrases and example messages, an answer, an
 * optional menu), messages that must be handed off (the author's and the built-in {@link HandoffScenarios} it keeps), the
 * transfer reasons and languages, and the calibrated threshold and margin of the decision.
 */
public record KnowledgeBase(
    String source,
    Optional<String> greeting,
    double confidenceThreshold,
    double margin,
    TransferRules.Settings transfers,
    List<String> closingPhrases,
    String farewell,
    List<List<String>> synonyms,
    List<Entry> entries,
    List<String> handoffExamples,
    List<HandoffScenarios.Scenario> scenarios) {

  /** The menu option of a "Did you mean" menu that hands the customer to a person. */
  public static final String TALK_TO_A_PERSON = "Talk to a person";

  // What scripts/knowledge-base calibrate recommends for the sample knowledge base (docs/runtime-config.md): an entry must
  // be likelier than everything else together, and need not lead the second entry by more.
  public static final double DEFAULT_THRESHOLD = 0.55;
  public static final double DEFAULT_MARGIN = 0.0;

  static final Pattern OPTION_ID = Pattern.compile("[a-zA-Z1-9_-]{1,50}");
  private static final int LABEL_MAX = 256;
  private static final List<String> DEFAULT_HANDOFF_PHRASES =
      List.of("human", "agent", "representative", "talk to a person", "real person");

  /**
   * A question the knowledge base answers; its title names it in a "Did you mean" menu. {@code orders}: the question
   * is about the customer's own order, so that where the endpoint has a commerce backend the order is looked up
   * instead of giving {@code answer} (which stays the answer without one).
   */
  public record Entry(
      String id, String title, List<String> phrases, List<String> examples, String answer, List<MenuItem> menu,
      Optional<OrderIntent> orders) {
    public Entry(String id, String title, List<String> phrases, List<String> examples, String answer, List<MenuItem> menu) {
      this(id, title, phrases, examples, answer, menu, Optional.empty());
    }

    /** Every answer the entry can give: its own, then its menu options'. */
    public List<String> answers() {
      List<String> answers = new ArrayList<>();
      answers.add(answer);
      menu.forEach(m -> answers.add(m.answer()));
      return List.copyOf(answers);
    }
  }

  /** A menu option with the answer given when the customer picks it. */
  public record MenuItem(String id, String label, String answer) {}

  /** The same knowledge base deciding with another threshold and margin. */
  public KnowledgeBase withDecision(double threshold, double margin) {
    return new KnowledgeBase(source, greeting, threshold, margin, transfers, closingPhrases, farewell, synonyms, entries,
        handoffExamples, scenarios);
  }

  public Optional<Entry> entry(String id) {
    return entries.stream().filter(e -> e.id().equals(id)).findFirst();
  }

  public static KnowledgeBase load(Path file) {
    String name = file.toString();
    try {
      return parse(new YamlNode(name, "", YamlNode.readTree(Files.readString(file))), name);
    } catch (JsonProcessingException e) {
      throw new ConfigException(name + ": not valid YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException(name + ": cannot be read: " + e.getClass().getSimpleName());
    }
  }

  static KnowledgeBase parse(YamlNode root, String source) {
    root.object(
        Set.of("greeting", "confidenceThreshold", "margin", "languages", "handoffPhrases", "transferReasons",
            "closingPhrases", "farewell", "synonyms", "entries", "handoffExamples", "handoffScenarios"));
    double threshold = root.get("confidenceThreshold").decimal(DEFAULT_THRESHOLD, 0.0, 1.0);
    double margin = root.get("margin").decimal(DEFAULT_MARGIN, 0.0, 0.5);
    List<String> handoff =
        root.get("handoffPhrases").present() ? root.get("handoffPhrases").texts() : DEFAULT_HANDOFF_PHRASES;
    List<String> closing =
        root.get("closingPhrases").present()
            ? root.get("closingPhrases").texts()
            : List.of("thanks", "thank you", "bye", "goodbye", "that's all");
    String farewell = root.get("farewell").optionalText().orElse("Glad I could help. Have a great day!");
    YamlNode e = root.get("entries");
    if (!e.present() || e.list().isEmpty()) {
      throw e.error("must list at least one entry");
    }
    Set<String> ids = new HashSet<>();
    Set<String> optionIds = new HashSet<>();
    Map<String, String> titles = new HashMap<>();
    List<Entry> entries = e.list().stream().map(n -> entry(n, ids, optionIds, titles)).toList();
    return new KnowledgeBase(
        source,
        root.get("greeting").optionalText(),
        threshold,
        margin,
        transfers(root, handoff),
        closing,
        farewell,
        synonyms(root.get("synonyms")),
        entries,
        root.get("handoffExamples").texts(),
        scenarios(root.get("handoffScenarios")));
  }

  /** The built-in scenarios the knowledge base keeps: all of them, but those it excludes or with {@code builtIn: false}. */
  private static List<HandoffScenarios.Scenario> scenarios(YamlNode s) {
    if (!s.present()) {
      return HandoffScenarios.builtIn();
    }
    s.object(Set.of("builtIn", "exclude"));
    if (!s.get("builtIn").bool(true)) {
      return List.of();
    }
    Set<String> known = HandoffScenarios.builtIn().stream().map(HandoffScenarios.Scenario::id).collect(Collectors.toSet());
    List<String> excluded = s.get("exclude").texts();
    for (int i = 0; i < excluded.size(); i++) {
      if (!known.contains(excluded.get(i))) {
        throw s.get("exclude").list().get(i).error("no built-in scenario \"" + excluded.get(i) + "\" (there are: "
            + String.join(", ", new java.util.TreeSet<>(known)) + ")");
      }
    }
    return HandoffScenarios.builtIn().stream().filter(x -> !excluded.contains(x.id())).toList();
  }

  private static TransferRules.Settings transfers(YamlNode root, List<String> handoffPhrases) {
    List<String> languages =
        root.get("languages").present() ? root.get("languages").texts() : List.of("en");
    for (int i = 0; i < languages.size(); i++) {
      if (!languages.get(i).matches("[a-z]{2}")) {
        throw root.get("languages").list().get(i).error("must be an ISO 639-1 code such as en or es");
      }
    }
    Set<TransferReason> enabled = EnumSet.allOf(TransferReason.class);
    Map<TransferReason, List<String>> phrases = new EnumMap<>(TransferReason.class);
    phrases.put(TransferReason.EXPLICIT_REQUEST, handoffPhrases);
    YamlNode t = root.get("transferReasons");
    if (t.present()) {
      t.object(Arrays.stream(TransferReason.values()).map(TransferReason::id).collect(Collectors.toSet()));
      for (TransferReason reason : TransferReason.values()) {
        YamlNode r = t.get(reason.id());
        if (!r.present()) {
          continue;
        }
        r.object(Set.of("enabled", "phrases"));
        if (!r.get("enabled").bool(true)) {
          enabled.remove(reason);
        }
        List<String> extra = new ArrayList<>(phrases.getOrDefault(reason, List.of()));
        extra.addAll(r.get("phrases").texts());
        phrases.put(reason, extra);
      }
    }
    return new TransferRules.Settings(enabled, phrases, Set.copyOf(languages));
  }

  private static List<List<String>> synonyms(YamlNode s) {
    List<List<String>> groups = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (YamlNode group : s.optionalList()) {
      List<String> words = group.texts();
      if (words.size() < 2) {
        throw group.error("a synonym group needs at least two words");
      }
      for (int i = 0; i < words.size(); i++) {
        String w = words.get(i).toLowerCase(Locale.ROOT);
        if (Words.plain(w).size() != 1) {
          throw group.list().get(i).error("must be a single word (got \"" + w + "\")");
        }
        if (!seen.add(Words.stem(Words.plain(w).get(0)))) {
          throw group.list().get(i).error("\"" + w + "\" is already in another synonym group");
        }
      }
      groups.add(words);
    }
    return groups;
  }

  private static Entry entry(YamlNode n, Set<String> ids, Set<String> optionIds, Map<String, String> titles) {
    n.object(Set.of("id", "title", "phrases", "examples", "answer", "menu", "orders"));
    String id = n.get("id").text();
    if (!ids.add(id)) {
      throw n.get("id").error("duplicate entry id \"" + id + "\"");
    }
    List<String> phrases = n.get("phrases").texts();
    List<String> examples = n.get("examples").texts();
    if (phrases.isEmpty() && examples.isEmpty()) {
      throw n.get("phrases").error("an entry needs at least one phrase or example");
    }
    String title = n.get("title").optionalText().orElseGet(() -> capitalised(phrases.isEmpty() ? examples.get(0) : phrases.get(0)));
    if (title.length() > LABEL_MAX) {
      throw n.get("title").error("at most " + LABEL_MAX + " characters (Gladly's menu label limit)");
    }
    String key = Words.normalised(title);
    if (key.equals(Words.normalised(TALK_TO_A_PERSON))) {
      throw n.get("title").error("\"" + TALK_TO_A_PERSON + "\" is the menu option that hands off");
    }
    String other = titles.putIfAbsent(key, id);
    if (other != null) {
      throw n.get("title").error("the same title as entry \"" + other + "\" (titles tell entries apart in a menu)");
    }
    String answer = answer(n.get("answer"));
    List<MenuItem> menu = n.get("menu").optionalList().stream().map(m -> menuItem(m, optionIds)).toList();
    if (menu.size() > 10) {
      throw n.get("menu").error("at most 10 options (Gladly's limit)");
    }
    YamlNode o = n.get("orders");
    Optional<OrderIntent> orders = Optional.empty();
    if (o.present()) {
      orders = OrderIntent.of(o.text());
      if (orders.isEmpty()) {
        throw o.error("must be status, return or cancel (got \"" + o.text() + "\")");
      }
    }
    return new Entry(id, title, phrases, examples, answer, menu, orders);
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static MenuItem menuItem(YamlNode m, Set<String> optionIds) {
    m.object(Set.of("id", "label", "answer"));
    String id = m.get("id").text();
    if (!OPTION_ID.matcher(id).matches()) {
      throw m.get("id").error("must be 1-50 of a-z A-Z 1-9 _ - (Gladly's menu item ids; got \"" + id + "\")");
    }
    if (!optionIds.add(id)) {
      throw m.get("id").error("duplicate menu option id \"" + id + "\"");
    }
    String label = m.get("label").text();
    if (label.length() > LABEL_MAX) {
      throw m.get("label").error("at most " + LABEL_MAX + " characters");
    }
    return new MenuItem(id, label, answer(m.get("answer")));
  }

  private static String answer(YamlNode a) {
    String text = a.text();
    if (text.length() > 2048) {
      throw a.error("at most 2048 characters (Gladly's message limit)");
    }
    return text;
  }
}
