package dev.sidekick.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sidekick.contract.Channel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A configuration file that does not match docs/runtime-config.md is refused with the field's name. */
class ConfigLoaderTest {
  @TempDir Path dir;

  @BeforeEach
  void secrets() throws IOException {
    Files.createDirectories(dir.resolve("keys"));
    Files.writeString(dir.resolve("keys/us-store"), "k1\n");
    Files.writeString(dir.resolve("email"), "sidekick@acme.example\n");
    Files.writeString(dir.resolve("token"), "t\n");
    Files.writeString(dir.resolve("kb.yaml"), "entries: [{id: a, phrases: [x], answer: y}]\n");
  }

  private static final String VALID =
      """
      version: 1
      gladly:
        baseUrl: https://acme.gladly.com/
        credentials: { emailFile: email, tokenFile: token }
      keysDir: keys
      responder: { knowledgeBase: { file: kb.yaml } }
      endpoints:
        - name: us-store
          channels: [CHAT, MESSAGING]
          handoffInboxId: inbox-1
      """;

  @Test
  void a_valid_file_is_read_with_defaults_for_what_it_leaves_out() throws IOException {
    RuntimeConfig config = load(VALID);
    assertThat(config.gladly().baseUrl()).hasToString("https://acme.gladly.com");
    assertThat(config.gladly().requestsPerSecond()).isEqualTo(10);
    assertThat(config.gladly().callTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.eventDeadline()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.handoffTopic()).isEqualTo("Sidekick: handed off");
    assertThat(config.endpoint("us-store").orElseThrow().channels()).containsExactlyInAnyOrder(Channel.CHAT, Channel.MESSAGING);
    assertThat(config.endpoint("us-store").orElseThrow().responder())
        .isEqualTo(new ResponderSettings.KnowledgeBase(dir.resolve("kb.yaml")));
  }

  @Test
  void a_private_ca_for_gladly_is_read_from_a_pem_file_and_checked_at_start_up() throws Exception {
    io.vertx.core.net.SelfSignedCertificate cert = io.vertx.core.net.SelfSignedCertificate.create("gladly.internal");
    try {
      Files.copy(Path.of(cert.certificatePath()), dir.resolve("gladly-ca.pem"));
      String withCa = VALID.replace("  credentials:", "  trustedCaFile: gladly-ca.pem\n  credentials:");
      assertThat(load(withCa).gladly().trustedCaFile()).contains(dir.resolve("gladly-ca.pem"));
      assertThat(load(VALID).gladly().trustedCaFile()).isEmpty();
      assertThat(dev.sidekick.runtime.gladly.TrustedCertificates.withExtra(dir.resolve("gladly-ca.pem"))).isNotNull();

      Files.writeString(dir.resolve("not-a-ca.pem"), "hello\n");
      assertThatThrownBy(() -> load(VALID.replace("  credentials:", "  trustedCaFile: not-a-ca.pem\n  credentials:")))
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("runtime.yaml: gladly.trustedCaFile: no PEM certificate in");
    } finally {
      cert.delete();
    }
  }

  @Test
  void one_replica_keeps_its_state_in_the_process_and_catches_up_by_default() throws IOException {
    RuntimeConfig config = load(VALID);
    assertThat(config.replicas()).isEqualTo(1);
    assertThat(config.store()).isEmpty();
    assertThat(config.catchUp()).isEqualTo(new RuntimeConfig.CatchUp(true, Duration.ofHours(24), Duration.ofSeconds(15)));
  }

  @Test
  void several_replicas_share_a_redis_store_whose_credentials_are_files() throws IOException {
    Files.writeString(dir.resolve("redis-password"), "s3cret\n");
    RuntimeConfig config = load(VALID + """
        replicas: 2
        store:
          redis: { url: "redis://redis.support.svc:6379/0", passwordFile: redis-password }
          keyPrefix: sidekick:support:acme
        catchUp: { lookBack: 2h, lag: 20s }
        """);
    assertThat(config.replicas()).isEqualTo(2);
    RuntimeConfig.Store store = config.store().orElseThrow();
    assertThat(store.url().orElseThrow()).hasToString("redis://redis.support.svc:6379/0");
    assertThat(store.passwordFile()).hasValue(dir.resolve("redis-password"));
    assertThat(store.keyPrefix()).isEqualTo("sidekick:support:acme");
    assertThat(store.timeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.catchUp()).isEqualTo(new RuntimeConfig.CatchUp(true, Duration.ofHours(2), Duration.ofSeconds(20)));
  }

