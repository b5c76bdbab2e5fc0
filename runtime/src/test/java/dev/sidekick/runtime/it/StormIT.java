package dev.sidekick.runtime.it;

import static dev.sidekick.runtime.it.Deployment.CHAT_ENTRY_POINT;
import static dev.sidekick.runtime.it.Deployment.EMAIL_ENTRY_POINT;
import static dev.sidekick.runtime.it.Deployment.ORDER_ANSWER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.gladlysim.GladlySimulator;
import dev.sidekick.gladlysim.control.ApiCall;
import dev.sidekick.gladlysim.control.CustomerActions;
import dev.sidekick.gladlysim.control.Fault;
import dev.sidekick.gladlysim.delivery.Delivery;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A storm: 1,000 customer messages (chat and email, some asking for a human) across two replicas while 30 % of Gladly's
 * answers go wrong in every way (429, 5xx before or after doing the work, timeouts, dropped connections). Nothing lost,
 * nothing doubled, no webhook disabled. Gladly's budget is raised to 100 requests/s here (on both sides): the storm is
 * about faults, the budget has its own test.
 */
class StormIT {
  private static final int CUSTOMERS = 1000;
  private static final double FAULT_RATE = 0.30;

  @TempDir static Path dir;
  private static Deployment deployment;

  @BeforeAll
  static void start() throws Exception {
    // The test moves Gladly's clock 31 s every 10 s of real time, to bring its redeliveries on: the 5-minute idle close
    // of a chat would then come after under two minutes of real time, and on a loaded machine close a chat whose event
    // the runtime is still retrying in real time (its follow-ups). Idle closing is CatchUpIT's subject, not this one's.
    deployment = Deployment.start(dir, 2,
        o -> o.rateLimitPerSecond(100).faultTimeoutHold(Duration.ofSeconds(3)).idleTimeout(Duration.ofMinutes(30)), "", 100);
  }

  @AfterAll
  static void stop() {
    if (deployment != null) {
      deployment.close();
    }
  }

