package dev.sidekick.gladlysim;

import static dev.sidekick.gladlysim.testing.Gladly.api;
import static dev.sidekick.gladlysim.testing.Gladly.createWebhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.sidekick.gladlysim.control.Receiver;
import dev.sidekick.gladlysim.testing.Gladly;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An admin (or the operator) registers webhooks, and Gladly's documented rules hold. */
class WebhookRulesTest {
  @RegisterExtension
  static final GladlySimExtension gladly = Gladly.acme()
      .configure(o -> o.pingTimeout(Duration.ofSeconds(2)));

  @AfterEach
  void payloadsConform() {
    Gladly.assertPayloadsConform(gladly);
  }

  private String hook(String path, boolean enabled) {
    return "{\"name\":\"Sidekick chat\",\"url\":\"" + gladly.receiverUrl(path) + "\",\"events\":[\"AUTOMATION/MESSAGE_RECEIVED\"],"
        + "\"enabled\":" + enabled + ",\"headers\":{\"x-api-key\":\"secret-key\"},"
        + "\"credentials\":{\"username\":\"gladly\",\"password\":\"s3cret\"}}";
  }

  @Test
  void a_new_webhook_is_created_disabled_with_a_location_and_never_shows_its_secrets() {
    String location = api(gladly).body("{\"url\":\"https://hooks.acme.example/gladly/us-store/chat\",\"events\":[\"AUTOMATION/MESSAGE_RECEIVED\"],"
            + "\"headers\":{\"x-api-key\":\"secret-key\"},\"credentials\":{\"username\":\"gladly\",\"password\":\"s3cret\"}}")
        .post("/api/v1/webhooks").then().statusCode(201).extract().header("Location");
    assertThat(location).matches("/api/v1/webhooks/[A-Za-z0-9_-]{22}");

    String body = api(gladly).get(location).then().statusCode(200)
        .body("enabled", equalTo(false))
        .body("headerKeys", equalTo(List.of("x-api-key")))
        .body("hasCredentials", equalTo(true))
        .body("url", equalTo("https://hooks.acme.example/gladly/us-store/chat"))
        .extract().asString();
    assertThat(body).doesNotContain("secret-key").doesNotContain("s3cret").doesNotContain("\"headers\"")
        .doesNotContain("\"credentials\"");
    assertThat(gladly.receiver().requests()).as("a disabled webhook is not PINGed").isEmpty();
  }

  @Test
  void webhook_urls_must_be_https_unless_loopback_http_is_allowed() {
    api(gladly).body("{\"url\":\"http://hooks.acme.example/x\",\"events\":[\"CONVERSATION/CLOSED\"]}").post("/api/v1/webhooks")
        .then().statusCode(400).body("errors[0].attr", equalTo("url")).body("errors[0].code", equalTo("invalid"));
    api(gladly).body("{\"url\":\"" + gladly.receiverUrl("/loopback") + "\",\"events\":[\"CONVERSATION/CLOSED\"]}")
        .post("/api/v1/webhooks").then().statusCode(201);

    gladly.options().allowHttpLoopbackWebhooks(false);
    try {
      api(gladly).body("{\"url\":\"" + gladly.receiverUrl("/other") + "\",\"events\":[\"CONVERSATION/CLOSED\"]}")
          .post("/api/v1/webhooks").then().statusCode(400).body("errors[0].attr", equalTo("url"));
    } finally {
      gladly.options().allowHttpLoopbackWebhooks(true);
    }
  }

  @Test
  void a_url_can_be_registered_only_once() {
    String json = "{\"url\":\"https://hooks.acme.example/a\",\"events\":[\"CONVERSATION/CLOSED\"]}";
    api(gladly).body(json).post("/api/v1/webhooks").then().statusCode(201);
    api(gladly).body(json).post("/api/v1/webhooks").then().statusCode(400)
        .body("errors[0].attr", equalTo("url")).body("errors[0].code", equalTo("taken"));
  }

