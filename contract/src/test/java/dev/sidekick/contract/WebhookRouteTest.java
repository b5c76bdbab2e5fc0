package dev.sidekick.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookRouteTest {
  static final String PUBLIC_URL = "https://hooks.acme.example.com/acme";

  @Test
  void an_endpoints_channel_is_served_under_the_public_url() {
    WebhookRoute route = new WebhookRoute("us-store", Channel.MESSAGING);
    assertThat(route.path()).isEqualTo("/gladly/us-store/messaging");
    assertThat(route.url(PUBLIC_URL)).isEqualTo("https://hooks.acme.example.com/acme/gladly/us-store/messaging");
    assertThat(route.url(PUBLIC_URL + "/")).isEqualTo(route.url(PUBLIC_URL));
    assertThat(WebhookRoute.endpointUrl(PUBLIC_URL, "us-store")).isEqualTo(PUBLIC_URL + "/gladly/us-store");
    assertThat(WebhookRoute.TEMPLATE).isEqualTo("/gladly/{endpoint}/{channel}");
  }

  @Test
  void only_urls_in_the_layout_under_the_public_url_are_recognised() {
    assertThat(WebhookRoute.under(PUBLIC_URL, PUBLIC_URL + "/gladly/old-brand/chat"))
        .contains(new WebhookRoute("old-brand", Channel.CHAT));
    assertThat(WebhookRoute.under(PUBLIC_URL, PUBLIC_URL + "/gladly/us-store/voice")).isEmpty();
    assertThat(WebhookRoute.under(PUBLIC_URL, PUBLIC_URL + "/gladly/us-store/chat/more")).isEmpty();
    assertThat(WebhookRoute.under(PUBLIC_URL, PUBLIC_URL + "/gladly/US_Store/chat")).isEmpty();
    assertThat(WebhookRoute.under(PUBLIC_URL, "https://hooks.acme.example.com/acme-two/gladly/us-store/chat")).isEmpty();
    assertThat(WebhookRoute.under(PUBLIC_URL, null)).isEmpty();
  }

  @Test
  void the_route_at_the_end_of_a_url_is_found_whatever_its_base() {
    assertThat(WebhookRoute.atEndOf("https://old.example.com/x/gladly/us-store/messaging"))
        .contains(new WebhookRoute("us-store", Channel.MESSAGING));
    assertThat(WebhookRoute.atEndOf("https://old.example.com/notgladly/us-store/chat")).isEmpty();
    assertThat(WebhookRoute.atEndOf("https://old.example.com/gladly/us-store")).isEqualTo(Optional.empty());
    assertThat(WebhookRoute.atEndOf("chat")).isEmpty();
  }

  @Test
  void endpoint_names_are_dns_labels_and_channels_have_one_spelling_each() {
    assertThat(WebhookRoute.isEndpointName("emea-brand-2")).isTrue();
    assertThat(WebhookRoute.isEndpointName("-brand")).isFalse();
    assertThat(WebhookRoute.isEndpointName("a".repeat(64))).isFalse();
    assertThatThrownBy(() -> new WebhookRoute("../keys", Channel.CHAT)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Channel.fromName("messaging")).contains(Channel.MESSAGING);
    assertThat(Channel.fromName("VOICE")).isEmpty();
    assertThat(Channel.fromPath("chat")).contains(Channel.CHAT);
    assertThat(Channel.fromPath("CHAT")).isEmpty();
  }

  @Test
  void an_endpoints_key_files_are_named_after_it() {
    assertThat(WebhookKeys.currentFile("us-store")).isEqualTo("us-store");
    assertThat(WebhookKeys.previousFile("us-store")).isEqualTo("us-store.previous");
    assertThat(WebhookKeys.isPreviousFile("us-store.previous")).isTrue();
    assertThat(WebhookKeys.isPreviousFile("us-store")).isFalse();
  }
}
