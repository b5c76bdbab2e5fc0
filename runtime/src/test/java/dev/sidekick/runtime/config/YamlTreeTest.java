package dev.sidekick.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@link YamlNode#readTree} gives the very tree (node types included) that Jackson's YAMLMapper gives. */
class YamlTreeTest {
  private static final YAMLMapper MAPPER = new YAMLMapper();

  @Test
  void same_tree_as_the_mapper() throws IOException {
    String doc =
        """
        version: 1
        count: 3000000000
        huge: 123456789012345678901234567890
        ratio: 0.55
        on: true
        off: false
        nothing: null
        tilde: ~
        quoted: "42"
        block: |
          two
          lines
        list: [a, 1, 2.5, {x: y}, [nested]]
        repeated: first
        repeated: last
        empty: {}
        none: []
        """;
    assertThat(YamlNode.readTree(doc)).isEqualTo(MAPPER.readTree(doc));
  }

  @Test
  void same_tree_for_the_shipped_examples() throws IOException {
    Path examples = Path.of("..", "examples");
    for (Path file : new Path[] {examples.resolve("knowledge-base.yaml"), examples.resolve("demo/runtime.yaml")}) {
      String doc = Files.readString(file);
      assertThat(YamlNode.readTree(doc)).as(file.toString()).isEqualTo(MAPPER.readTree(doc));
    }
  }

  @Test
  void empty_and_scalar_documents() throws IOException {
    for (String doc : new String[] {"", "# only a comment\n", "just text", "[1, 2]"}) {
      assertThat(YamlNode.readTree(doc)).as(doc).isEqualTo(MAPPER.readTree(doc));
    }
  }

  @Test
  void broken_yaml_fails_like_the_mapper() {
    assertThatThrownBy(() -> YamlNode.readTree("a: [b\nc: d")).isInstanceOf(JsonProcessingException.class);
  }
}
