package dev.sidekick.runtime.harvest;

import static dev.sidekick.runtime.support.SimulatedGladly.TRIAL_CHAT_ENTRY_POINT;
import static dev.sidekick.runtime.support.SimulatedGladly.TRIAL_EMAIL_ENTRY_POINT;
import static dev.sidekick.runtime.support.SimulatedGladly.TRIAL_KEY;
import static dev.sidekick.runtime.support.SimulatedGladly.configDir;
import static dev.sidekick.runtime.support.SimulatedGladly.sim;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidekick.gladlysim.control.CustomerActions;
import dev.sidekick.gladlysim.control.Fault;
import dev.sidekick.runtime.config.YamlNode;
import dev.sidekick.runtime.responder.calibration.KnowledgeBaseTool;
import dev.sidekick.runtime.responder.calibration.LabelledSet;
import dev.sidekick.runtime.support.SimulatedGladly;
import dev.sidekick.runtime.support.Webhooks;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A brand tries Sidekick in shadow mode (endpoint trial-store): its agents answer the customers as before, Sidekick leaves
 * a note per message, and the author harvests the notes into a draft labelled set, confirms it and scores the knowledge
 * base with {@code evaluate}.
 */
@QuarkusTest
@WithTestResource(SimulatedGladly.class)
class HarvestTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String HANK = "hank@acme.example";
  private static final String SHIPPING_ANSWER =
      "Standard shipping takes 3-5 business days and is free over $50; express takes 1-2 days for $12.";

  @TempDir Path dir;

  @BeforeEach
  void ready() {
    Webhooks.startClean(WAIT);
  }

  @AfterEach
  void clean() {
    Webhooks.removeAll();
  }

  @Test
  void a_day_in_shadow_mode_becomes_a_draft_the_author_can_confirm_and_evaluate() throws IOException {
    Webhooks.register("trial-store", "messaging", TRIAL_KEY, "MESSAGE/RECEIVED");
    Webhooks.register("trial-store", "chat", TRIAL_KEY, "AUTOMATION/MESSAGE_RECEIVED");
    Instant start = sim().clock().now();
    String answered = email("harvest-sam@example.com", "Shipping",
        "How long does shipping take? You can reach me at 724-489-5501 or sam.h@example.org");
    String transferred = email("harvest-bo@example.com", "Broken", "My order #48213 arrived broken. I want to speak to someone.");
    String closed = email("harvest-cy@example.com", "Re: Hours", "Thanks, that's all!");
    String waiting = email("harvest-di@example.com", "Returns", "How do I return my boots?");
    CustomerActions.Chat chat = sim().customer().startChat(TRIAL_CHAT_ENTRY_POINT, "harvest-ed@example.com");
    chat.say("are you open on saturdays?");
    await().atMost(WAIT).until(() -> chat.session().handedOff() && !chat.conversation().notes().isEmpty());

    sim().agent(HANK).reply(answered, "Hi there,\n\n" + SHIPPING_ANSWER + "\n\nKind regards,\nHank");
    sim().agent(HANK).transfer(transferred, "Returns");
    sim().agent(HANK).close(closed);
    sim().agent(HANK).reply(chat.conversationId(), "Our support team is there Monday to Friday, 8am to 6pm Pacific time.");
    sim().clock().advance(Duration.ofSeconds(20)); // the Events API is 15 s behind

    Path draft = dir.resolve("draft.yaml");
    Run run = harvest("--since", start.toString(), "--out", draft.toString(), "--kb", kb());

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("new messages: 4 (closed 1, replied 2, transferred 1)")
        .contains("waiting for a person: 1");
    String file = Files.readString(draft);
    assertThat(file).as("no contact details without --include-contact")
        .doesNotContain("@example").doesNotContain("724-489-5501").doesNotContain("48213");
    JsonNode shipping = message(draft, answered);
    assertThat(shipping.path("text").asText())
        .isEqualTo("Shipping\nHow long does shipping take? You can reach me at [phone] or [email]");
    assertThat(shipping.path("channel").asText()).isEqualTo("email");
    assertThat(shipping.path("category").asText()).isEqualTo("replied");
    assertThat(shipping.path("expect").asText()).isEqualTo("shipping");
    assertThat(shipping.path("suggested").asBoolean()).isTrue();
    assertThat(shipping.at("/harvest/proposal").asText()).isEqualTo("answer shipping");
    assertThat(shipping.at("/harvest/reply").asText()).contains(SHIPPING_ANSWER);
    assertThat(shipping.at("/harvest/why").asText()).contains("of the answer of shipping");

    JsonNode broken = message(draft, transferred);
    assertThat(broken.path("text").asText()).isEqualTo("Broken\nMy order #[order] arrived broken. I want to speak to someone.");
    assertThat(broken.path("expect").asText()).isEqualTo("handoff");
    assertThat(broken.at("/harvest/agent").asText()).isEqualTo("transferred to inbox Returns");
    assertThat(broken.at("/harvest/proposal").asText()).isEqualTo("hand off");

    JsonNode thanks = message(draft, closed);
    assertThat(thanks.path("expect").asText()).isEqualTo("close");
    assertThat(thanks.at("/harvest/agent").asText()).isEqualTo("closed without a reply");

    JsonNode saturday = message(draft, chat.conversationId());
    assertThat(saturday.path("text").asText()).isEqualTo("are you open on saturdays?");
    assertThat(saturday.path("channel").asText()).isEqualTo("chat");
    assertThat(saturday.path("expect").asText()).isEqualTo("hours");
    assertThat(file).as("no one has acted on it yet").doesNotContain(waiting);

    // the author confirms the labels: evaluate scores the draft as it is, and says which labels are still guesses
    assertThat(LabelledSet.load(draft).messages()).hasSize(4).allMatch(LabelledSet.Message::suggested);
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    int code = KnowledgeBaseTool.run(List.of("evaluate", kb(), draft.toString(), "--lexical-only", "--rounds", "1"),
        new PrintStream(report, true, UTF_8));
    assertThat(code).isZero();
    assertThat(report.toString(UTF_8)).contains("4 messages").contains("4 of the 4 labels are harvest's suggestions");
  }

  @Test
  void harvesting_every_day_appends_only_new_messages_and_contact_details_only_when_asked() throws IOException {
    Webhooks.register("trial-store", "messaging", TRIAL_KEY, "MESSAGE/RECEIVED");
    Instant start = sim().clock().now();
    String id = email("harvest-fay@example.com", "Hours", "When are you open?");
    sim().agent(HANK).reply(id, "Our support team is there Monday to Friday, 8am to 6pm Pacific time.");
    sim().clock().advance(Duration.ofSeconds(20));
    Path draft = dir.resolve("daily.yaml");

    assertThat(harvest("--since", start.toString(), "--out", draft.toString(), "--append").out()).contains("new messages: 1");
    Run again = harvest("--since", start.toString(), "--out", draft.toString(), "--append");
    assertThat(again.code()).isZero();
    assertThat(again.out()).contains("new messages: 0").contains("already in it: 1");
    assertThat(LabelledSet.load(draft).messages()).hasSize(1);
    assertThat(message(draft, id).at("/harvest/why").asText()).as("without --kb: Sidekick's proposal").contains("proposal");

    Path withContact = dir.resolve("contact.yaml");
    assertThat(harvest("--since", start.toString(), "--out", withContact.toString(), "--include-contact").code()).isZero();
    assertThat(message(withContact, id).at("/harvest/contact/email").asText()).isEqualTo("harvest-fay@example.com");
  }

  @Test
  void wrong_credentials_old_ranges_and_unwritable_files_are_refused_clearly() throws IOException {
    Path wrongToken = dir.resolve("token");
    Files.writeString(wrongToken, "not-the-token-4711\n");
    Run wrong = run(List.of("--gladly-url", sim().baseUrl(), "--email-file", credential("email"), "--token-file",
        wrongToken.toString(), "--out", dir.resolve("a.yaml").toString()));
    assertThat(wrong.code()).isEqualTo(2);
    assertThat(wrong.err()).contains("refused the API user's credentials (401)").doesNotContain("not-the-token-4711");
    assertThat(dir.resolve("a.yaml")).doesNotExist();

    Run old = harvest("--since", sim().clock().now().minus(Duration.ofHours(30)).toString(), "--out", dir.resolve("b.yaml").toString());
    assertThat(old.code()).isEqualTo(2);
    assertThat(old.err()).contains("older than 24 hours").contains("only the last 24 hours").contains("--append");
    assertThat(harvest("--since", "25h", "--out", dir.resolve("b.yaml").toString()).code()).isEqualTo(2);

    Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
    Run unwritable = harvest("--out", notADirectory.resolve("draft.yaml").toString());
    assertThat(unwritable.code()).isEqualTo(2);
    assertThat(unwritable.err()).contains("cannot be written");
    Run exists = harvest("--out", notADirectory.toString());
    assertThat(exists.err()).contains("exists: --append adds to it");
  }

  @Test
  void gladly_answering_429_is_waited_out() {
    sim().faults().rateLimitBurst(3); // the first call, three times
    Fault events = Fault.on("GET", "/api/v1/events").status(429).times(2);
    sim().faults().add(events);
    Run run = harvest("--since", "1h", "--out", dir.resolve("c.yaml").toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(sim().faults().burstRemaining()).isZero();
    assertThat(events.remaining()).as("the Events API's stream waited out its 429s too").isZero();
  }

  private record Run(int code, String out, String err) {}

  private static String email(String from, String subject, String body) {
    String id = sim().customer().sendEmail(from, TRIAL_EMAIL_ENTRY_POINT, subject, body);
    await().atMost(WAIT).until(() -> !sim().state().conversation(id).notes().isEmpty());
    return id;
  }

  private static Run harvest(String... options) {
    List<String> args = new ArrayList<>(List.of(
        "--gladly-url", sim().baseUrl(), "--email-file", credential("email"), "--token-file", credential("token")));
    args.addAll(List.of(options));
    return run(args);
  }

  private static Run run(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = HarvestCommand.run(args, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
    return new Run(code, out.toString(UTF_8), err.toString(UTF_8));
  }

  private static String credential(String name) {
    return configDir().resolve("gladly").resolve(name).toString();
  }

  private static String kb() {
    return configDir().resolve("kb.yaml").toString();
  }

  /** The draft's message of this conversation. */
  private static JsonNode message(Path draft, String conversation) throws IOException {
    JsonNode root = YamlNode.readTree(Files.readString(draft));
    return StreamSupport.stream(root.path("messages").spliterator(), false)
        .filter(m -> m.at("/harvest/conversation").asText().equals(conversation)).findFirst()
        .orElseThrow(() -> new AssertionError("no message of " + conversation + " in\n" + root));
  }
}
