package dev.sidekick.operator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import dev.sidekick.operator.fast.GladlySimResource;
import dev.sidekick.operator.fast.MockApiServer;
import dev.sidekick.operator.fast.RuntimeReadinessResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

// the operator needs an API server to start: the same test resources as the fast tests, so one app serves all
@QuarkusTest
@QuarkusTestResource(MockApiServer.class)
@QuarkusTestResource(GladlySimResource.class)
@QuarkusTestResource(RuntimeReadinessResource.class)
class HealthTest {
  @Test
  void liveness_reports_up() {
    given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
  }
}