  @Test
  void a_store_url_that_is_not_redis_or_holds_a_password_is_named() {
    assertThatThrownBy(() -> load(VALID + "store: { redis: { url: \"http://redis:6379\" } }\n"))
        .hasMessage("runtime.yaml: store.redis.url: must be a redis:// or rediss:// URL (got \"http://redis:6379\")");
    assertThatThrownBy(() -> load(VALID + "store: { redis: { url: \"redis://:pw@redis:6379\" } }\n"))
        .hasMessage("runtime.yaml: store.redis.url: must not hold credentials: use usernameFile and passwordFile");
    assertThatThrownBy(() -> load(VALID + "catchUp: { lookBack: 48h }\n"))
        .hasMessage("runtime.yaml: catchUp.lookBack: must be at most 24h (the Events API keeps 24 hours)");
  }

  @Test
  void a_store_behind_sentinel_is_found_through_the_sentinels_with_their_own_credentials() throws Exception {
    Files.writeString(dir.resolve("redis-user"), "sidekick\n");
    Files.writeString(dir.resolve("redis-password"), "s3cret\n");
    Files.writeString(dir.resolve("sentinel-password"), "watch\n");
    io.vertx.core.net.SelfSignedCertificate cert = io.vertx.core.net.SelfSignedCertificate.create("redis.internal");
    try {
      Files.copy(Path.of(cert.certificatePath()), dir.resolve("redis-ca.pem"));
      RuntimeConfig.Store store = load(VALID + """
          store:
            redis:
              sentinel:
                masterName: mymaster
                hosts: [sentinel-0.redis:26379, sentinel-1.redis:26379, 10.0.0.7:26379]
                database: 2
                tls: true
                passwordFile: sentinel-password
              usernameFile: redis-user
              passwordFile: redis-password
              caFile: redis-ca.pem
          """).store().orElseThrow();
      assertThat(store.url()).isEmpty();
      assertThat(store.sentinel()).hasValue(new RuntimeConfig.Sentinel("mymaster",
          java.util.List.of("sentinel-0.redis:26379", "sentinel-1.redis:26379", "10.0.0.7:26379"), 2, true,
          java.util.Optional.empty(), java.util.Optional.of(dir.resolve("sentinel-password")), 1));
      assertThat(store.usernameFile()).hasValue(dir.resolve("redis-user"));
      assertThat(store.caFile()).hasValue(dir.resolve("redis-ca.pem"));
      assertThat(store.where()).isEqualTo("mymaster (through Sentinel)");
    } finally {
      cert.delete();
    }
  }