  @Test
  void an_organization_has_at_most_twenty_webhooks() {
    for (int i = 0; i < 20; i++) {
      createWebhook(gladly, "{\"url\":\"https://hooks.acme.example/" + i + "\",\"events\":[\"CONVERSATION/CLOSED\"]}");
    }
    api(gladly).body("{\"url\":\"https://hooks.acme.example/21\",\"events\":[\"CONVERSATION/CLOSED\"]}").post("/api/v1/webhooks")
        .then().statusCode(400).body("errors[0].detail", containsString("20"));
    api(gladly).get("/api/v1/webhooks").then().statusCode(200).body("$", hasSize(20));
  }

  @Test
  void events_must_come_from_gladlys_list_and_are_required() {
    api(gladly).body("{\"url\":\"https://hooks.acme.example/e\",\"events\":[\"CONVERSATION_CREATED\"]}").post("/api/v1/webhooks")
        .then().statusCode(400).body("errors[0].attr", equalTo("events")).body("errors[0].code", equalTo("invalid"));
    api(gladly).body("{\"url\":\"https://hooks.acme.example/e\"}").post("/api/v1/webhooks")
        .then().statusCode(400).body("errors[0].attr", equalTo("events")).body("errors[0].code", equalTo("blank"));
    api(gladly).body("{\"events\":[\"CONVERSATION/CLOSED\"]}").post("/api/v1/webhooks")
        .then().statusCode(400).body("errors[0].attr", equalTo("url")).body("errors[0].code", equalTo("blank"));
  }

  @Test
  void the_deprecated_message_received_event_is_accepted_unless_switched_off() {
    createWebhook(gladly, "{\"url\":\"https://hooks.acme.example/legacy\",\"events\":[\"MESSAGE/RECEIVED\"]}");
    gladly.options().acceptLegacyMessageReceived(false);
    try {
      api(gladly).body("{\"url\":\"https://hooks.acme.example/legacy2\",\"events\":[\"MESSAGE/RECEIVED\"]}").post("/api/v1/webhooks")
          .then().statusCode(400).body("errors[0].attr", equalTo("events")).body("errors[0].code", equalTo("invalid"));
    } finally {
      gladly.options().acceptLegacyMessageReceived(true);
    }
  }

  @Test
  void creating_an_enabled_webhook_pings_it_with_its_headers_and_credentials() {
    String id = createWebhook(gladly, hook("/acme/chat", true));

    assertThat(gladly.state().webhook(id).enabled()).isTrue();
    Receiver.Request ping = gladly.receiver().requests("/acme/chat").get(0);
    assertThat(ping.type()).isEqualTo("PING");
    assertThat(ping.header("x-api-key")).isEqualTo("secret-key");
    assertThat(ping.header("authorization"))
        .isEqualTo("Basic " + Base64.getEncoder().encodeToString("gladly:s3cret".getBytes()));
  }

  @Test
  void a_webhook_whose_url_does_not_answer_the_ping_with_200_is_refused() {
    api(gladly).body(hook("/status/503/chat", true)).post("/api/v1/webhooks").then().statusCode(400)
        .body("errors[0].attr", equalTo("url")).body("errors[0].detail", containsString("503"));
    assertThat(gladly.state().webhooks()).isEmpty();
  }

  @Test
  void a_webhook_whose_url_answers_the_ping_too_late_is_refused() {
    api(gladly).body(hook("/delay/6000/chat", true)).post("/api/v1/webhooks").then().statusCode(400)
        .body("errors[0].attr", equalTo("url")).body("errors[0].detail", containsString("timed out"));
    assertThat(gladly.state().webhooks()).isEmpty();
  }

  @Test
  void enabling_a_webhook_pings_it_and_fails_when_the_ping_fails() {
    String good = createWebhook(gladly, hook("/good", false));
    String bad = createWebhook(gladly, hook("/status/500/bad", false));
    assertThat(gladly.receiver().requests()).isEmpty();

    api(gladly).body("{\"enabled\":true}").patch("/api/v1/webhooks/" + good).then().statusCode(204);
    assertThat(gladly.receiver().requests("/good")).hasSize(1);
    api(gladly).body("{\"enabled\":true}").patch("/api/v1/webhooks/" + bad).then().statusCode(400);
    assertThat(gladly.state().webhook(bad).enabled()).isFalse();
  }

