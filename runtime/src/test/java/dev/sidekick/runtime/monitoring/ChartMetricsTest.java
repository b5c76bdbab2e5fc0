package dev.sidekick.runtime.monitoring;

import static dev.sidekick.runtime.support.SimulatedGladly.CHAT_ENTRY_POINT;
import static dev.sidekick.runtime.support.SimulatedGladly.EMAIL_ENTRY_POINT;
import static dev.sidekick.runtime.support.SimulatedGladly.SHOP_KEY;
import static dev.sidekick.runtime.support.SimulatedGladly.US_KEY;
import static dev.sidekick.runtime.support.SimulatedGladly.shop;
import static dev.sidekick.runtime.support.SimulatedGladly.sim;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sidekick.gladlysim.control.CustomerActions;
import dev.sidekick.runtime.support.SimulatedGladly;
import dev.sidekick.runtime.support.Webhooks;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The chart's dashboard and alerts (helm/sidekick-operator/files) name only metrics a runtime exports: those in
 * /q/metrics of this runtime after a chat, an order question and an e-mail, and the counters the code declares (a
 * counter shows only once counted: catch-up's, the follow-ups'). Left out: the operator's metrics (its own test
 * finds them) and kube-state-metrics'.
 */
@QuarkusTest
@WithTestResource(SimulatedGladly.class)
class ChartMetricsTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Path CHART_FILES = Path.of("..", "helm", "sidekick-operator", "files");
  private static final Set<String> KUBE_STATE_METRICS = Set.of("kube_pod_container_status_restarts_total");
  // an identifier followed by {, [ or a space, not preceded by $ (Grafana's variables) or part of a longer name
  private static final Pattern NAME = Pattern.compile("(?<![\\w:$])([a-zA-Z_:][\\w:]*)(?=\\s*[{\\[]|\\s)");
  private static final Set<String> PROMQL_WORDS = Set.of(
      "sum", "max", "min", "avg", "count", "by", "without", "and", "or", "unless", "on", "ignoring", "group_left",
      "group_right", "offset", "bool");
  private static final Pattern DECLARED_COUNTER = Pattern.compile("meters\\.counter\\(\\s*\"([a-z._]+)\"");

  @AfterEach
  void clean() {
    Webhooks.removeAll();
  }

  @Test
  void every_metric_the_dashboard_and_the_alerts_name_is_exported_by_a_runtime_that_answered_customers() throws IOException {
    Webhooks.startClean(WAIT);
    Webhooks.register("shop-store", "chat", SHOP_KEY, "AUTOMATION/MESSAGE_RECEIVED");
    Webhooks.register("us-store", "messaging", US_KEY, "MESSAGE/RECEIVED");
    shop().reset();

    CustomerActions.Chat martha = sim().customer().startChat(CHAT_ENTRY_POINT, "martha@example.com");
    martha.say("Hi, where is my order?");
    await().atMost(WAIT).until(() -> !martha.answers().isEmpty());
    sim().customer().sendEmail("bob@example.com", EMAIL_ENTRY_POINT, "Shipping", "How long does shipping take?");
    await().atMost(WAIT).until(() -> metrics().contains("type=\"MESSAGE/RECEIVED\"}"));

    Set<String> exported = new TreeSet<>(exportedNames(metrics()));
    exported.addAll(declaredCounters());
    Set<String> named = namedInTheChart();
    named.removeAll(KUBE_STATE_METRICS);
    named.removeAll(operatorMetrics());

    assertThat(named).as("metrics named by the dashboard and the alerts").contains("sidekick_events_total",
        "sidekick_commerce_calls_seconds_count", "sidekick_gladly_calls_seconds_bucket");
    Set<String> missing = new TreeSet<>(named);
    missing.removeAll(exported);
    assertThat(missing)
        .as("metrics the chart's dashboard or alerts name (helm/sidekick-operator/files) that the runtime does not export:"
            + " renamed in the code? (the operator's are in operator/src/test/resources/monitoring/operator-metrics.txt,"
            + " kube-state-metrics' in this test)")
        .isEmpty();
  }

  private static String metrics() {
    return given().get("/q/metrics").then().statusCode(200).extract().asString();
  }

  /** The names of the series in Prometheus' text format. */
  private static Set<String> exportedNames(String metrics) {
    Set<String> names = new TreeSet<>();
    metrics.lines()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .forEach(l -> names.add(l.split("[{ ]", 2)[0]));
    return names;
  }

  /** Counters the runtime's code declares, by their Prometheus name. */
  private static Set<String> declaredCounters() throws IOException {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = DECLARED_COUNTER.matcher(Files.readString(f));
        while (m.find()) {
          names.add(m.group(1).replace('.', '_') + "_total");
        }
      }
    }
    return names;
  }

  /** Metric names in the dashboard's queries and the alerts' expressions, less PromQL's words and recorded series. */
  static Set<String> namedInTheChart() throws IOException {
    Set<String> expressions = new TreeSet<>();
    new ObjectMapper().readTree(CHART_FILES.resolve("sidekick-dashboard.json").toFile())
        .findValues("expr").forEach(e -> expressions.add(e.asText()));
    Set<String> recorded = new TreeSet<>();
    for (JsonNode group : new YAMLMapper().readTree(CHART_FILES.resolve("sidekick-rules.yaml").toFile()).get("groups")) {
      for (JsonNode rule : group.get("rules")) {
        expressions.add(rule.get("expr").asText());
        if (rule.has("record")) {
          recorded.add(rule.get("record").asText());
        }
      }
    }
    Set<String> names = new TreeSet<>();
    for (String expr : expressions) {
      Matcher m = NAME.matcher(expr.replaceAll("\"[^\"]*\"", "\"\""));
      while (m.find()) {
        names.add(m.group(1));
      }
    }
    names.removeAll(PROMQL_WORDS);
    names.removeAll(recorded);
    return names;
  }

  private static Set<String> operatorMetrics() throws IOException {
    try (Stream<String> lines = Files.lines(Path.of("..", "operator", "src", "test", "resources", "monitoring",
        "operator-metrics.txt"))) {
      return new TreeSet<>(lines.filter(l -> !l.isBlank() && !l.startsWith("#")).toList());
    }
  }
}
