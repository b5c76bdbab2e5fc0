package dev.sidekick.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import dev.sidekick.operator.SampleIntegration;
import dev.sidekick.operator.api.MonitoringSpec;
import dev.sidekick.operator.api.RuntimeSpec;
import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.dependent.RuntimePodMonitor;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's alerts and dashboard as Prometheus reads them: the PrometheusRule the chart renders passes {@code
 * promtool check rules}, so do the dashboard's queries, and the alerts' unit tests (src/test/resources/monitoring/sidekick-rules.test.yaml: what the metrics did, which alert
 * fires) pass {@code promtool test rules}. promtool comes with Debian's prometheus package (scripts/install-promtool,
 * run by scripts/prepare-test-env); without it this test fails, it does not skip.
 */
class MonitoringChartIT {

  private static final String TESTS = "sidekick-rules.test.yaml";

  @TempDir Path dir;

  @Test
  void the_rendered_rules_pass_promtool_check_rules() throws Exception {
    writeRenderedRules();
    assertPromtool("check", "rules", "sidekick-rules.yaml");
  }

  @Test
  void the_alerts_fire_as_their_unit_tests_tell() throws Exception {
    writeRenderedRules();
    try (InputStream in = MonitoringChartIT.class.getResourceAsStream("/monitoring/" + TESTS)) {
      Files.copy(in, dir.resolve(TESTS));
    }
    assertPromtool("test", "rules", TESTS);
  }

  @Test
  void every_query_of_the_rendered_dashboard_is_valid_promql() throws Exception {
    ConfigMap dashboard = render("monitoring.grafanaDashboard.enabled").stream()
        .filter(ConfigMap.class::isInstance)
        .map(ConfigMap.class::cast)
        .findFirst()
        .orElseThrow();
    List<String> queries = new java.util.ArrayList<>();
    new ObjectMapper().readTree(dashboard.getData().get("sidekick.json")).findValues("expr")
        .forEach(e -> queries.add(e.asText()));
    assertThat(queries).hasSizeGreaterThan(10);
    // each query as a recording rule, Grafana's variables given values, for promtool to parse
    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
    for (int i = 0; i < queries.size(); i++) {
      String query = queries.get(i)
          .replace("$__rate_interval", "5m").replace("$__range", "6h")
          .replaceAll("\\$(namespace|integration|endpoint)", ".*");
      rules.append("      - record: dashboard_query_").append(i).append("\n        expr: ")
          .append(new ObjectMapper().writeValueAsString(query)).append('\n');
    }
    Files.writeString(dir.resolve("dashboard-queries.yaml"), rules);
    assertPromtool("check", "rules", "dashboard-queries.yaml");
  }

  @Test
  void promtool_refuses_a_rule_with_a_broken_expression() throws Exception {
    // the two tests above would pass on any promtool that accepts everything: this one shows it does not
    Files.writeString(dir.resolve("broken.yaml"),
        "groups:\n  - name: broken\n    rules:\n      - alert: Broken\n        expr: sum(rate(sidekick_events_total[5m]) > \n");
    assertThat(promtool("check", "rules", "broken.yaml").exitCode()).isNotZero();
  }

  /** The groups of the chart's PrometheusRule, as a rule file beside the tests. */
  private void writeRenderedRules() throws IOException {
    GenericKubernetesResource rule = render("monitoring.prometheusRule.enabled").stream()
        .filter(o -> "PrometheusRule".equals(o.getKind()))
        .map(GenericKubernetesResource.class::cast)
        .findFirst()
        .orElseThrow(() -> new AssertionError("monitoring.prometheusRule.enabled renders no PrometheusRule"));
    Files.writeString(dir.resolve("sidekick-rules.yaml"), Serialization.asYaml(rule.getAdditionalProperties().get("spec")));
  }

  @Test
  void the_charts_pod_monitor_scrapes_a_runtime_as_a_resources_own_pod_monitor_does() {
    // the same series either way (spec.runtime.monitoring.podMonitor or the chart's): one dashboard, one set of alerts
    GenericKubernetesResource chart = render("monitoring.podMonitor.enabled").stream()
        .filter(o -> "PodMonitor".equals(o.getKind()))
        .map(o -> Serialization.unmarshal(Serialization.asJson(o), GenericKubernetesResource.class))
        .findFirst()
        .orElseThrow(() -> new AssertionError("monitoring.podMonitor.enabled renders no PodMonitor"));
    SidekickIntegration acme = SampleIntegration.withEndpoints();
    acme.getSpec().runtime = new RuntimeSpec();
    acme.getSpec().runtime.monitoring = new MonitoringSpec();
    acme.getSpec().runtime.monitoring.podMonitor = new MonitoringSpec.PodMonitor();
    GenericKubernetesResource own = Serialization.unmarshal(
        Serialization.asJson(RuntimePodMonitor.Dependent.desired(acme)), GenericKubernetesResource.class);

    assertThat((Object) own.get("spec", "podMetricsEndpoints")).isEqualTo(chart.get("spec", "podMetricsEndpoints"));
  }

  private static List<HasMetadata> render(String option) {
    return HelmChartIT.render(new Helm(ProjectFiles.chart()).template().set(option, "true"));
  }

  private void assertPromtool(String... args) throws Exception {
    Result result = promtool(args);
    assertThat(result.exitCode())
        .as("promtool %s in %s:%n%s", String.join(" ", args), dir, result.output())
        .isZero();
  }

  private record Result(int exitCode, String output) {}

  private Result promtool(String... args) throws Exception {
    Path promtool = promtoolOnPath();
    List<String> command = new java.util.ArrayList<>(List.of(promtool.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("promtool " + String.join(" ", args) + " did not finish in 60 s");
    }
    return new Result(p.exitValue(), output);
  }

  private static Path promtoolOnPath() {
    for (String entry : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(entry, "promtool");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError("promtool is missing (not on PATH): the chart's alerts cannot be tested without it."
        + " Run scripts/prepare-test-env, which installs Debian's prometheus package (promtool comes with it).");
  }
}
