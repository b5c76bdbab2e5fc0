package dev.sidekick.gladlysim;

import static dev.sidekick.gladlysim.testing.Gladly.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidekick.gladlysim.testing.Gladly;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that was away catches up through the Events API: the organization's events of the last 24 hours as JSONL,
 * up to 15 seconds behind real time, whether or not a webhook was subscribed to them.
 */
class EventsApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final GladlySimExtension gladly = Gladly.acme();

  @Test
  void the_events_of_the_last_hours_are_served_as_jsonl_once_they_are_15_seconds_old() throws Exception {
    Instant start = gladly.clock().now().minusSeconds(1);
    String conversation = gladly.customer().sendEmail("martha@example.com", "support@acme.example", "Hi", "Where is my parcel?");

    assertThat(types(events(start, "CONTACT"))).as("within the 15 s lag").isEmpty();
    gladly.clock().advance(Duration.ofSeconds(16));

    List<JsonNode> contact = events(start, "CONTACT");
    assertThat(types(contact)).containsExactly("CONTACT/MESSAGE_RECEIVED");
    assertThat(contact.get(0).at("/content/conversationId").asText()).isEqualTo(conversation);
    assertThat(types(events(start, "CONVERSATION"))).as("no webhook subscribed; nothing of that entity happened").isEmpty();
  }

  @Test
  void chat_automation_events_come_under_the_conversation_entity_by_default_and_can_be_moved_or_withheld() throws Exception {
    Instant start = gladly.clock().now().minusSeconds(1);
    var chat = gladly.customer().startChat("chat-us-store", "ann@example.com");
    chat.say("where is my order?");
    gladly.clock().advance(Duration.ofSeconds(16));

    assertThat(types(events(start, "CONVERSATION"))).containsExactly("AUTOMATION/MESSAGE_RECEIVED");
    gladly.options().automationEventsEntity("CONTACT");
    try {
      assertThat(types(events(start, "CONTACT"))).containsExactly("AUTOMATION/MESSAGE_RECEIVED");
      gladly.options().automationEventsEntity(null);
      assertThat(types(events(start, "CONTACT", "CONVERSATION"))).isEmpty();
    } finally {
      gladly.options().automationEventsEntity("CONVERSATION");
    }
  }

  @Test
  void a_window_ends_at_endAt_and_events_older_than_24_hours_cannot_be_asked_for() throws Exception {
    Instant start = gladly.clock().now().minusSeconds(1);
    gladly.customer().sendEmail("martha@example.com", "support@acme.example", "One", "first");
    gladly.clock().advance(Duration.ofMinutes(10));
    Instant between = gladly.clock().now();
    gladly.clock().advance(Duration.ofSeconds(1));
    gladly.customer().sendEmail("martha@example.com", "support@acme.example", "Two", "second");
    gladly.clock().advance(Duration.ofMinutes(10));

    assertThat(events(start, "CONTACT")).hasSize(2);
    String window = "/api/v1/events?startAt=" + start + "&endAt=" + between + "&entities=CONTACT";
    assertThat(lines(api(gladly).get(window).then().statusCode(200).extract().asString())).hasSize(1);

    gladly.clock().advance(Duration.ofHours(24));
    api(gladly).get("/api/v1/events?startAt=" + start + "&entities=CONTACT").then().statusCode(400)
        .body("errors[0].attr", equalTo("startAt"));
  }

  @Test
  void a_request_without_entities_or_with_an_unknown_one_or_a_bad_time_is_refused() {
    String now = gladly.clock().now().toString();
    api(gladly).get("/api/v1/events?startAt=" + now).then().statusCode(400).body("errors[0].attr", equalTo("entities"));
    api(gladly).get("/api/v1/events?startAt=" + now + "&entities=MESSAGES").then().statusCode(400)
        .body("errors[0].code", equalTo("invalid"));
    api(gladly).get("/api/v1/events?startAt=yesterday&entities=CONTACT").then().statusCode(400)
        .body("errors[0].attr", equalTo("startAt"));
    api(gladly).get("/api/v1/events?entities=CONTACT").then().statusCode(400).body("errors[0].attr", equalTo("startAt"));
  }

  private static List<JsonNode> events(Instant start, String... entities) throws Exception {
    StringBuilder q = new StringBuilder("/api/v1/events?startAt=" + start);
    for (String e : entities) q.append("&entities=").append(e);
    String body = api(gladly).get(q.toString()).then().statusCode(200)
        .header("Content-Type", "application/x-jsonlines").extract().asString();
    List<JsonNode> out = new ArrayList<>();
    for (String line : lines(body)) out.add(JSON.readTree(line));
    return out;
  }

  private static List<String> lines(String body) {
    return body.lines().filter(l -> !l.isBlank()).toList();
  }

  private static List<String> types(List<JsonNode> events) {
    return events.stream().map(e -> e.path("type").asText()).toList();
  }
}
