package dev.sidekick.runtime.bench;

import static io.restassured.RestAssured.given;

import dev.sidekick.runtime.support.SimulatedGladly;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The benchmark's bare endpoints do not exist in a runtime started as shipped (flag off by default). */
@QuarkusTest
@WithTestResource(SimulatedGladly.class)
class BareEndpointOffTest {
  @Test
  void the_bare_route_is_not_reachable_without_the_flag() {
    given().body("{}").post("/bench/bare").then().statusCode(404);
    given().get("/bench/bare").then().statusCode(404);
  }

  @Test
  void the_bare_rest_endpoint_is_not_reachable_without_the_flag() {
    given().body("{}").post("/bench/bare-rest").then().statusCode(404);
  }
}
