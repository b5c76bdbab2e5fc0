package dev.sidekick.runtime.support;

import static io.restassured.RestAssured.given;

import dev.sidekick.gladlysim.GladlySimulator;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;

/** Registers webhooks in the simulator the way the operator does: through Gladly's API, enabled, so Gladly PINGs. */
public final class Webhooks {
  private Webhooks() {}

  /** The runtime's URL for an endpoint and channel, on the port of the runtime under test. */
  public static String runtimeUrl(String endpoint, String channel) {
    return "http://127.0.0.1:" + RestAssured.port + "/gladly/" + endpoint + "/" + channel;
  }

  /** Creates an enabled webhook (Gladly PINGs the runtime first); returns its id. */
  public static String register(String endpoint, String channel, String key, String... events) {
    GladlySimulator sim = SimulatedGladly.sim();
    // The test shares Gladly's rate limit with the runtime: wait out a 429 as a good client would.
    io.restassured.response.Response response = null;
    for (int attempt = 0; attempt < 20; attempt++) {
      response = post(sim, endpoint, channel, key, events);
      if (response.statusCode() != 429) {
        break;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    String location = response.then().statusCode(201).extract().header("Location");
    return location.substring(location.lastIndexOf('/') + 1);
  }

  private static io.restassured.response.Response post(
      GladlySimulator sim, String endpoint, String channel, String key, String... events) {
    return
        given()
            .auth().preemptive().basic(SimulatedGladly.SIDEKICK_EMAIL, SimulatedGladly.SIDEKICK_TOKEN)
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "name", "Sidekick " + endpoint + " " + channel,
                    "url", runtimeUrl(endpoint, channel),
                    "events", List.of(events),
                    "enabled", true,
                    "headers", Map.of("x-api-key", key)))
            .post(sim.baseUrl() + "/api/v1/webhooks");
  }

  /** A test's start: the runtime ready (its knowledge bases built and checked), no webhook and no fault left. */
  public static void startClean(java.time.Duration wait) {
    // the first test of a run waits for the knowledge bases: a loaded machine takes longer than a test's own waits
    java.time.Duration startUp = wait.compareTo(java.time.Duration.ofSeconds(90)) > 0 ? wait : java.time.Duration.ofSeconds(90);
    org.awaitility.Awaitility.await().atMost(startUp).until(() -> given().get("/q/health/ready").statusCode() == 200);
    removeAll();
  }

  /** Removes every webhook, so that a test's customers reach only the webhooks it registers. */
  public static void removeAll() {
    GladlySimulator sim = SimulatedGladly.sim();
    sim.faults().clear();
    sim.state().webhooks().forEach(w -> sim.admin().deleteWebhook(w.id()));
  }
}
