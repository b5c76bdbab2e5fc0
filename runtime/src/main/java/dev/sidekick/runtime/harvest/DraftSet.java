package dev.sidekick.runtime.harvest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidekick.runtime.config.YamlNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The draft labelled set: {@code evaluate}'s format ({@code LabelledSet}: text, category, channel, expect), each
 * message marked {@code suggested: true} and carrying what harvest saw under {@code harvest:} (which
 * {@code evaluate} ignores). Appending adds messages at the end of the file, so the author's edits and comments stay.
 */
final class DraftSet {
  /** One message of the draft; {@code contact} only with --include-contact. */
  record Entry(ShadowedMessage message, String text, String reply, Suggestion suggestion, Optional<Contact> contact) {}

  /** The customer's contact details as Gladly's profile holds them (only with --include-contact). */
  record Contact(String name, String email, String phone) {}

  static final String HEADER = """
      # A DRAFT labelled set, harvested from the notes of an endpoint in shadow mode by `scripts/knowledge-base harvest`
      # (docs/shadow-mode.md). Per customer message: what the customer wrote as Sidekick read it (an e-mail's subject and
      # body), what Sidekick proposed (harvest.proposal), what a person did next (harvest.agent, and harvest.reply: the
      # agent's reply), and the label harvest suggests (expect, marked suggested: true, with harvest.why).
      # Confirm or correct each expect, delete its `suggested: true` line, then score the knowledge base with
      #   scripts/knowledge-base evaluate KB.yaml THIS-FILE.yaml
      # expect: <entry id> | a|b (either entry) | handoff | handoff:<reason> | greeting | close
      # (examples/knowledge-base-eval.yaml); category: what the person did (replied, transferred, closed).
      messages:
      """;

  private static final ObjectMapper JSON = new ObjectMapper();

  private DraftSet() {}

  /** The customer messages (their item ids) an existing draft already holds; empty for a file that does not exist. */
  static Set<String> itemIds(Path file) {
    Set<String> ids = new HashSet<>();
    if (!Files.exists(file)) {
      return ids;
    }
    try {
      JsonNode root = YamlNode.readTree(Files.readString(file));
      root.path("messages").forEach(m -> {
        if (m.path("harvest").path("item").isTextual()) {
          ids.add(m.path("harvest").path("item").asText());
        }
      });
      return ids;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": not valid YAML, so --append cannot add to it: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Writes a new draft, or adds the entries at the end of an existing one. */
  static void write(Path file, List<Entry> entries) throws IOException {
    StringBuilder s = new StringBuilder();
    if (!Files.exists(file)) {
      s.append(HEADER);
    } else if (!Files.readString(file).endsWith("\n")) {
      s.append('\n');
    }
    entries.forEach(e -> s.append(entry(e)));
    Files.writeString(file, s, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  static String entry(Entry e) {
    ShadowedMessage m = e.message();
    StringBuilder s = new StringBuilder();
    s.append("  - text: ").append(quoted(e.text())).append('\n');
    s.append("    category: ").append(m.action().kind().label).append('\n');
    s.append("    channel: ").append(m.channel()).append('\n');
    s.append("    expect: ").append(quoted(e.suggestion().label())).append('\n');
    s.append("    suggested: true    # harvest's guess: confirm or correct expect, then delete this line\n");
    s.append("    harvest:\n");
    s.append("      item: ").append(quoted(m.message().id())).append('\n');
    s.append("      conversation: ").append(quoted(m.conversationId())).append('\n');
    s.append("      at: ").append(quoted(m.message().timestamp().toString())).append('\n');
    s.append("      proposal: ").append(quoted(m.proposal())).append('\n');
    s.append("      agent: ").append(quoted(m.action().describe())).append('\n');
    if (!e.reply().isEmpty()) {
      s.append("      reply: ").append(quoted(e.reply())).append('\n');
    }
    s.append("      why: ").append(quoted(e.suggestion().why())).append('\n');
    e.contact().ifPresent(c -> s.append("      contact: { name: ").append(quoted(c.name())).append(", email: ")
        .append(quoted(c.email())).append(", phone: ").append(quoted(c.phone())).append(" }\n"));
    return s.toString();
  }

  /** A YAML double-quoted scalar: JSON's string escapes are YAML's. */
  private static String quoted(String value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
