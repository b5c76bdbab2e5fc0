package dev.sidekick.gladlysim;

import static dev.sidekick.gladlysim.testing.Gladly.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One simulator can hold several organizations; credentials and the /org/{key} prefix choose one. */
class MultiOrganizationTest {
  @RegisterExtension
  static final GladlySimExtension gladly = GladlySimExtension.seeded("sim/two-orgs.yaml");

  @Test
  void credentials_choose_the_organization_and_a_prefix_pins_it() {
    as(gladly, "sidekick@acme.example", "acme-token").get("/api/v1/organization").then().statusCode(200).body("name", equalTo("Acme"));
    as(gladly, "bot@globex.example", "globex-token").get("/api/v1/organization").then().statusCode(200).body("name", equalTo("Globex"));

    String globex = gladly.organizationUrl("globex");
    as(gladly, "bot@globex.example", "globex-token").baseUri(globex).get("/api/v1/inboxes").then().statusCode(200)
        .body("name", equalTo(java.util.List.of("Care")));
    as(gladly, "sidekick@acme.example", "acme-token").baseUri(globex).get("/api/v1/inboxes").then().statusCode(401);
    as(gladly, "sidekick@acme.example", "acme-token").baseUri(gladly.baseUrl() + "/org/initech").get("/api/v1/inboxes")
        .then().statusCode(404);
  }

  @Test
  void webhooks_and_conversations_stay_in_their_organization() {
    String location = as(gladly, "bot@globex.example", "globex-token").baseUri(gladly.organizationUrl("globex"))
        .body("{\"url\":\"https://hooks.globex.example/a\",\"events\":[\"CONTACT/MESSAGE_RECEIVED\"]}").post("/api/v1/webhooks")
        .then().statusCode(201).extract().header("Location");
    assertThat(location).startsWith("/org/globex/api/v1/webhooks/");
    as(gladly, "bot@globex.example", "globex-token").baseUri(gladly.baseUrl()).get(location).then().statusCode(200);
    as(gladly, "sidekick@acme.example", "acme-token").get("/api/v1/webhooks").then().statusCode(200).body("$", hasSize(0));
    assertThat(gladly.state().org("globex").webhooks()).hasSize(1);

    String conversationId = gladly.customer().org("globex").sendEmail("x@example.com", "care@globex.example", "Hi", "Help");
    assertThat(gladly.state().org("globex").conversation(conversationId)).isNotNull();
    assertThat(gladly.state().conversation(conversationId)).isNull();
  }
}
