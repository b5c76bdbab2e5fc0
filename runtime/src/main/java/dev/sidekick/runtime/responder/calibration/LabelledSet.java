package dev.sidekick.runtime.responder.calibration;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sidekick.runtime.config.ConfigException;
import dev.sidekick.runtime.config.YamlNode;
import dev.sidekick.runtime.responder.transfer.TransferReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Customer messages labelled with what Sidekick should do (examples/knowledge-base-eval.yaml): answer with an entry
 * (or one of several), hand off (for a given transfer reason), greet, or say goodbye.
 */
public record LabelledSet(List<Message> messages) {

  /**
   * One labelled message, and the channel it came by (chat unless the set says e-mail); {@code suggested}: the label is
   * a harvest's guess the author has not confirmed yet (a draft's {@code harvest:} details are not read).
   */
  public record Message(String text, String category, String channel, Expect expect, boolean suggested) {}

  /**
   * A half of a set: a method is chosen on one (dev) and scored once on the other (test). A message's half follows from
   * its text alone (the parity of its {@code String.hashCode()}), whatever its place in the file.
   */
  public enum Half {
    ALL,
    DEV,
    TEST;

    static Half of(String name) {
      return switch (name) {
        case "all" -> ALL;
        case "dev" -> DEV;
        case "test" -> TEST;
        default -> throw new IllegalArgumentException("--half must be dev, test or all (got " + name + ")");
      };
    }

    boolean holds(Message m) {
      return this == ALL || ((m.text().hashCode() & 1) == 0) == (this == DEV);
    }
  }

  /** The messages of one half. */
  public LabelledSet half(Half half) {
    return new LabelledSet(messages.stream().filter(half::holds).toList());
  }

  /** What should happen. */
  public record Expect(Kind kind, List<String> entries, Optional<TransferReason> reason) {
    public enum Kind {
      ENTRY,
      HANDOFF,
      GREETING,
      CLOSE
    }

    static Expect parse(YamlNode node) {
      String value = node.text();
      if (value.equals("greeting")) {
        return new Expect(Kind.GREETING, List.of(), Optional.empty());
      }
      if (value.equals("close")) {
        return new Expect(Kind.CLOSE, List.of(), Optional.empty());
      }
      if (value.equals("handoff")) {
        return new Expect(Kind.HANDOFF, List.of(), Optional.empty());
      }
      if (value.startsWith("handoff:")) {
        String id = value.substring("handoff:".length());
        return new Expect(Kind.HANDOFF, List.of(),
            Optional.of(TransferReason.byId(id).orElseThrow(() -> node.error("no such transfer reason \"" + id + "\""))));
      }
      return new Expect(Kind.ENTRY, List.of(value.split("\\|")), Optional.empty());
    }
  }

  public static LabelledSet load(Path file) {
    String name = file.toString();
    try {
      YamlNode root = new YamlNode(name, "", YamlNode.readTree(Files.readString(file)));
      root.object(Set.of("messages"));
      List<Message> messages =
          root.get("messages").list().stream()
              .map(m -> {
                m.object(Set.of("text", "category", "channel", "expect", "suggested", "harvest"));
                String channel = m.get("channel").optionalText().orElse("chat");
                if (!channel.equals("chat") && !channel.equals("email")) {
                  throw m.get("channel").error("must be chat or email (got \"" + channel + "\")");
                }
                return new Message(m.get("text").text(), m.get("category").text(), channel, Expect.parse(m.get("expect")),
                    m.get("suggested").bool(false));
              })
              .toList();
      return new LabelledSet(messages);
    } catch (JsonProcessingException e) {
      throw new ConfigException(name + ": not valid YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException(name + ": cannot be read: " + e.getClass().getSimpleName());
    }
  }
}
