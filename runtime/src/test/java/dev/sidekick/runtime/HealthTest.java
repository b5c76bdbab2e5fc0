package dev.sidekick.runtime;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthTest {
  @Test
  void liveness_reports_up() {
    given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
  }
}
