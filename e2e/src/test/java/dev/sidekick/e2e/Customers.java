package dev.sidekick.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;

/**
 * Customers who write while something happens to the installation (a roll, a deleted pod, an upgrade): each one asks
 * a question the knowledge base answers, in a chat or by email, and must get exactly one answer, never none, never two.
 */
final class Customers {
  /** Questions the sample knowledge base answers with one message (examples/knowledge-base.yaml). */
  private static final List<String> QUESTIONS = List.of("where is my order?", "how long does shipping take?",
      "what are your opening hours?", "I forgot my password", "what is the shipping cost?");

  record Message(String conversationId, boolean chat) {}

  private final RemoteGladly gladly;
  private final String name;
  private final List<Message> sent = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger count = new AtomicInteger();
  private final Map<String, String> failures = new ConcurrentHashMap<>();
  private ScheduledExecutorService writers;

  Customers(RemoteGladly gladly, String name) {
    this.gladly = gladly;
    this.name = name;
  }

  /** One new customer message every {@code every}, alternating chat and email, until {@link #stop()}. */
  Customers start(Duration every) {
    writers = Executors.newSingleThreadScheduledExecutor();
    writers.scheduleAtFixedRate(this::writeOne, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** {@code n} messages as fast as the simulator takes them. */
  void burst(int n) {
    for (int i = 0; i < n; i++) writeOne();
  }

  void writeOne() {
    int i = count.getAndIncrement();
    String question = QUESTIONS.get(i % QUESTIONS.size());
    String email = name + "-" + i + "@customers.example";
    try {
      if (i % 2 == 0) {
        String conversation = gladly.startChat("chat-us-store", email);
        gladly.say(conversation, question);
        sent.add(new Message(conversation, true));
      } else {
        sent.add(new Message(gladly.sendEmail(email, "support@acme.example", "A question", question), false));
      }
    } catch (RuntimeException | AssertionError e) {
      failures.put(email, String.valueOf(e.getMessage()));
    }
  }

  List<Message> stop() {
    if (writers != null) {
      writers.shutdown();
      try {
        writers.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    assertThat(failures).as("the simulator took every customer message").isEmpty();
    return List.copyOf(sent);
  }

  int count() {
    return sent.size();
  }

  /** Waits until every message has its answer (Gladly's redeliveries included), then checks that none has two. */
  void assertEachAnsweredExactlyOnce(Duration within) {
    List<Message> all = List.copyOf(sent);
    Awaitility.await(name + ": every customer answered").atMost(within).pollInterval(Duration.ofSeconds(2))
        .untilAsserted(() -> assertThat(all).allSatisfy(m -> assertThat(answers(m)).as(describe(m)).isGreaterThanOrEqualTo(1)));
    // an answer sent twice shows up at once or with a redelivery; give a late second answer time to show
    Awaitility.await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
    assertThat(all).allSatisfy(m -> assertThat(answers(m)).as(describe(m) + ": answered exactly once").isEqualTo(1));
  }

  private String describe(Message m) {
    return (m.chat() ? "chat " : "email ") + m.conversationId();
  }

  /** Sidekick's answers to one message: BOT lines of a chat, the agent's EMAIL replies of an email conversation. */
  private int answers(Message m) {
    if (m.chat()) return gladly.botAnswers(m.conversationId()).size();
    int replies = 0;
    for (JsonNode item : gladly.items(m.conversationId(), "EMAIL", "AGENT")) replies++;
    return replies;
  }
}
