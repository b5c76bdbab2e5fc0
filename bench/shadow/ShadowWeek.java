import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The week of scripts/bench-shadow-week, a single-file program (run with {@code java -cp "RUNTIME_LIBS/*" ShadowWeek.java},
 * no build; Jackson from the packaged runtime's libraries). Against a Gladly simulator whose brand endpoint a packaged
 * runtime serves in shadow mode, it plays a week: each day a share of the brand's labelled messages arrive from new
 * customers (e-mails and chats), Sidekick leaves its notes, scripted agents act on each message from its TRUE label only,
 * the simulated clock moves on and {@code scripts/knowledge-base harvest} runs as a user would run it from cron. Then it
 * scores harvest's suggested labels and Sidekick's proposals against the truth, and writes the draft confirmed with the
 * true labels (as the author would after reading it) for {@code scripts/knowledge-base evaluate}.
 *
 * <pre>
 * java ShadowWeek.java SIM_URL KB.yaml SET.yaml HALF DAYS OUT_DIR BRAND
 *     HALF: test | dev | all (the same halves as evaluate --half: the parity of the text's String.hashCode())
 *     the API user's credentials are read from OUT_DIR/work/secrets/gladly-email and gladly-token
 * </pre>
 */
public class ShadowWeek {
  static final ObjectMapper JSON = new ObjectMapper();
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

  public static void main(String[] args) throws Exception {
    if (args.length != 7) {
      System.err.println("usage: java ShadowWeek.java SIM_URL KB.yaml SET.yaml test|dev|all DAYS OUT_DIR BRAND");
      System.exit(2);
    }
    Simulator sim = new Simulator(args[0], args[6]);
    KnowledgeBase kb = KnowledgeBase.load(Path.of(args[1]));
    List<Labelled> set = Labelled.load(Path.of(args[2]), args[3]);
    int days = Integer.parseInt(args[4]);
    Path out = Path.of(args[5]);
    Week week = new Week(sim, new Agents(kb, args[6]), new HarvestRun(args[0], args[1], out), set, days);
    week.play();
    Report report = new Report(week.sent, out.resolve("draft.yaml"));
    report.writeConfirmed(out.resolve("confirmed.yaml"));
    week.printDays(System.out);
    report.printSuggestions(System.out);
    report.printProposals(System.out);
    report.writeWrongSuggestions(out.resolve("suggestions-wrong.txt"));
  }

  /** A message of the labelled set: what the customer writes and what a careful agent would want Sidekick to do. */
  record Labelled(String text, String channel, String expect, String category) {
    static List<Labelled> load(Path file, String half) throws IOException {
      List<Labelled> all = new ArrayList<>();
      for (JsonNode m : YAML.readTree(file.toFile()).path("messages")) {
        Labelled l = new Labelled(m.path("text").asText(), m.path("channel").asText("chat"), m.path("expect").asText(),
            m.path("category").asText());
        // evaluate --half: dev holds the texts of even String.hashCode(), test the odd ones
        boolean even = (l.text.hashCode() & 1) == 0;
        if (half.equals("all") || (half.equals("dev") == even)) all.add(l);
      }
      return all;
    }

    /** answer (an entry or entries a|b), handoff (with or without a reason), greeting, close. */
    String kind() {
      if (expect.startsWith("handoff")) return "handoff";
      if (expect.equals("greeting") || expect.equals("close")) return expect;
      return "answer";
    }

    List<String> entries() {
      return List.of(expect.split("\\|"));
    }
  }

  /** What the agents need of the knowledge base: each entry's answer (a menu entry: its first option's), the farewell. */
  record KnowledgeBase(Map<String, String> answers) {
    static KnowledgeBase load(Path file) throws IOException {
      Map<String, String> answers = new HashMap<>();
      for (JsonNode e : YAML.readTree(file.toFile()).path("entries")) {
        // an entry with a menu asks which case it is ("What would you like to do?"): an agent answers the case instead
        JsonNode menu = e.path("menu");
        answers.put(e.path("id").asText(), menu.isArray() && !menu.isEmpty() ? menu.get(0).path("answer").asText()
            : e.path("answer").asText());
      }
      return new KnowledgeBase(answers);
    }
  }

  /** A customer message as sent, and what became of it. */
  static final class Sent {
    final Labelled labelled;
    final int day;
    final String conversationId;
    String action = "none";
    int actedOnDay;

    Sent(Labelled labelled, int day, String conversationId) {
      this.labelled = labelled;
      this.day = day;
      this.conversationId = conversationId;
    }
  }

  /**
   * The human agents: they act on the TRUE label only, as a careful agent would. An answerable message gets the entry's
   * answer with a greeting or a sign-off around it (rotating through a few ways of writing); a message that must go to a
   * person is transferred to Escalations, or for every fourth one answered by the agent itself with something the
   * knowledge base does not say; a greeting gets a short hello, a goodbye is closed without a reply.
   */
  static final class Agents {
    private final KnowledgeBase kb;
    private final List<String> emails;
    private int turn;
    private int handoffs;

    Agents(KnowledgeBase kb, String brand) {
      this.kb = kb;
      this.emails = List.of("sam@" + brand + ".example", "riley@" + brand + ".example");
    }

    void act(Simulator sim, Sent s) throws IOException, InterruptedException {
      String agent = emails.get(turn++ % emails.size());
      Labelled l = s.labelled;
      switch (l.kind()) {
        case "answer" -> {
          String answer = kb.answers().get(l.entries().get(0));
          if (answer == null) throw new IllegalStateException("the set's label " + l.expect + " is no entry of the knowledge base");
          sim.reply(s.conversationId, agent, worded(answer, l.channel));
          s.action = "replied with the answer";
        }
        case "handoff" -> {
          if (++handoffs % 4 == 0) {
            sim.reply(s.conversationId, agent, "Hi, thanks for letting us know. I've looked into this for you and opened a case;"
                + " a colleague will get back to you by e-mail within one business day with the next steps.");
            s.action = "replied without a knowledge-base answer";
          } else {
            sim.transfer(s.conversationId, agent, "Escalations");
            s.action = "transferred";
          }
        }
        case "greeting" -> {
          sim.reply(s.conversationId, agent, "Hi there! How can I help you today?");
          s.action = "replied hello";
        }
        default -> {
          sim.close(s.conversationId, agent);
          s.action = "closed";
        }
      }
    }

    /** The answer as an agent pastes it: between a greeting and a sign-off, a little differently each time. */
    private String worded(String answer, String channel) {
      boolean email = channel.equals("email");
      return switch (turn % 4) {
        case 0 -> (email ? "Hi,\n\n" : "Hi! ") + answer + (email ? "\n\nBest regards,\nSam" : "");
        case 1 -> "Thanks for reaching out. " + answer + " Anything else I can help with?";
        case 2 -> (email ? "Hello,\n\nGood question. " : "Sure: ") + answer.replace("You can ", "You're able to ") + (email ? "\n\nKind regards,\nRiley" : "");
        default -> "Hi there, " + answer;
      };
    }
  }

  /** The week: each day's customers write, agents act, the clock moves on a day, harvest runs. */
  static final class Week {
    private final Simulator sim;
    private final Agents agents;
    private final HarvestRun harvest;
    private final List<Labelled> set;
    private final int days;
    final List<Sent> sent = new ArrayList<>();
    private final List<String> dayLines = new ArrayList<>();

    Week(Simulator sim, Agents agents, HarvestRun harvest, List<Labelled> set, int days) {
      this.sim = sim;
      this.agents = agents;
      this.harvest = harvest;
      this.set = set;
      this.days = days;
    }

    void play() throws Exception {
      List<Sent> waiting = new ArrayList<>();
      for (int day = 1; day <= days; day++) {
        List<Sent> today = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
          if (i * days / set.size() + 1 == day) today.add(customerWrites(set.get(i), day, i));
        }
        sent.addAll(today);
        for (Sent s : today) sim.awaitNote(s.conversationId, Duration.ofSeconds(90));

        // yesterday's leftovers first; then today's, except every ninth message of the set, left for tomorrow
        List<Sent> work = new ArrayList<>(waiting);
        waiting.clear();
        for (Sent s : today) {
          if (day < days && sent.indexOf(s) % 9 == 4) waiting.add(s);
          else work.add(s);
        }
        for (Sent s : work) {
          agents.act(sim, s);
          s.actedOnDay = day;
        }
        // the working day ends; the harvest runs in the evening (the Events API is up to 15 s behind)
        sim.advanceClock(Duration.ofHours(10));
        String harvested = harvest.run(day);
        long emails = today.stream().filter(s -> s.labelled.channel.equals("email")).count();
        dayLines.add(String.format("| %d | %d | %d | %d | %d | %d | %s |", day, today.size(), emails, today.size() - emails,
            work.size(), waiting.size(), harvested));
        System.err.println("day " + day + ": " + today.size() + " messages, agents acted on " + work.size() + ", left for tomorrow "
            + waiting.size() + "; harvest: " + harvested);
        sim.advanceClock(Duration.ofHours(14));
      }
    }

    private Sent customerWrites(Labelled l, int day, int index) throws IOException, InterruptedException {
      String customer = "week-d" + day + "-" + index + "@customers.example";
      String conversation = l.channel.equals("email") ? sim.email(customer, l.text) : sim.chat(customer, l.text);
      return new Sent(l, day, conversation);
    }

    void printDays(PrintStream p) {
      p.println("| day | messages | e-mail | chat | agents acted on | left for the next day | harvest (its summary line) |");
      p.println("|---:|---:|---:|---:|---:|---:|---|");
      dayLines.forEach(p::println);
      p.println();
    }
  }

  /** scripts/knowledge-base harvest, as a user runs it daily: the last 24 h, appended to one draft, matched to the KB. */
  record HarvestRun(String simUrl, String kb, Path out) {
    String run(int day) throws IOException, InterruptedException {
      Path secrets = out.resolve("work/secrets");
      Path log = out.resolve("harvest-day-" + day + ".txt");
      Process p = new ProcessBuilder("scripts/knowledge-base", "harvest", "--gladly-url", simUrl,
          "--email-file", secrets.resolve("gladly-email").toString(), "--token-file", secrets.resolve("gladly-token").toString(),
          "--since", "24h", "--append", "--out", out.resolve("draft.yaml").toString(), "--kb", kb, "--no-build")
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      int code = p.waitFor();
      List<String> lines = Files.readAllLines(log);
      if (code != 0) throw new IllegalStateException("harvest of day " + day + " exited " + code + ": " + String.join("\n", lines));
      // "DRAFT: new messages: 37 (closed 4, replied 20, transferred 13); already in it: 0" without the file's name
      return lines.stream().filter(line -> line.contains("new messages")).findFirst().orElse("(no summary line)")
          .replaceFirst(".*: new messages", "new messages").strip();
    }
  }

  /** Harvest's suggestions and Sidekick's proposals against the true labels; the draft confirmed with them. */
  static final class Report {
    private final Map<String, Sent> byConversation = new LinkedHashMap<>();
    private final JsonNode draft;

    Report(List<Sent> sent, Path draftFile) throws IOException {
      sent.forEach(s -> byConversation.put(s.conversationId, s));
      draft = YAML.readTree(draftFile.toFile());
    }

    /** A suggested label is right when it is the true one; a hand-off's reason is the author's to add (harvest cannot tell). */
    private static boolean right(String suggested, Labelled truth) {
      return switch (truth.kind()) {
        case "answer" -> truth.entries().contains(suggested);
        case "handoff" -> suggested.equals("handoff") || suggested.equals(truth.expect);
        default -> suggested.equals(truth.expect);
      };
    }

    void printSuggestions(PrintStream p) {
      Map<String, int[]> byKind = new LinkedHashMap<>();
      for (String k : List.of("answer", "handoff", "greeting", "close")) byKind.put(k, new int[2]);
      for (JsonNode m : draft.path("messages")) {
        Sent s = byConversation.get(m.at("/harvest/conversation").asText());
        if (s == null) continue;
        int[] c = byKind.get(s.labelled.kind());
        c[0]++;
        if (right(m.path("expect").asText(), s.labelled)) c[1]++;
      }
      int n = byKind.values().stream().mapToInt(c -> c[0]).sum();
      int ok = byKind.values().stream().mapToInt(c -> c[1]).sum();
      p.println("Harvest's suggested labels against the true ones (" + draft.path("messages").size() + " messages in the draft, "
          + byConversation.size() + " sent):");
      p.println();
      p.println("| true label | messages | suggestion right |");
      p.println("|---|---:|---:|");
      byKind.forEach((k, c) -> p.printf("| %s | %d | %d |%n", label(k), c[0], c[1]));
      p.printf("| all | %d | %d (%.0f %%) |%n%n", n, ok, n == 0 ? 0.0 : 100.0 * ok / n);
    }

    void writeWrongSuggestions(Path file) throws IOException {
      StringBuilder b = new StringBuilder();
      for (JsonNode m : draft.path("messages")) {
        Sent s = byConversation.get(m.at("/harvest/conversation").asText());
        if (s == null || right(m.path("expect").asText(), s.labelled)) continue;
        b.append("true ").append(s.labelled.expect).append(", suggested ").append(m.path("expect").asText())
            .append(" (agent ").append(s.action).append("): ").append(m.at("/harvest/why").asText()).append("\n  ")
            .append(oneLine(s.labelled.text)).append("\n\n");
      }
      Files.writeString(file, b.toString());
    }

    /** Sidekick's proposal, the last line of its note in each conversation, against the true label. */
    void printProposals(PrintStream p) {
      Map<String, int[]> rows = new LinkedHashMap<>();
      // columns: right, another entry / answered, asked "Did you mean", handed off, closed, no proposal in the draft
      for (String k : List.of("answer", "handoff", "greeting", "close")) rows.put(k, new int[6]);
      Map<String, String> proposals = new HashMap<>();
      for (JsonNode m : draft.path("messages")) proposals.put(m.at("/harvest/conversation").asText(), m.at("/harvest/proposal").asText());
      for (Sent s : byConversation.values()) {
        String proposal = proposals.getOrDefault(s.conversationId, "");
        rows.get(s.labelled.kind())[column(proposal, s.labelled)]++;
      }
      p.println("Sidekick's proposals (its notes' last line) against the true labels:");
      p.println();
      p.println("| true label | messages | proposal right | answered (wrong entry, or must not be answered) | asked \"Did you mean\" | would have handed off | would have closed | not in the draft |");
      p.println("|---|---:|---:|---:|---:|---:|---:|---:|");
      rows.forEach((k, c) -> p.printf("| %s | %d | %d | %d | %d | %d | %d | %d |%n", label(k), c[0] + c[1] + c[2] + c[3] + c[4] + c[5],
          c[0], c[1], c[2], c[3], c[4], c[5]));
      p.println();
    }

    private static int column(String proposal, Labelled truth) {
      if (proposal.isEmpty()) return 5;
      boolean right = switch (truth.kind()) {
        case "answer" -> proposal.startsWith("answer ") && truth.entries().contains(proposal.substring(7));
        case "handoff" -> proposal.equals("hand off");
        case "greeting" -> proposal.equals("answer -");
        default -> proposal.equals("close");
      };
      if (right) return 0;
      if (proposal.startsWith("answer ")) return 1;
      return switch (proposal) {
        case "ask" -> 2;
        case "hand off" -> 3;
        default -> 4;
      };
    }

    private static String label(String kind) {
      return switch (kind) {
        case "answer" -> "an entry's answer";
        case "handoff" -> "hand off";
        default -> kind;
      };
    }

    /** The draft as its author leaves it after reading: each label replaced by the true one, {@code suggested} gone. */
    void writeConfirmed(Path file) throws IOException {
      ObjectNode confirmed = draft.deepCopy();
      ArrayNode kept = JSON.createArrayNode();
      for (JsonNode m : confirmed.path("messages")) {
        Sent s = byConversation.get(m.at("/harvest/conversation").asText());
        if (s == null) continue; // not a message of this week: the author would delete it
        ((ObjectNode) m).put("expect", s.labelled.expect);
        ((ObjectNode) m).remove("suggested");
        kept.add(m);
      }
      confirmed.set("messages", kept);
      YAML.writeValue(file.toFile(), confirmed);
    }

    private static String oneLine(String text) {
      String line = text.strip().replaceAll("\\s+", " ");
      return line.length() > 160 ? line.substring(0, 159) + "…" : line;
    }
  }

  /** The simulator's control API (customers, agents, clock) on loopback. */
  static final class Simulator {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String brand;

    Simulator(String base, String brand) {
      this.base = base;
      this.brand = brand;
    }

    /** An e-mail without a subject: the set gives the whole e-mail as one text, and Sidekick reads the subject as a line. */
    String email(String from, String text) throws IOException, InterruptedException {
      ObjectNode body = JSON.createObjectNode().put("from", from).put("to", "support@" + brand + ".example").put("subject", "")
          .put("body", text);
      return post("/sim/customer/emails", body).path("conversationId").asText();
    }

    String chat(String customer, String text) throws IOException, InterruptedException {
      ObjectNode start = JSON.createObjectNode().put("entryPoint", "chat-" + brand);
      start.putObject("customer").put("email", customer);
      String conversation = post("/sim/customer/chats", start).path("conversationId").asText();
      post("/sim/customer/chats/" + conversation + "/messages", JSON.createObjectNode().put("text", text));
      return conversation;
    }

    void awaitNote(String conversation, Duration timeout) throws IOException, InterruptedException {
      long end = System.nanoTime() + timeout.toNanos();
      while (get("/sim/conversations/" + conversation).path("noteCount").asInt() == 0) {
        if (System.nanoTime() > end) throw new IllegalStateException("no shadow note in conversation " + conversation + " after " + timeout);
        Thread.sleep(100);
      }
    }

    void reply(String conversation, String agent, String text) throws IOException, InterruptedException {
      post("/sim/agent/conversations/" + conversation + "/reply", JSON.createObjectNode().put("agent", agent).put("text", text));
    }

    void transfer(String conversation, String agent, String inbox) throws IOException, InterruptedException {
      post("/sim/agent/conversations/" + conversation + "/transfer", JSON.createObjectNode().put("agent", agent).put("inbox", inbox));
    }

    void close(String conversation, String agent) throws IOException, InterruptedException {
      post("/sim/agent/conversations/" + conversation + "/close", JSON.createObjectNode().put("agent", agent));
    }

    void advanceClock(Duration d) throws IOException, InterruptedException {
      post("/sim/clock/advance", JSON.createObjectNode().put("seconds", d.toSeconds()));
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
      return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private JsonNode post(String path, JsonNode body) throws IOException, InterruptedException {
      return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
      HttpResponse<String> r = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 != 2) throw new IllegalStateException(r.request().uri() + " answered " + r.statusCode() + ": " + r.body());
      return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }
  }
}