  @Test
  void a_thousand_customers_with_30_percent_of_gladlys_answers_failing_are_each_answered_exactly_once() throws Exception {
    GladlySimulator gladly = deployment.gladly;
    deployment.registerWebhooks();
    List<UnaryOperator<Fault>> kinds = List.of(
        f -> f.status(429), f -> f.status(500), f -> f.status(502), f -> f.status(503), f -> f.status(504),
        f -> f.status(500).afterApplying(), f -> f.status(502).afterApplying(), f -> f.status(503).afterApplying(),
        f -> f.status(504).afterApplying(), Fault::timeout, f -> f.timeout().afterApplying(), Fault::reset,
        f -> f.reset().afterApplying());
    // 13 kinds, each this share of the calls it sees: 30 % of all calls fail one way or another
    double each = 1 - Math.pow(1 - FAULT_RATE, 1.0 / kinds.size());
    kinds.forEach(k -> gladly.faults().add(k.apply(Fault.on("*", "/api/v1/**")).rate(each)));

    List<CustomerActions.Chat> chats = new ArrayList<>();
    List<CustomerActions.Chat> chatHandoffs = new ArrayList<>();
    List<String> emails = new ArrayList<>();
    List<String> emailHandoffs = new ArrayList<>();
    for (int i = 0; i < CUSTOMERS; i++) {
      switch (i % 10) {
        case 0 -> {
          CustomerActions.Chat c = gladly.customer().startChat(CHAT_ENTRY_POINT, "storm-human-" + i + "@example.com");
          c.say("I need a human please");
          chatHandoffs.add(c);
        }
        case 1 -> emailHandoffs.add(gladly.customer().sendEmail(
            "storm-human-" + i + "@example.com", EMAIL_ENTRY_POINT, "Help", "I want to talk to a person"));
        case 2, 3, 4, 5 -> {
          CustomerActions.Chat c = gladly.customer().startChat(CHAT_ENTRY_POINT, "storm-chat-" + i + "@example.com");
          c.say("where is my order?");
          chats.add(c);
        }
        default -> emails.add(gladly.customer().sendEmail(
            "storm-mail-" + i + "@example.com", EMAIL_ENTRY_POINT, "Hours", "What are your opening hours?"));
      }
      Deployment.pause(Duration.ofMillis(20)); // 50 customers a second
    }

    // Gladly's first redelivery comes 30 s after a failure (its second 5 min later, when an idle chat would be closed)
    long end = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    while (System.nanoTime() < end && !allDone(chats, chatHandoffs, emails, emailHandoffs)) {
      Deployment.pause(Duration.ofSeconds(10));
      gladly.awaitDeliveries(Duration.ofSeconds(20));
      gladly.clock().advance(Duration.ofSeconds(31));
    }
    gladly.faults().clear();
    Deployment.pause(Duration.ofSeconds(25)); // follow-ups still scheduled come and go
    gladly.awaitDeliveries(Duration.ofSeconds(20));

    Map<Integer, Long> statuses = gladly.apiCalls().all().stream()
        .collect(Collectors.groupingBy(ApiCall::status, TreeMap::new, Collectors.counting()));
    System.out.printf("storm: Gladly answered %s (its last 10,000 calls; timeouts and resets have no status);"
        + " the replicas answered %.0f deliveries 503 (Gladly redelivers) and followed up %.0f events themselves%n",
        statuses, metric("sidekick_events_total", "outcome=\"retry_later\""), metric("sidekick_follow_ups_total", ""));

    long lostChats = chats.stream().filter(c -> c.answers().isEmpty()).count();
    long doubledChats = chats.stream().filter(c -> c.answers().size() > 1).count();
    long lostEmails = emails.stream().filter(e -> deployment.replies(e).isEmpty()).count();
    long doubledEmails = emails.stream().filter(e -> deployment.replies(e).size() > 1).count();
    long lostHandoffs = chatHandoffs.stream().filter(c -> !c.session().handedOff()).count()
        + emailHandoffs.stream().filter(e -> gladly.state().conversation(e).notes().isEmpty()).count();
    long doubledNotes = chatHandoffs.stream().filter(c -> c.session().handedOff() && c.conversation().notes().size() > 1).count()
        + emailHandoffs.stream().filter(e -> gladly.state().conversation(e).notes().size() > 1).count();
    System.out.printf("storm: lost %d chats, %d emails, %d hand-offs; doubled %d chats, %d emails, %d notes%n",
        lostChats, lostEmails, lostHandoffs, doubledChats, doubledEmails, doubledNotes);

    assertThat(lostChats + lostEmails + lostHandoffs).as("customers lost").isZero();
    assertThat(doubledChats + doubledEmails + doubledNotes).as("answers doubled").isZero();
    assertThat(chats).allSatisfy(c -> assertThat(c.answers()).containsExactly(ORDER_ANSWER));
    assertThat(gladly.state().webhooks()).as("webhooks disabled").allMatch(w -> w.enabled());
    assertThat(gladly.deliveries().stream().filter(d -> d.outcome() == Delivery.Outcome.Error)).isEmpty();
  }

  /** The sum over both replicas of a Prometheus counter's series that contain {@code label}. */
  private static double metric(String name, String label) {
    double sum = 0;
    for (RuntimeProcess r : deployment.replicas) {
      String text = io.restassured.RestAssured.get(r.url() + "/q/metrics").asString();
      sum += text.lines().filter(l -> l.startsWith(name + "{") && l.contains(label))
          .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
    return sum;
  }

  private static boolean allDone(
      List<CustomerActions.Chat> chats, List<CustomerActions.Chat> chatHandoffs, List<String> emails,
      List<String> emailHandoffs) {
    return chats.stream().allMatch(c -> !c.answers().isEmpty())
        && chatHandoffs.stream().allMatch(c -> c.session().handedOff() && !c.conversation().notes().isEmpty())
        && emails.stream().allMatch(e -> !deployment.replies(e).isEmpty())
        && emailHandoffs.stream().allMatch(e -> !deployment.gladly.state().conversation(e).notes().isEmpty());
  }

}
