package dev.sidekick.runtime.bench;

import static io.restassured.RestAssured.given;

import dev.sidekick.runtime.support.SimulatedGladly;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With the flag on (as scripts/bench-runtime starts the runtime) both bare endpoints answer 200. */
@QuarkusTest
@WithTestResource(SimulatedGladly.class)
@TestProfile(BareEndpointOnTest.FlagOn.class)
class BareEndpointOnTest {
  public static class FlagOn implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(BareEndpoint.FLAG, "true");
    }
  }

  @Test
  void the_bare_endpoints_answer_200_with_the_flag() {
    given().body("{}").post("/bench/bare").then().statusCode(200);
    given().body("{}").post("/bench/bare-rest").then().statusCode(200);
  }
}
