package dev.sidekick.runtime.it;

import static dev.sidekick.runtime.it.Deployment.CHAT_ENTRY_POINT;
import static dev.sidekick.runtime.it.Deployment.EMAIL_ENTRY_POINT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.gladlysim.control.CustomerActions;
import dev.sidekick.runtime.support.SentinelGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas of the packaged runtime share a Redis behind Sentinel (a primary, a replica, three Sentinels; an ACL user
 * for the runtime, a password for the Sentinels): the primary is lost in the middle of a burst of customers, the
 * Sentinels promote the replica, and each customer is answered exactly once after Gladly's redeliveries.
 */
class SentinelIT {
  @TempDir static Path dir;
  private static SentinelGroup group;
  private static Deployment deployment;

  @BeforeAll
  static void start() throws Exception {
    group = SentinelGroup.start(dir);
    Files.writeString(dir.resolve("redis-user"), SentinelGroup.USER);
    Files.writeString(dir.resolve("redis-password"), SentinelGroup.USER_PASSWORD);
    Files.writeString(dir.resolve("sentinel-password"), SentinelGroup.SENTINEL_PASSWORD);
    String hosts = group.hosts().stream().map(h -> "\"" + h + "\"").collect(Collectors.joining(", "));
    deployment = Deployment.withStore(dir, 2, """
        { sentinel: { masterName: %s, hosts: [%s], passwordFile: sentinel-password },
                  usernameFile: redis-user, passwordFile: redis-password }""".formatted(SentinelGroup.MASTER_NAME, hosts));
  }

  @AfterAll
  static void stop() {
    if (deployment != null) {
      deployment.close();
    }
    if (group != null) {
      group.close();
    }
  }

  @Test
  void the_primary_lost_in_a_burst_means_503s_during_the_failover_then_exactly_one_answer_each() throws Exception {
    deployment.registerWebhooks();
    List<CustomerActions.Chat> chats = new ArrayList<>();
    List<String> emails = new ArrayList<>();
    int lost = group.primaryPort();
    for (int i = 0; i < 20; i++) {
      chats.add(deployment.gladly.customer().startChat(CHAT_ENTRY_POINT, "failover-chat-" + i + "@example.com"));
      chats.get(i).say("where is my order?");
      emails.add(deployment.gladly.customer().sendEmail("failover-mail-" + i + "@example.com", EMAIL_ENTRY_POINT,
          "Hours", "What are your opening hours?"));
      if (i == 8) {
        group.primary.kill();
      }
    }
    group.awaitFailoverFrom(lost, Duration.ofSeconds(30));
    assertThat(group.primaryPort()).as("the replica promoted").isEqualTo(group.replica.port());
    long refused = deployment.gladly.deliveries().stream().filter(d -> Integer.valueOf(503).equals(d.statusCode())).count();
    // the lost node comes back (as Kubernetes restarts a pod) as a replica of the new primary: writes have a copy again
    group.primary.start(SentinelGroup.replicaOf(group.replica.port()));

    deployment.redeliverUntil(() -> deployment.answered(chats, emails) == 40);
    deployment.assertExactlyOnce(chats, emails);
    assertThat(refused).as("deliveries refused with 503 while the primary was lost").isPositive();
  }
}
