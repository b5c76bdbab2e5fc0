package dev.sidekick.runtime.responder;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sidekick.runtime.config.ConfigException;
import dev.sidekick.runtime.config.YamlNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The knowledge base of docs/runtime-config.md: entries with phrases and answers, and a few rules. */
public record KnowledgeBase(
    Optional<String> greeting,
    double confidenceThreshold,
    List<String> handoffPhrases,
    List<String> closingPhrases,
    String farewell,
    List<Entry> entries) {

  static final Pattern OPTION_ID = Pattern.compile("[a-zA-Z1-9_-]{1,50}");

  /** A question the knowledge base answers. */
  public record Entry(String id, List<String> phrases, String answer, List<MenuItem> menu) {}

  /** A menu option with the answer given when the customer picks it. */
  public record MenuItem(String id, String label, String answer) {}

  public static KnowledgeBase load(Path file) {
    String name = file.toString();
    try {
      return parse(new YamlNode(name, "", YamlNode.readTree(Files.readString(file))));
    } catch (JsonProcessingException e) {
      throw new ConfigException(name + ": not valid YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException(name + ": cannot be read: " + e.getClass().getSimpleName());
    }
  }

  static KnowledgeBase parse(YamlNode root) {
    root.object(
        Set.of("greeting", "confidenceThreshold", "handoffPhrases", "closingPhrases", "farewell", "entries"));
    double threshold = root.get("confidenceThreshold").decimal(0.5, 0.0, 1.0);
    List<String> handoff =
        root.get("handoffPhrases").present()
            ? root.get("handoffPhrases").texts()
            : List.of("human", "agent", "representative", "talk to a person", "real person");
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
    List<Entry> entries = e.list().stream().map(n -> entry(n, ids, optionIds)).toList();
    return new KnowledgeBase(root.get("greeting").optionalText(), threshold, handoff, closing, farewell, entries);
  }

  private static Entry entry(YamlNode n, Set<String> ids, Set<String> optionIds) {
    n.object(Set.of("id", "phrases", "answer", "menu"));
    String id = n.get("id").text();
    if (!ids.add(id)) {
      throw n.get("id").error("duplicate entry id \"" + id + "\"");
    }
    List<String> phrases = n.get("phrases").present() ? n.get("phrases").texts() : List.of();
    if (phrases.isEmpty()) {
      throw n.get("phrases").error("must list at least one phrase");
    }
    String answer = answer(n.get("answer"));
    List<MenuItem> menu =
        n.get("menu").optionalList().stream().map(m -> menuItem(m, optionIds)).toList();
    if (menu.size() > 10) {
      throw n.get("menu").error("at most 10 options (Gladly's limit)");
    }
    return new Entry(id, phrases, answer, menu);
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
    if (label.length() > 256) {
      throw m.get("label").error("at most 256 characters");
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
