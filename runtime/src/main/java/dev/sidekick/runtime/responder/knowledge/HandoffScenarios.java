package dev.sidekick.runtime.responder.knowledge;

import dev.sidekick.runtime.config.ConfigException;
import dev.sidekick.runtime.config.YamlNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * The messages that need a person in nearly every business, shipped with Sidekick the way Gladly ships transfer
 * scenarios: damaged, missing or wrong goods, "delivered" but not received, double charges, refused claims, changes
 * to an order that has shipped, press, wholesale, job applications... They teach each knowledge base's classifier what a
 * problem report looks like next to the question it resembles. A knowledge base uses all of them unless it switches
 * some (or all) off ({@code handoffScenarios} in docs/runtime-config.md) and adds its own {@code handoffExamples}.
 */
public final class HandoffScenarios {
  static final String RESOURCE = "dev/sidekick/runtime/responder/knowledge/handoff-scenarios.yaml";
  static final String QUESTIONS = "dev/sidekick/runtime/responder/knowledge/general-questions.yaml";

  /** A kind of message that needs a person, and examples of it. */
  public record Scenario(String id, String description, List<String> examples) {
    public Scenario {
      examples = List.copyOf(examples);
    }
  }

  private static volatile List<Scenario> builtIn;
  private static volatile List<Scenario> questions;

  private HandoffScenarios() {}

  /** Every built-in scenario, in the file's order. */
  public static List<Scenario> builtIn() {
    List<Scenario> all = builtIn;
    if (all == null) {
      all = load();
      builtIn = all;
    }
    return all;
  }

  /**
   * Their counterpart: general questions of any business that a help page answers (how to track an order, what the
   * return policy is, how to pause a subscription), so that the classifier learns what a question looks like next to
   * a problem report, whatever the brand's own topics.
   */
  public static List<Scenario> generalQuestions() {
    List<Scenario> all = questions;
    if (all == null) {
      all = load(QUESTIONS, "topics");
      questions = all;
    }
    return all;
  }

  private static List<Scenario> load() {
    return load(RESOURCE, "scenarios");
  }

  private static List<Scenario> load(String resource, String list) {
    try (InputStream in = HandoffScenarios.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the runtime");
      }
      YamlNode root = new YamlNode(resource, "", YamlNode.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      root.object(Set.of(list));
      return root.get(list).list().stream()
          .map(s -> {
            s.object(Set.of("id", "description", "examples"));
            return new Scenario(s.get("id").text(), s.get("description").text(), s.get("examples").texts());
          })
          .toList();
    } catch (IOException | ConfigException e) {
      throw new IllegalStateException(resource + " cannot be read: " + e.getMessage(), e);
    }
  }
}
