package dev.sidekick.gladlysim.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.gladlysim.GladlySimExtension;
import dev.sidekick.gladlysim.control.Receiver;
import dev.sidekick.gladlysim.delivery.Delivery;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Test fixtures: REST Assured requests to the simulator as a Gladly API user, every response checked for conformance. */
public final class Gladly {
  public static final String API_USER = "sidekick@acme.example";
  public static final String API_TOKEN = "sidekick-token";
  public static final String SIDEKICK_AGENT_ID = "sidekick-agent-id";

  private Gladly() {}

  /** Most tests' simulator: the "acme" seed, webhooks to loopback http receivers allowed, the rate limit off. */
  public static GladlySimExtension acme() {
    return GladlySimExtension.seeded("acme").configure(o -> o.allowHttpLoopbackWebhooks(true).rateLimitEnabled(false));
  }

  /** A request as the seed's API user (Melissa). */
  public static RequestSpecification api(GladlySimExtension gladly) {
    return as(gladly, API_USER, API_TOKEN);
  }

  public static RequestSpecification as(GladlySimExtension gladly, String email, String token) {
    return anonymous(gladly).auth().preemptive().basic(email, token);
  }

  public static RequestSpecification anonymous(GladlySimExtension gladly) {
    return given().baseUri(gladly.baseUrl()).filter(new ConformanceFilter()).contentType(ContentType.JSON)
        .accept(ContentType.JSON);
  }

  /** The control API (not Gladly's, so not checked against the spec). */
  public static RequestSpecification control(GladlySimExtension gladly) {
    return given().baseUri(gladly.baseUrl()).contentType(ContentType.JSON);
  }

  /** Creates a webhook through the API and returns its id. */
  public static String createWebhook(GladlySimExtension gladly, String json) {
    String location = api(gladly).body(json).post("/api/v1/webhooks").then().statusCode(201).extract().header("Location");
    return location.substring(location.lastIndexOf('/') + 1);
  }

  /** Every payload the simulator sent (deliveries, and PINGs and events seen by the receiver) must match the spec. */
  public static void assertPayloadsConform(GladlySimExtension gladly) {
    gladly.awaitDeliveries(Duration.ofSeconds(5)); // what is still on its way counts too
    List<String> problems = new ArrayList<>();
    for (Delivery d : gladly.deliveries()) problems.addAll(OpenApiConformance.get().checkWebhookPayload(d.requestBody()));
    for (Receiver.Request r : gladly.receiver().requests()) {
      problems.addAll(OpenApiConformance.get().checkWebhookPayload(r.body()));
    }
    assertThat(problems).as("webhook payloads against openapi.json").isEmpty();
  }
}
