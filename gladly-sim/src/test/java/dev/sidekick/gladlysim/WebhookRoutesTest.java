package dev.sidekick.gladlysim;

import static dev.sidekick.gladlysim.testing.Gladly.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sidekick.gladlysim.testing.Gladly;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A simulator inside a cluster: webhooks are registered at the public https URL that Gladly would call, and the
 * simulator sends their PINGs and deliveries where DNS and an ingress would take them (a route).
 */
class WebhookRoutesTest {
  @RegisterExtension
  static final GladlySimExtension gladly = Gladly.acme();

  @Test
  void a_webhook_at_a_public_url_is_pinged_and_delivered_through_its_route() {
    gladly.options().webhookRoute("https://hooks.acme.test/acme", gladly.receiverUrl("/ingress"));
    String webhook = Gladly.createWebhook(gladly, "{\"name\":\"chat\",\"url\":\"https://hooks.acme.test/acme/gladly/us-store/chat\","
        + "\"events\":[\"AUTOMATION/MESSAGE_RECEIVED\"],\"enabled\":true,\"headers\":{\"x-api-key\":\"k\"}}");

    assertThat(gladly.receiver().requests("/ingress/gladly/us-store/chat")).as("the PING went through the route").hasSize(1);
    api(gladly).get("/api/v1/webhooks/" + webhook).then().statusCode(200)
        .body("url", org.hamcrest.Matchers.equalTo("https://hooks.acme.test/acme/gladly/us-store/chat"));

    gladly.customer().startChat("chat-us-store", "martha@example.com").say("where is my order?");
    await().atMost(Duration.ofSeconds(5)).until(() -> gladly.receiver().requests("/ingress/gladly/us-store/chat").size() == 2);
    assertThat(gladly.receiver().requests("/ingress/gladly/us-store/chat").get(1).header("x-api-key")).isNotNull();
  }

  @Test
  void the_longest_prefix_wins_and_only_whole_segments_match() {
    SimOptions o = SimOptions.defaults()
        .webhookRoute("https://hooks.acme.test", "http://a.internal")
        .webhookRoute("https://hooks.acme.test/eu/", "http://b.internal:8080/base");
    assertThat(o.routed("https://hooks.acme.test/gladly/x/chat")).isEqualTo("http://a.internal/gladly/x/chat");
    assertThat(o.routed("https://hooks.acme.test/eu/gladly/x/chat")).isEqualTo("http://b.internal:8080/base/gladly/x/chat");
    assertThat(o.routed("https://hooks.acme.test/europe/x")).isEqualTo("http://a.internal/europe/x");
    assertThat(o.routed("https://hooks.acme.testing/x")).as("another host").isEqualTo("https://hooks.acme.testing/x");
    assertThatThrownBy(() -> o.webhookRoute("hooks.acme.test", "http://a")).hasMessageContaining("not a URL prefix");
  }

  @Test
  void the_command_line_takes_routes_and_a_certificate() {
    SimOptions o = Main.parse(new String[] {"--route", "https://hooks.acme.test=http://acme-sidekick.support.svc.cluster.local",
        "--tls-cert=/tls/tls.crt", "--tls-key", "/tls/tls.key", "--port=8443"});
    assertThat(o.port()).isEqualTo(8443);
    assertThat(o.routed("https://hooks.acme.test/gladly/us-store/chat"))
        .isEqualTo("http://acme-sidekick.support.svc.cluster.local/gladly/us-store/chat");
    assertThat(o.tls()).isTrue();
    assertThat(o.tlsCertFile()).hasToString("/tls/tls.crt");
    assertThatThrownBy(() -> Main.parse(new String[] {"--tls-cert", "/tls/tls.crt"})).hasMessageContaining("go together");
    assertThatThrownBy(() -> Main.parse(new String[] {"--route", "https://x"})).hasMessageContaining("PUBLIC_PREFIX=TARGET");
  }
}
