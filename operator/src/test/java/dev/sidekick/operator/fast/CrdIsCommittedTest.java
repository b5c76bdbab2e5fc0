package dev.sidekick.operator.fast;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * crds/ holds the CRD that QOSDK generates from the Java model (at build and @QuarkusTest time, into
 * target/kubernetes/). Same annotations as the other fast tests, so the application is started once.
 */
@QuarkusTest
@QuarkusTestResource(MockApiServer.class)
@QuarkusTestResource(GladlySimResource.class)
@QuarkusTestResource(RuntimeReadinessResource.class)
class CrdIsCommittedTest {
  static final String FILE = "sidekickintegrations.sidekick.dev-v1.yml";

  @Test
  void the_committed_crd_is_the_one_the_java_model_generates() throws IOException {
    Path generated = Path.of("target", "kubernetes", FILE);
    Path committed = Path.of("..", "crds", FILE);
    assertThat(generated).as("QOSDK generates %s during the build", generated).exists();
    assertThat(committed).as("the CRD is committed as crds/%s", FILE).exists();
    assertThat(Files.readString(committed))
        .as(
            "crds/%s is stale. Regenerate it from the repository root with:%n"
                + "  mvn -B -pl operator package -DskipTests%n"
                + "  cp operator/target/kubernetes/%s crds/%n"
                + "  cp crds/%s helm/sidekick-operator/crds/",
            FILE, FILE, FILE)
        .isEqualTo(Files.readString(generated));
  }

  @Test
  void the_crd_says_what_a_user_needs_from_kubectl() throws IOException {
    String crd = Files.readString(Path.of("..", "crds", FILE));
    assertThat(crd)
        .contains("- \"sk\"")
        .contains("name: \"Ready\"")
        .contains("name: \"Endpoints\"")
        .contains("name: \"Mode\"")
        .contains("name: \"Webhooks\"")
        .contains("name: \"Age\"")
        .contains("pattern: \"^https://")
        .contains("pattern: \"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$\"")
        .contains("- \"Delete\"")
        .contains("- \"Orphan\"")
        .contains("- \"live\"")
        .contains("- \"shadow\"")
        .contains("subresources:")
        .doesNotContain("x-kubernetes-validations");
  }
}