  @Test
  void a_sentinel_store_that_is_not_whole_is_named() throws IOException {
    Files.writeString(dir.resolve("redis-user"), "sidekick\n");
    Files.writeString(dir.resolve("redis-ca.pem"), "not a certificate\n");
    String sentinel = "sentinel: { masterName: mymaster, hosts: [\"s0:26379\"] }";
    assertThatThrownBy(() -> load(VALID + "store: { redis: { url: \"redis://redis:6379\", " + sentinel + " } }\n"))
        .hasMessage("runtime.yaml: store.redis: needs either url or sentinel (not both: with sentinel, the database and TLS"
            + " are sentinel.database and sentinel.tls)");
    assertThatThrownBy(() -> load(VALID + "store: { redis: { timeout: 2s } }\n"))
        .hasMessageStartingWith("runtime.yaml: store.redis: needs either url or sentinel");
    assertThatThrownBy(() -> load(VALID + "store: { redis: { sentinel: { hosts: [\"s0:26379\"] } } }\n"))
        .hasMessage("runtime.yaml: store.redis.sentinel.masterName: is required");
    assertThatThrownBy(() -> load(VALID + "store: { redis: { sentinel: { masterName: mymaster } } }\n"))
        .hasMessage("runtime.yaml: store.redis.sentinel.hosts: is required: the Sentinels as host:port (three or more,"
            + " on different nodes)");
    assertThatThrownBy(() -> load(VALID + "store: { redis: { sentinel: { masterName: mymaster, hosts: [] } } }\n"))
        .hasMessage("runtime.yaml: store.redis.sentinel.hosts: must list at least one Sentinel (three or more, on"
            + " different nodes)");
    assertThatThrownBy(() -> load(VALID
        + "store: { redis: { sentinel: { masterName: mymaster, hosts: [\"s0:26379\", \"redis://s1:26379\"] } } }\n"))
        .hasMessage("runtime.yaml: store.redis.sentinel.hosts[1]: must be host:port, without a scheme"
            + " (got \"redis://s1:26379\")");
    assertThatThrownBy(() -> load(VALID
        + "store: { redis: { sentinel: { masterName: mymaster, hosts: [\"s0\"] } } }\n"))
        .hasMessage("runtime.yaml: store.redis.sentinel.hosts[0]: must be host:port, without a scheme (got \"s0\")");
    assertThatThrownBy(() -> load(VALID
        + "store: { redis: { sentinel: { masterName: mymaster, hosts: [\"s0:26379\", \"s0:26379\"] } } }\n"))
        .hasMessage("runtime.yaml: store.redis.sentinel.hosts[1]: lists \"s0:26379\" twice");
    assertThatThrownBy(() -> load(VALID
        + "store: { redis: { sentinel: { masterName: mymaster, hosts: [\"s0:26379\"], waitForReplicas: -1 } } }\n"))
        .hasMessage("runtime.yaml: store.redis.sentinel.waitForReplicas: must be between 0 and 100 (got -1)");
    assertThatThrownBy(() -> load(VALID + "store: { redis: { " + sentinel + ", usernameFile: redis-user } }\n"))
        .hasMessage("runtime.yaml: store.redis.usernameFile: needs passwordFile too (an ACL user logs in with its password)");
    assertThatThrownBy(() -> load(VALID + "store: { redis: { url: \"redis://redis:6379\", caFile: redis-ca.pem } }\n"))
        .hasMessageStartingWith("runtime.yaml: store.redis.caFile: no PEM certificate in ");
  }

  @Test
  void a_ca_file_without_tls_is_named() throws Exception {
    io.vertx.core.net.SelfSignedCertificate cert = io.vertx.core.net.SelfSignedCertificate.create("redis.internal");
    try {
      Files.copy(Path.of(cert.certificatePath()), dir.resolve("redis-ca.pem"));
      assertThatThrownBy(() -> load(VALID + "store: { redis: { url: \"redis://redis:6379\", caFile: redis-ca.pem } }\n"))
          .hasMessage("runtime.yaml: store.redis.caFile: is for TLS: use a rediss:// url (or sentinel.tls: true)");
      assertThat(load(VALID + "store: { redis: { url: \"rediss://redis:6379\", caFile: redis-ca.pem } }\n")
          .store().orElseThrow().caFile()).hasValue(dir.resolve("redis-ca.pem"));
    } finally {
      cert.delete();
    }
  }

