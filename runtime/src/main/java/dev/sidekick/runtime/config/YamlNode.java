package dev.sidekick.runtime.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A YAML node that knows its own path, so that every error names the field ({@code endpoints[1].name}).
 * Validation by hand rather than data binding: precise messages, and nothing for native reflection.
 */
public final class YamlNode {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
  private static final YAMLFactory YAML = new YAMLFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final String file;
  private final String path;
  private final JsonNode node;

  public YamlNode(String file, String path, JsonNode node) {
    this.file = file;
    this.path = path;
    this.node = node == null ? MissingNode.getInstance() : node;
  }

  /**
   * The tree of a YAML document (its first one), as {@code new YAMLMapper().readTree(yaml)} gives it, built from
   * Jackson's streaming YAML parser: no ObjectMapper is set up for it, which saves about 100 ms of the start-up
   * thread (the mapper's own set-up, not the parsing).
   */
  public static JsonNode readTree(String yaml) throws IOException {
    try (JsonParser p = YAML.createParser(yaml)) {
      return p.nextToken() == null ? MissingNode.getInstance() : tree(p);
    }
  }

  private static JsonNode tree(JsonParser p) throws IOException {
    switch (p.currentToken()) {
      case START_OBJECT -> {
        ObjectNode object = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          object.set(name, tree(p)); // a repeated key: the last one wins, as with the mapper
        }
        return object;
      }
      case START_ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          array.add(tree(p));
        }
        return array;
      }
      case VALUE_STRING -> {
        return NODES.textNode(p.getText());
      }
      case VALUE_NUMBER_INT -> {
        return switch (p.getNumberType()) {
          case INT -> NODES.numberNode(p.getIntValue());
          case LONG -> NODES.numberNode(p.getLongValue());
          default -> NODES.numberNode(p.getBigIntegerValue());
        };
      }
      case VALUE_NUMBER_FLOAT -> {
        return NODES.numberNode(p.getDoubleValue());
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return NODES.booleanNode(p.getBooleanValue());
      }
      case VALUE_NULL -> {
        return NODES.nullNode();
      }
      default -> {
        return NODES.pojoNode(p.getEmbeddedObject()); // e.g. a !!binary scalar
      }
    }
  }

  public ConfigException error(String problem) {
    return new ConfigException(file + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
  }

  public String path() {
    return path;
  }

  public boolean present() {
    return !node.isMissingNode() && !node.isNull();
  }

  public YamlNode get(String field) {
    return new YamlNode(file, path.isEmpty() ? field : path + "." + field, node.get(field));
  }

  /** Fails on a field this schema does not know, so that a typo is not silently ignored. */
  public YamlNode object(Set<String> allowed) {
    if (!node.isObject()) {
      throw error("must be a mapping");
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw get(name).error("unknown field (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
      }
    }
    return this;
  }

  public List<YamlNode> list() {
    if (!node.isArray()) {
      throw error("must be a list");
    }
    List<YamlNode> items = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      items.add(new YamlNode(file, path + "[" + i + "]", node.get(i)));
    }
    return items;
  }

  public List<YamlNode> optionalList() {
    return present() ? list() : List.of();
  }

  public String text() {
    if (!present()) {
      throw error("is required");
    }
    if (!node.isValueNode() || node.asText().isBlank()) {
      throw error("must be a non-empty string");
    }
    return node.asText().trim();
  }

  public Optional<String> optionalText() {
    return present() ? Optional.of(text()) : Optional.empty();
  }

  public List<String> texts() {
    return optionalList().stream().map(YamlNode::text).toList();
  }

  public int integer(int defaultValue, int min, int max) {
    if (!present()) {
      return defaultValue;
    }
    if (!node.canConvertToInt() || !node.isIntegralNumber()) {
      throw error("must be a whole number (got \"" + node.asText() + "\")");
    }
    int value = node.asInt();
    if (value < min || value > max) {
      throw error("must be between " + min + " and " + max + " (got " + value + ")");
    }
    return value;
  }

  public double decimal(double defaultValue, double min, double max) {
    if (!present()) {
      return defaultValue;
    }
    if (!node.isNumber()) {
      throw error("must be a number (got \"" + node.asText() + "\")");
    }
    double value = node.asDouble();
    if (value < min || value > max) {
      throw error("must be between " + min + " and " + max + " (got " + value + ")");
    }
    return value;
  }

  public boolean bool(boolean defaultValue) {
    if (!present()) {
      return defaultValue;
    }
    if (!node.isBoolean()) {
      throw error("must be true or false (got \"" + node.asText() + "\")");
    }
    return node.asBoolean();
  }

  /** Durations as {@code 500ms}, {@code 3s}, {@code 1m} or {@code 24h}. */
  public Duration duration(Duration defaultValue) {
    if (!present()) {
      return defaultValue;
    }
    Matcher m = DURATION.matcher(node.asText().trim());
    if (!m.matches()) {
      throw error("must be a duration such as 500ms, 3s, 1m or 24h (got \"" + node.asText() + "\")");
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofMinutes(amount);
    };
  }
}
