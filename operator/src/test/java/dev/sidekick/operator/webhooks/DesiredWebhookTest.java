package dev.sidekick.operator.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.contract.Channel;
import dev.sidekick.operator.SampleIntegration;
import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.SidekickIntegration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DesiredWebhookTest {

  static SidekickIntegration integration(EndpointSpec... endpoints) {
    return SampleIntegration.withEndpoints(endpoints);
  }

  @Test
  void one_webhook_per_endpoint_and_channel_at_the_url_the_runtime_serves() {
    var desired =
        DesiredWebhook.of(
            integration(
                new EndpointSpec("us-store", "Support", Channel.MESSAGING, Channel.CHAT),
                new EndpointSpec("emea-brand", "Returns", Channel.MESSAGING)),
            Map.of("us-store", "k1", "emea-brand", "k2"),
            "MESSAGE/RECEIVED");
    assertThat(desired)
        .extracting(DesiredWebhook::url, DesiredWebhook::events, DesiredWebhook::key)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("https://hooks.acme.example.com/acme/gladly/us-store/chat", List.of("AUTOMATION/MESSAGE_RECEIVED"), "k1"),
            org.assertj.core.groups.Tuple.tuple("https://hooks.acme.example.com/acme/gladly/us-store/messaging", List.of("MESSAGE/RECEIVED"), "k1"),
            org.assertj.core.groups.Tuple.tuple("https://hooks.acme.example.com/acme/gladly/emea-brand/messaging", List.of("MESSAGE/RECEIVED"), "k2"));
    assertThat(desired.get(0).write().headers()).containsOnlyKeys("x-api-key");
    assertThat(desired.get(0).write().enabled()).isTrue();
  }

  @Test
  void the_hash_changes_with_what_gladly_cannot_show_and_with_what_it_can() {
    DesiredWebhook base =
        new DesiredWebhook("us-store", Channel.CHAT, "n", "https://h/gladly/us-store/chat", List.of("AUTOMATION/MESSAGE_RECEIVED"), "key-1");
    assertThat(base.hash()).isEqualTo(new DesiredWebhook("us-store", Channel.CHAT, "other name", base.url(), base.events(), "key-1").hash());
    assertThat(base.hash()).hasSize(16);
    assertThat(base.hash()).isNotEqualTo(new DesiredWebhook("us-store", Channel.CHAT, "n", base.url(), base.events(), "key-2").hash());
    assertThat(base.hash()).isNotEqualTo(new DesiredWebhook("us-store", Channel.CHAT, "n", base.url() + "x", base.events(), "key-1").hash());
    assertThat(base.hash()).isNotEqualTo(base.withEvents(List.of("CONTACT/MESSAGE_RECEIVED")).hash());
    assertThat(base.hash()).doesNotContain("key-1");
  }

  @Test
  void the_description_of_a_webhook_never_shows_its_key() {
    DesiredWebhook d =
        new DesiredWebhook("us-store", Channel.CHAT, "n", "https://h/gladly/us-store/chat", List.of("AUTOMATION/MESSAGE_RECEIVED"), "secret-key");
    assertThat(d.toString()).doesNotContain("secret-key");
    assertThat(d.write().toString()).doesNotContain("secret-key").contains("x-api-key");
  }

  @Test
  void only_urls_of_this_resources_layout_count_as_ours() {
    var sk = integration(new EndpointSpec("us-store", "Support", Channel.CHAT));
    OwnedWebhooks owned = new OwnedWebhooks(sk);
    assertThat(owned.atOurUrl("https://hooks.acme.example.com/acme/gladly/old-brand/chat")).isTrue();
    assertThat(owned.atOurUrl("https://hooks.acme.example.com/acme/gladly/us-store/voice")).isFalse();
    assertThat(owned.atOurUrl("https://hooks.acme.example.com/acme-two/gladly/us-store/chat")).isFalse();
    assertThat(owned.atOurUrl("https://elsewhere.example.com/acme/gladly/us-store/chat")).isFalse();
  }

  @Test
  void a_webhooks_events_tell_its_channel_the_reverse_of_the_desired_events() {
    assertThat(DesiredWebhook.channelOf(List.of("AUTOMATION/MESSAGE_RECEIVED"))).contains(Channel.CHAT);
    assertThat(DesiredWebhook.channelOf(List.of("MESSAGE/RECEIVED"))).contains(Channel.MESSAGING);
    assertThat(DesiredWebhook.channelOf(List.of("CONTACT/MESSAGE_RECEIVED", "CONVERSATION/CLOSED"))).contains(Channel.MESSAGING);
    assertThat(DesiredWebhook.channelOf(List.of("AUTOMATION/MESSAGE_RECEIVED", "MESSAGE/RECEIVED"))).isEmpty();
    assertThat(DesiredWebhook.channelOf(List.of("CONVERSATION/CLOSED"))).isEmpty();
    for (DesiredWebhook d : DesiredWebhook.of(
        integration(new EndpointSpec("us-store", "Support", Channel.MESSAGING, Channel.CHAT)), Map.of("us-store", "k"),
        "CONTACT/MESSAGE_RECEIVED")) {
      assertThat(DesiredWebhook.channelOf(d.events())).contains(d.channel());
    }
  }

  @Test
  void the_name_the_operator_gives_is_recognised_and_a_persons_name_is_not() {
    var sk = integration(new EndpointSpec("us-store", "Support", Channel.CHAT));
    assertThat(DesiredWebhook.namedByOperator(DesiredWebhook.name(sk, "us-store", Channel.CHAT))).isTrue();
    assertThat(DesiredWebhook.namedByOperator("Sidekick chat")).isFalse();
    assertThat(DesiredWebhook.namedByOperator(null)).isFalse();
  }
}
