package dev.sidekick.gladlysim.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks JSON bodies against Gladly's openapi.json (the copy in src/test/resources/openapi/). Response bodies are
 * validated against the response schema of their operation and status; webhook payloads against the request schema of
 * {@code POST /gladly/webhook}. {@code $ref}s resolve inside the document (they point into components and into other
 * paths).
 *
 * <p>Where the spec contradicts itself or is silent, the check follows the readings listed in {@link #EXCEPTIONS}; each
 * is applied in one place below and named after the problem.
 */
public final class OpenApiConformance {
  /** The spec's own inconsistencies (API.md §7.16 and those found while writing this check), and what is checked instead. */
  public static final List<String> EXCEPTIONS = List.of(
      "automation message content: the spec's oneOf can never pass (Text and HTML have the same shape, Menu has no type),"
          + " so it is checked as anyOf",
      "chat context maps (AUTOMATION/MESSAGE_RECEIVED content.context, automation message context): the spec puts enum"
          + " [URL, IsAuthenticated] on the map's values although its own examples have a URL and \"true\" as values;"
          + " the enum is dropped",
      "webhook payloads: the oneOf of /gladly/webhook is ambiguous (PING and AUTOMATION/MESSAGE_RECEIVED constrain almost"
          + " nothing), so a payload is checked against the branch whose type enum names its type",
      "AUTOMATION/MESSAGE_SENT is in the webhook events enum but its payload schema is only under GET /api/v1/events; that"
          + " one is used",
      "MESSAGE/RECEIVED (deprecated) is absent from the 2025 spec; its payload is checked against the 2024 spec's shape"
          + " {conversationId, conversationItemId, customerId}, and a webhook's events may list it (the simulator accepts"
          + " it by default, as our setup guide uses it)",
      "error statuses the spec lists without a body (404s, DELETE webhook 400) or not at all (401, 429, 5xx): the body,"
          + " when present, must be Gladly's documented Errors shape",
      "conversation item content: the Chat Message oneOf branches overlap with other item shapes, so it is checked as anyOf",
      "add-note request (API.md §7.16): the schema requires content but defines body at the top level; requests are not"
          + " checked here, and the simulator accepts both {content:{body}} and {body} (ConversationTest)");

  private static final String BASE = "https://gladly.test/openapi.json";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static volatile OpenApiConformance instance;

  private record Template(String path, Pattern regex, int params) {}

  private final JsonNode spec;
  private final List<Template> templates = new ArrayList<>();
  private final JsonSchemaFactory factory;
  private final SchemaValidatorsConfig config;
  private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

  public static OpenApiConformance get() {
    if (instance == null) {
      synchronized (OpenApiConformance.class) {
        if (instance == null) instance = new OpenApiConformance();
      }
    }
    return instance;
  }

  private OpenApiConformance() {
    try (InputStream in = OpenApiConformance.class.getResourceAsStream("/openapi/openapi.json")) {
      spec = MAPPER.readTree(in);
    } catch (Exception e) {
      throw new IllegalStateException("cannot read openapi/openapi.json", e);
    }
    applyExceptions();
    Iterator<String> paths = spec.get("paths").fieldNames();
    while (paths.hasNext()) {
      String p = paths.next();
      if (p.contains("?") || p.contains(":")) continue;
      String regex = Pattern.quote(p).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
      templates.add(new Template(p, Pattern.compile(regex), (int) p.chars().filter(c -> c == '{').count()));
    }
    templates.sort(Comparator.comparingInt(Template::params));
    String text = spec.toString();
    factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4, b -> b
        .metaSchema(OpenApi30.getInstance())
        .defaultMetaSchemaIri(OpenApi30.getInstance().getIri())
        .schemaLoaders(l -> l.schemas(Map.of(BASE, text))));
    config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
  }

  private void applyExceptions() {
    ObjectNode messageContent = (ObjectNode) spec.at(
        "/paths/~1api~1v1~1message-automation~1sessions~1{sessionId}~1messages/post/responses/200/content/application~1json/schema/properties/content");
    messageContent.set("anyOf", messageContent.remove("oneOf"));
    dropContextKeyEnums(spec);
    ((com.fasterxml.jackson.databind.node.ArrayNode) spec.at("/paths/~1api~1v1~1webhooks~1{webhookId}/patch/requestBody/content"
        + "/application~1json/schema/allOf/0/properties/events/items/enum")).add("MESSAGE/RECEIVED");
    ObjectNode itemContent = (ObjectNode) spec.at(
        "/paths/~1api~1v1~1conversation-items~1{itemId}/get/responses/200/content/application~1json/schema/properties/content");
    itemContent.set("anyOf", itemContent.remove("oneOf"));
  }

  /** The enum of the context map's keys, wrongly put on its values, wherever it appears. */
  private static void dropContextKeyEnums(JsonNode node) {
    if (node.isObject()) {
      JsonNode extra = node.get("additionalProperties");
      if (extra != null && extra.isObject() && extra.path("enum").toString().equals("[\"URL\",\"IsAuthenticated\"]")) {
        ((ObjectNode) extra).remove("enum");
      }
      node.elements().forEachRemaining(OpenApiConformance::dropContextKeyEnums);
    } else if (node.isArray()) {
      node.elements().forEachRemaining(OpenApiConformance::dropContextKeyEnums);
    }
  }

  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  /** Problems of {@code body} against the schema at this JSON pointer of the spec (e.g. "/components/schemas/Errors"). */
  public List<String> check(String pointer, JsonNode body) {
    if (spec.at(pointer).isMissingNode()) return List.of("no schema at " + pointer);
    JsonSchema schema = schemas.computeIfAbsent(pointer, p -> factory.getSchema(SchemaLocation.of(BASE + "#" + p), config));
    List<String> problems = new ArrayList<>();
    for (ValidationMessage m : schema.validate(body)) problems.add(m.getMessage());
    return problems;
  }

  /** The spec path template of a request path ({@code /org/{key}} prefix and query removed), or null. */
  public String template(String path) {
    String p = path.replaceFirst("^/org/[^/]+", "");
    int q = p.indexOf('?');
    if (q >= 0) p = p.substring(0, q);
    for (Template t : templates) {
      if (t.regex.matcher(p).matches()) return t.path;
    }
    return null;
  }

  /** Problems of one response of the Gladly API; an empty list means it conforms. */
  public List<String> checkResponse(String method, String path, int status, String body) {
    boolean empty = body == null || body.isBlank();
    String template = template(path);
    JsonNode op = template == null ? null : spec.path("paths").path(template).path(method.toLowerCase());
    if (op == null || op.isMissingNode()) {
      // an endpoint Gladly does not have: only a refusal in Gladly's error shape is acceptable
      if (status < 400) return List.of("not in the spec: " + method + " " + path);
      return empty ? List.of() : prefix(method, path, status, check("/components/schemas/Errors", parse(body)));
    }
    JsonNode response = op.path("responses").path(Integer.toString(status));
    if (response.path("content").has("application/x-jsonlines")) {
      // the Events API: each line is an event envelope, checked as a webhook payload of its type
      List<String> problems = new ArrayList<>();
      for (String line : empty ? new String[0] : body.split("\n")) {
        if (!line.isBlank()) problems.addAll(prefix(method, template, status, checkWebhookPayload(line)));
      }
      return problems;
    }
    JsonNode parsed = empty ? null : parse(body);
    if (!empty && parsed == null) return List.of(method + " " + template + " " + status + ": body is not JSON");
    if (response.isMissingNode() || !response.has("content")) {
      if (status >= 400) {
        return empty ? List.of() : prefix(method, template, status, check("/components/schemas/Errors", parsed));
      }
      if (response.isMissingNode()) return List.of(method + " " + template + ": status " + status + " is not documented");
      return empty ? List.of() : List.of(method + " " + template + " " + status + ": the spec documents no body, got " + body);
    }
    if (empty) return List.of(method + " " + template + " " + status + ": the spec documents a body, got none");
    String pointer = "/paths/" + escape(template) + "/" + method.toLowerCase() + "/responses/" + status
        + "/content/application~1json/schema";
    return prefix(method, template, status, check(pointer, parsed));
  }

  /** Problems of one webhook payload (a delivery or a PING). */
  public List<String> checkWebhookPayload(String body) {
    JsonNode payload = parse(body);
    if (payload == null) return List.of("webhook payload is not JSON: " + body);
    String type = payload.path("type").asText(null);
    if (type == null) return List.of("webhook payload without type: " + body);
    List<String> problems = new ArrayList<>();
    for (String field : List.of("id", "type", "timestamp")) {
      if (!payload.path(field).isTextual()) problems.add(type + ": envelope field " + field + " missing");
    }
    if (type.equals("MESSAGE/RECEIVED")) {
      for (String field : List.of("conversationId", "conversationItemId", "customerId")) {
        if (!payload.path("content").path(field).isTextual()) problems.add(type + ": content." + field + " missing");
      }
      return problems;
    }
    String base = "/paths/~1gladly~1webhook/post/requestBody/content/application~1json/schema/oneOf";
    JsonNode branches = spec.at(base);
    for (int i = 0; i < branches.size(); i++) {
      JsonNode b = branches.get(i);
      boolean match = type.equals("PING") ? "PING".equals(b.path("title").asText())
          : type.equals(b.at("/properties/type/enum/0").asText());
      if (match) {
        problems.addAll(prefix("webhook", type, 0, check(base + "/" + i, payload)));
        return problems;
      }
    }
    String events = "/paths/~1api~1v1~1events/get/responses/200/content/application~1x-jsonlines/schema/oneOf";
    JsonNode eventBranches = spec.at(events);
    for (int i = 0; i < eventBranches.size(); i++) {
      if (type.equals(eventBranches.get(i).at("/properties/type/enum/0").asText())) {
        problems.addAll(prefix("webhook", type, 0, check(events + "/" + i, payload)));
        return problems;
      }
    }
    problems.add("webhook type not in the spec: " + type);
    return problems;
  }

  private static List<String> prefix(String method, String template, int status, List<String> problems) {
    return problems.stream().map(p -> method + " " + template + (status > 0 ? " " + status : "") + ": " + p).toList();
  }

  private static JsonNode parse(String body) {
    try {
      return MAPPER.readTree(body);
    } catch (Exception e) {
      return null;
    }
  }
}
