package dev.sidekick.runtime.it;

import static dev.sidekick.runtime.it.Deployment.CHAT_ENTRY_POINT;
import static dev.sidekick.runtime.it.Deployment.EMAIL_ENTRY_POINT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sidekick.gladlysim.control.CustomerActions;
import dev.sidekick.runtime.support.RedisServer;
import dev.sidekick.runtime.support.TestCertificates;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged runtime with a store behind TLS and an ACL user, as a managed Redis is: Debian's redis-server on its TLS
 * port only (127.0.0.1), its certificate signed by a CA made for the test, the default user off. runtime.yaml names it
 * rediss:// with the CA in caFile (what the operator renders from caSecretRef). A customer is answered exactly once
 * through it; with a CA that did not sign Redis's certificate the runtime stays not ready and says why, never showing
 * the password.
 */
class TlsRedisIT {
  private static final String USER = "sidekick";
  private static final String PASSWORD = "tls-acl-s3cret";

  @TempDir static Path dir;
  private static RedisServer redis;
  private static TestCertificates certificates;
  private static Deployment deployment;

  @BeforeAll
  static void start() throws Exception {
    certificates = TestCertificates.create(dir.resolve("pki"));
    redis = RedisServer.startTls(dir, certificates,
        List.of("--user", "default", "off", "--user", USER, "on", ">" + PASSWORD, "~*", "&*", "+@all"));
    Files.writeString(dir.resolve("redis-user"), USER);
    Files.writeString(dir.resolve("redis-password"), PASSWORD);
    deployment = Deployment.withStore(dir, 1, """
        { url: "%s/0", usernameFile: redis-user, passwordFile: redis-password, caFile: "%s" }"""
        .formatted(redis.url(), certificates.ca()));
  }

  @AfterAll
  static void stop() {
    if (deployment != null) {
      deployment.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void a_customer_is_answered_exactly_once_through_redis_over_tls_as_an_acl_user() throws Exception {
    deployment.registerWebhooks();
    List<CustomerActions.Chat> chats =
        List.of(deployment.gladly.customer().startChat(CHAT_ENTRY_POINT, "tls-chat@example.com"));
    chats.get(0).say("where is my order?");
    List<String> emails = List.of(deployment.gladly.customer().sendEmail("tls-mail@example.com", EMAIL_ENTRY_POINT,
        "Hours", "What are your opening hours?"));

    deployment.redeliverUntil(() -> deployment.answered(chats, emails) == 2);
    deployment.assertExactlyOnce(chats, emails);
    assertThat(redisCli("--scan", "--pattern", "sidekick:acme:*")).as("the runtime's keys, written over TLS")
        .isNotBlank();
  }

  @Test
  void with_a_ca_that_did_not_sign_redis_the_runtime_is_not_ready_and_says_why_without_the_password() throws Exception {
    Path config = dir.resolve("runtime-other-ca.yaml");
    Files.writeString(config, Files.readString(dir.resolve("runtime.yaml"))
        .replace(certificates.ca().toString(), certificates.otherCa().toString()));
    try (RuntimeProcess runtime = RuntimeProcess.start("other-ca", config, Path.of("target", "it-logs", "tls-redis"))) {
      await("readiness naming the store").atMost(Duration.ofSeconds(60)).ignoreExceptions()
          .untilAsserted(() -> assertThat(runtime.readiness().body()).contains("the store (Redis"));
      HttpResponse<String> ready = runtime.readiness();

      assertThat(ready.statusCode()).isEqualTo(503);
      // e.g. "waitingFor": "the store (Redis EVAL: SunCertPathBuilderException unable to find valid certification path
      // to requested target)"
      assertThat(ready.body()).contains("DOWN").containsIgnoringCase("certificat").doesNotContain(PASSWORD);
      runtime.close();
      assertThat(Files.readString(runtime.log(), StandardCharsets.UTF_8)).contains("cannot use the store yet: Redis")
          .doesNotContain(PASSWORD);
    }
  }

  /** redis-cli over TLS as the ACL user, its password in the environment (never on the command line). */
  private static String redisCli(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("redis-cli", "--tls", "--cacert",
        certificates.ca().toString(), "-h", "127.0.0.1", "-p", Integer.toString(redis.port()), "--user", USER));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("REDISCLI_AUTH", PASSWORD);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(10, TimeUnit.SECONDS);
    return out;
  }
}