  @Test
  void an_endpoint_name_that_is_not_a_dns_label_is_named() {
    assertThatThrownBy(() -> load(VALID.replace("name: us-store", "name: EMEA_Brand")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("runtime.yaml: endpoints[0].name: must be a DNS label (got \"EMEA_Brand\")");
  }

  @Test
  void a_missing_required_field_is_named() {
    assertThatThrownBy(() -> load(VALID.replace("  baseUrl: https://acme.gladly.com/\n", "")))
        .hasMessage("runtime.yaml: gladly.baseUrl: is required");
  }

  @Test
  void an_unknown_field_is_named_so_a_typo_is_not_silently_ignored() {
    assertThatThrownBy(() -> load(VALID.replace("channels:", "chanels:")))
        .hasMessageStartingWith("runtime.yaml: endpoints[0].chanels: unknown field");
  }

  @Test
  void messaging_without_a_handoff_inbox_is_refused() {
    assertThatThrownBy(() -> load(VALID.replace("    handoffInboxId: inbox-1\n", "")))
        .hasMessage("runtime.yaml: endpoints[0].handoffInboxId: is required when channels include MESSAGING");
  }

  @Test
  void an_endpoint_is_live_unless_it_says_shadow_and_another_mode_is_named() throws IOException {
    assertThat(load(VALID).endpoint("us-store").orElseThrow().mode()).isEqualTo(EndpointSettings.Mode.LIVE);
    String shadow = VALID.replace("    channels: [CHAT, MESSAGING]\n", "    mode: shadow\n    channels: [CHAT, MESSAGING]\n");
    assertThat(load(shadow).endpoint("us-store").orElseThrow().mode()).isEqualTo(EndpointSettings.Mode.SHADOW);
    assertThatThrownBy(() -> load(shadow.replace("mode: shadow", "mode: dark")))
        .hasMessage("runtime.yaml: endpoints[0].mode: must be live or shadow (got \"dark\")");
  }

  @Test
  void chat_entry_points_belong_to_one_chat_endpoint_each() throws IOException {
    Files.writeString(dir.resolve("keys/eu-store"), "k2\n");
    String two = VALID.replace("    channels: [CHAT, MESSAGING]\n", "    channels: [CHAT, MESSAGING]\n    chatEntryPoints: [chat-us]\n")
        + "  - name: eu-store\n    channels: [CHAT]\n    chatEntryPoints: [chat-eu, chat-eu-2]\n";
    assertThat(load(two).endpoint("eu-store").orElseThrow().chatEntryPoints()).containsExactly("chat-eu", "chat-eu-2");
    assertThat(load(VALID).endpoint("us-store").orElseThrow().chatEntryPoints()).as("none listed: any chat").isEmpty();

    assertThatThrownBy(() -> load(two.replace("[chat-eu, chat-eu-2]", "[chat-eu, chat-us]")))
        .hasMessage("runtime.yaml: endpoints[1].chatEntryPoints: lists \"chat-us\", which endpoint \"us-store\" lists too:"
            + " a chat entry point belongs to one endpoint");
    assertThatThrownBy(() -> load(two.replace("channels: [CHAT]", "channels: [MESSAGING]\n    handoffInboxId: inbox-2")))
        .hasMessage("runtime.yaml: endpoints[1].chatEntryPoints: is only for an endpoint whose channels include CHAT");
  }

  @Test
  void a_bad_channel_a_bad_duration_and_a_deadline_over_gladlys_timeout_are_named() {
    assertThatThrownBy(() -> load(VALID.replace("[CHAT, MESSAGING]", "[CHAT, VOICE]")))
        .hasMessage("runtime.yaml: endpoints[0].channels[1]: must be CHAT or MESSAGING (got \"VOICE\")");
    assertThatThrownBy(() -> load(VALID + "eventDeadline: soon\n"))
        .hasMessage("runtime.yaml: eventDeadline: must be a duration such as 500ms, 3s, 1m or 24h (got \"soon\")");
    assertThatThrownBy(() -> load(VALID + "eventDeadline: 20s\n"))
        .hasMessage("runtime.yaml: eventDeadline: must stay under Gladly's 15s delivery timeout (got 20s)");
  }

  @Test
  void an_endpoint_without_its_key_file_is_refused_without_showing_any_secret() throws IOException {
    Files.delete(dir.resolve("keys/us-store"));
    assertThatThrownBy(() -> load(VALID))
        .hasMessageStartingWith("runtime.yaml: endpoints[0].name: no key file for endpoint \"us-store\"");
  }

  @Test
  void a_missing_secret_file_is_named_by_path_only() throws IOException {
    Files.delete(dir.resolve("token"));
    assertThatThrownBy(() -> load(VALID))
        .hasMessageStartingWith("runtime.yaml: gladly.credentials.tokenFile: cannot read ");
  }

  @Test
  void broken_yaml_is_refused() {
    assertThatThrownBy(() -> load("gladly: [unclosed"))
        .hasMessageStartingWith("runtime.yaml: not valid YAML");
  }

  private RuntimeConfig load(String yaml) throws IOException {
    Path file = dir.resolve("runtime.yaml");
    Files.writeString(file, yaml);
    return ConfigLoader.load(file);
  }
}
