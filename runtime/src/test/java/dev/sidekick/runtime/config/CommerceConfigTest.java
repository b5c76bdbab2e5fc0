package dev.sidekick.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An endpoint's commerce section (docs/runtime-config.md) is read with defaults, and a wrong one names the field. */
class CommerceConfigTest {
  @TempDir Path dir;

  @BeforeEach
  void files() throws IOException {
    ConfigFixture.writeFiles(dir, "shpat_x");
  }

  private RuntimeConfig load(String commerce) throws IOException {
    Files.writeString(dir.resolve("runtime.yaml"), """
        gladly: { baseUrl: https://acme.gladly.com, credentials: { emailFile: email, tokenFile: token } }
        keysDir: keys
        eventDeadline: 10s
        responder: { knowledgeBase: { file: kb.yaml } }
        endpoints:
          - name: us-store
            channels: [CHAT]
        """ + commerce.indent(4));
    return ConfigLoader.load(dir.resolve("runtime.yaml"));
  }

  @Test
  void a_shopify_backend_with_only_the_required_fields_gets_the_pinned_version_and_default_timeouts() throws IOException {
    RuntimeConfig config = load("""
        commerce:
          shopify: { shopUrl: "https://acme.myshopify.com/", accessTokenFile: shopify-token }
        """);
    CommerceSettings c = config.endpoint("us-store").orElseThrow().commerce().orElseThrow();
    assertThat(c.backend()).isEqualTo(new CommerceSettings.Shopify(URI.create("https://acme.myshopify.com"), "2026-10",
        dir.resolve("shopify-token"), Duration.ofSeconds(3)));
    assertThat(c.returnWindowDays()).isEqualTo(30);
    assertThat(c.returnsUrl()).isEmpty();
  }

  @Test
  void every_field_can_be_set() throws IOException {
    RuntimeConfig config = load("""
        commerce:
          shopify: { shopUrl: "http://127.0.0.1:8091", apiVersion: unstable, accessTokenFile: shopify-token, callTimeout: 800ms }
          returnWindowDays: 14
          returnsUrl: https://acme.example/returns
        """);
    CommerceSettings c = config.endpoint("us-store").orElseThrow().commerce().orElseThrow();
    assertThat(c.backend()).isEqualTo(new CommerceSettings.Shopify(URI.create("http://127.0.0.1:8091"), "unstable",
        dir.resolve("shopify-token"), Duration.ofMillis(800)));
    assertThat(c.returnWindowDays()).isEqualTo(14);
    assertThat(c.returnsUrl()).isEqualTo(Optional.of(URI.create("https://acme.example/returns")));
  }

  @Test
  void an_endpoint_without_commerce_has_none() throws IOException {
    assertThat(load("").endpoint("us-store").orElseThrow().commerce()).isEmpty();
  }

  @Test
  void wrong_commerce_sections_are_refused_with_the_field_named() {
    refused("commerce: { returnWindowDays: 30 }", "endpoints[0].commerce.shopify: is required");
    refused("commerce: { shopify: { shopUrl: \"http://acme.myshopify.com\", accessTokenFile: shopify-token } }",
        "endpoints[0].commerce.shopify.shopUrl: must be https");
    refused("commerce: { shopify: { shopUrl: \"https://acme.myshopify.com/admin\", accessTokenFile: shopify-token } }",
        "endpoints[0].commerce.shopify.shopUrl: must be the shop's address without a path");
    refused("commerce: { shopify: { shopUrl: \"https://acme.myshopify.com\", apiVersion: \"2026-05\", accessTokenFile: shopify-token } }",
        "endpoints[0].commerce.shopify.apiVersion: must be a Shopify API version");
    refused("commerce: { shopify: { shopUrl: \"https://acme.myshopify.com\", accessTokenFile: missing-file } }",
        "endpoints[0].commerce.shopify.accessTokenFile: cannot read");
    refused("commerce: { shopify: { shopUrl: \"https://acme.myshopify.com\", accessTokenFile: shopify-token, callTimeout: 11s } }",
        "endpoints[0].commerce.shopify.callTimeout: must not exceed eventDeadline");
    refused("commerce: { shopify: { shopUrl: \"https://acme.myshopify.com\", accessTokenFile: shopify-token, token: x } }",
        "endpoints[0].commerce.shopify.token: unknown field");
    refused("commerce: { shopify: { shopUrl: \"https://acme.myshopify.com\", accessTokenFile: shopify-token }, returnWindowDays: -1 }",
        "endpoints[0].commerce.returnWindowDays: must be between 0 and 3650");
  }

  private void refused(String commerce, String message) {
    assertThatThrownBy(() -> load(commerce)).isInstanceOf(ConfigException.class).hasMessageContaining("runtime.yaml: " + message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("shpat_x"));
  }
}
