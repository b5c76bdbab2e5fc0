package dev.sidekick.runtime;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import dev.sidekick.runtime.support.SimulatedGladly;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(SimulatedGladly.class)
class HealthTest {
  @Test
  void liveness_reports_up() {
    given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
  }

  @Test
  void readiness_comes_up_once_sidekicks_agent_id_is_looked_up_in_gladly() {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(
        () -> given().get("/q/health/ready").then().statusCode(200).body("status", is("UP")));
  }
}
