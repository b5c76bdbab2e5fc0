package dev.sidekick.runtime.harvest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidekick.runtime.config.ConfigException;
import dev.sidekick.runtime.config.RuntimeConfig;
import dev.sidekick.runtime.gladly.Deadline;
import dev.sidekick.runtime.gladly.Gladly;
import dev.sidekick.runtime.gladly.GladlyModel.Customer;
import dev.sidekick.runtime.gladly.GladlyRefused;
import dev.sidekick.runtime.gladly.GladlyUnavailable;
import dev.sidekick.runtime.responder.knowledge.KnowledgeBase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code scripts/knowledge-base harvest}: a draft labelled set from the notes of an endpoint in shadow mode, in
 * {@code evaluate}'s format, for the knowledge base's author to confirm. A plain main (no Quarkus), like calibrate and
 * evaluate. Exit 0 done, 1 Gladly unavailable (nothing written: run it again), 2 what the user must fix (options,
 * credentials, a range older than 24 hours, a file that cannot be written).
 */
public final class HarvestCommand {
  // Half of Gladly's default budget (10 a second per method): the live runtime shares the organization's budget.
  private static final int REQUESTS_PER_SECOND = 5;
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private HarvestCommand() {}

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    HarvestOptions o = null;
    try {
      o = HarvestOptions.parse(args);
      Optional<ReplyMatcher> matcher = o.kb().map(KnowledgeBase::load).map(ReplyMatcher::new);
      Set<String> already = o.append() ? DraftSet.itemIds(o.out()) : Set.of();
      Gladly gladly = Gladly.standalone(
          new RuntimeConfig.Gladly(o.gladlyUrl(), o.emailFile(), o.tokenFile(), Optional.empty(), REQUESTS_PER_SECOND,
              CALL_TIMEOUT, Optional.empty()),
          new ObjectMapper(), new SimpleMeterRegistry());
      // the first call: wrong credentials end the command here, and event times are on Gladly's clock
      Instant now = gladly.readClock(Deadline.in(Duration.ofMinutes(1)));
      Instant from = o.start(now);
      Instant to = o.end(from, now);
      Harvest harvest = new Harvest(gladly);
      Harvest.Found found = harvest.read(from, to);
      return write(o, harvest, found, already, matcher, from, to, out);
    } catch (GladlyRefused e) {
      err.println(e.status() == 401 || e.status() == 403
          ? "harvest: Gladly refused the API user's credentials (" + e.status() + "): check the files of --email-file and"
              + " --token-file (the user needs the API User role)"
          : "harvest: Gladly refused a request: " + e.getMessage());
      return 2;
    } catch (GladlyUnavailable e) {
      err.println("harvest: Gladly is unavailable (" + e.getMessage() + "); nothing was written: run harvest again later");
      return 1;
    } catch (IllegalArgumentException | ConfigException e) {
      err.println("harvest: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("harvest: --out " + o.out() + " cannot be written (" + e.getClass().getSimpleName() + ")");
      return 2;
    }
  }

  private static int write(
      HarvestOptions o, Harvest harvest, Harvest.Found found, Set<String> already, Optional<ReplyMatcher> matcher,
      Instant from, Instant to, PrintStream out) throws IOException {
    List<DraftSet.Entry> entries = new ArrayList<>();
    Map<String, Optional<Customer>> customers = new TreeMap<>();
    int waiting = 0;
    int known = 0;
    for (ShadowedMessage m : found.messages()) {
      if (already.contains(m.message().id())) {
        known++;
      } else if (m.action().kind() == AgentAction.Kind.NONE) {
        waiting++;
      } else {
        Optional<Customer> customer = customers.computeIfAbsent(m.conversationId(),
            c -> harvest.customer(found.customerOf().getOrDefault(c, "")));
        entries.add(entry(m, customer, matcher, o.includeContact()));
      }
    }
    out.printf(Locale.ROOT, "harvest: %s to %s (Gladly's time): %d conversations changed, %d customer messages with a"
        + " shadow note%n", from, to, found.customerOf().size(), found.messages().size());
    if (!entries.isEmpty()) {
      DraftSet.write(o.out(), entries);
    }
    Map<String, Long> byAction = new TreeMap<>();
    entries.forEach(e -> byAction.merge(e.message().action().kind().label, 1L, Long::sum));
    String kinds = byAction.entrySet().stream().map(k -> k.getKey() + " " + k.getValue())
        .collect(Collectors.joining(", ", " (", ")"));
    out.printf(Locale.ROOT, "  %s: new messages: %d%s; already in it: %d%n", o.out(), entries.size(),
        entries.isEmpty() ? "" : kinds, known);
    if (waiting > 0) {
      out.printf(Locale.ROOT, "  waiting for a person: %d (not written: a later harvest adds each once a person has acted)%n",
          waiting);
    }
    if (!entries.isEmpty()) {
      out.printf("Next: confirm or correct each suggested label (expect, suggested: true) in %s, then%n"
          + "  scripts/knowledge-base evaluate KB.yaml %s%n", o.out(), o.out());
    }
    return 0;
  }

  /** One message of the draft: without --include-contact, the customer's contact details are taken out of the texts. */
  private static DraftSet.Entry entry(
      ShadowedMessage m, Optional<Customer> customer, Optional<ReplyMatcher> matcher, boolean includeContact) {
    Suggestion suggestion = Suggestion.of(m, matcher);
    String reply = m.action().kind() == AgentAction.Kind.REPLIED ? m.action().detail() : "";
    if (includeContact) {
      Optional<DraftSet.Contact> contact = customer.map(c -> new DraftSet.Contact(
          c.name(), c.email().orElse(""), c.phone().orElse("")));
      return new DraftSet.Entry(m, m.text(), reply, suggestion, contact);
    }
    Redactor redactor = Redactor.forCustomer(customer);
    return new DraftSet.Entry(m, redactor.redact(m.text()), redactor.redact(reply), suggestion, Optional.empty());
  }
}