  @Test
  void changing_the_url_pings_the_new_url() {
    String id = createWebhook(gladly, hook("/first", true));
    api(gladly).body("{\"url\":\"" + gladly.receiverUrl("/second") + "\"}").patch("/api/v1/webhooks/" + id).then().statusCode(204);
    assertThat(gladly.receiver().requests("/second")).extracting(Receiver.Request::type).containsExactly("PING");

    api(gladly).body("{\"url\":\"" + gladly.receiverUrl("/status/404/third") + "\"}").patch("/api/v1/webhooks/" + id)
        .then().statusCode(400);
    api(gladly).get("/api/v1/webhooks/" + id).then().body("url", equalTo(gladly.receiverUrl("/second")));
  }

  @Test
  void patch_updates_fields_and_answers_204_and_headers_stay_write_only() {
    String id = createWebhook(gladly, hook("/p", false));
    api(gladly).body("{\"name\":\"renamed\",\"events\":[\"CONVERSATION/CLOSED\",\"CONTACT/MESSAGE_RECEIVED\"],"
        + "\"headers\":{\"x-api-key\":\"new\",\"X-Other\":\"v\"},\"credentials\":null}").patch("/api/v1/webhooks/" + id)
        .then().statusCode(204);
    api(gladly).get("/api/v1/webhooks/" + id).then().statusCode(200)
        .body("name", equalTo("renamed"))
        .body("events", equalTo(List.of("CONVERSATION/CLOSED", "CONTACT/MESSAGE_RECEIVED")))
        .body("headerKeys", equalTo(List.of("x-api-key", "X-Other")))
        .body("hasCredentials", equalTo(false))
        .body("disabledAtDueToRetryLimit", nullValue());
  }

  @Test
  void an_enabled_webhook_cannot_be_deleted_until_it_is_disabled() {
    String id = createWebhook(gladly, hook("/d", true));
    api(gladly).delete("/api/v1/webhooks/" + id).then().statusCode(400)
        .body("errors[0].detail", equalTo("Webhook must be disabled to be deleted"));
    api(gladly).body("{\"enabled\":false}").patch("/api/v1/webhooks/" + id).then().statusCode(204);
    api(gladly).delete("/api/v1/webhooks/" + id).then().statusCode(204);
    api(gladly).get("/api/v1/webhooks/" + id).then().statusCode(404);
    api(gladly).delete("/api/v1/webhooks/" + id).then().statusCode(404);
    api(gladly).body("{\"enabled\":false}").patch("/api/v1/webhooks/" + id).then().statusCode(404);
  }

  @Test
  void the_ping_goes_bare_when_configured_so() {
    gladly.options().pingCarriesAuth(false);
    try {
      createWebhook(gladly, hook("/bare", true));
      Receiver.Request ping = gladly.receiver().requests("/bare").get(0);
      assertThat(ping.header("x-api-key")).isNull();
      assertThat(ping.header("authorization")).isNull();
    } finally {
      gladly.options().pingCarriesAuth(true);
    }
  }

  @Test
  void malformed_bodies_are_gladly_400s() {
    api(gladly).body("{not json").post("/api/v1/webhooks").then().statusCode(400).body("errors[0].code", equalTo("invalid"));
    api(gladly).body("{\"url\":\"https://hooks.acme.example/h\",\"events\":[\"CONVERSATION/CLOSED\"],\"headers\":{\"x\":1}}")
        .post("/api/v1/webhooks").then().statusCode(400).body("errors[0].attr", equalTo("headers"));
    api(gladly).body("{\"url\":\"https://hooks.acme.example/h\",\"events\":[\"CONVERSATION/CLOSED\"],\"credentials\":{\"username\":\"u\"}}")
        .post("/api/v1/webhooks").then().statusCode(400).body("errors[0].attr", equalTo("credentials.password"));
    api(gladly).body("{\"url\":\"https://hooks.acme.example/h\",\"events\":[\"CONVERSATION/CLOSED\"],\"name\":\"" + "n".repeat(201) + "\"}")
        .post("/api/v1/webhooks").then().statusCode(400).body("errors[0].code", equalTo("too_long"));
  }
}
