package dev.sidekick.operator.knowledgebase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.contract.Channel;
import dev.sidekick.operator.SampleIntegration;
import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.status.StatusCondition;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the operator makes of a runtime's readiness answer (the contract test reads a real runtime's). */
class KnowledgeBaseReportTest {
  private static final SidekickIntegration TWO_ENDPOINTS = SampleIntegration.withEndpoints(
      new EndpointSpec("us-store", "Support", Channel.CHAT), new EndpointSpec("emea-brand", "Returns", Channel.MESSAGING));

  private static Map<String, RuntimeReadiness.Endpoint> endpoints(String body) {
    return ((RuntimeReadiness.Reported) RuntimeReadiness.parse(body)).endpoints();
  }

  @Test
  void a_ready_runtime_names_each_endpoints_count_and_summary() {
    String body = """
        {"status":"UP","checks":[{"name":"gladly","status":"UP"},{"name":"knowledge-base","status":"UP","data":{
          "emea-brand":"examples 9: correct 9, menu 0, missed 0, handed off 0, wrong entry 0, false answer 0",
          "emea-brand.wronglyAnswered":0,
          "us-store":"examples 51: correct 44, wrong entry 2, false answer 1",
          "us-store.wronglyAnswered":3}}]}""";
    var report = endpoints(body);
    assertThat(report).containsOnlyKeys("us-store", "emea-brand");
    assertThat(report.get("us-store").wronglyAnswered()).contains(3);

    StatusCondition c = KnowledgeBaseChecks.fromReport(TWO_ENDPOINTS, report).orElseThrow();
    assertThat(c.status()).isEqualTo("False");
    assertThat(c.reason()).isEqualTo("ExamplesAnsweredWrongly");
    assertThat(c.message())
        .startsWith("of the knowledge base's own examples, us-store: 3 would be answered wrongly"
            + " (examples 51: correct 44, wrong entry 2, false answer 1).")
        .doesNotContain("emea-brand");
  }

  @Test
  void a_runtime_still_loading_or_without_every_endpoint_has_not_reported() {
    String loading = """
        {"status":"DOWN","checks":[{"name":"knowledge-base","status":"DOWN","data":{
          "us-store":"loading: the embeddings endpoint answered 503","emea-brand":"loading"}}]}""";
    assertThat(KnowledgeBaseChecks.fromReport(TWO_ENDPOINTS, endpoints(loading))).isEmpty();
    String oneOfTwo = """
        {"status":"UP","checks":[{"name":"knowledge-base","status":"UP","data":{"us-store":"examples 3","us-store.wronglyAnswered":0}}]}""";
    assertThat(KnowledgeBaseChecks.fromReport(TWO_ENDPOINTS, endpoints(oneOfTwo))).isEmpty();
  }

  @Test
  void examples_the_runtime_could_not_check_leave_the_condition_unknown_with_why() {
    String body = """
        {"status":"UP","checks":[{"name":"knowledge-base","status":"UP","data":{
          "us-store":"examples not checked: the embeddings endpoint did not answer in time",
          "emea-brand":"examples 9: wrong entry 0, false answer 0","emea-brand.wronglyAnswered":0}}]}""";
    StatusCondition c = KnowledgeBaseChecks.fromReport(TWO_ENDPOINTS, endpoints(body)).orElseThrow();
    assertThat(c.status()).isEqualTo("Unknown");
    assertThat(c.reason()).isEqualTo("NotChecked");
    assertThat(c.message()).isEqualTo("us-store: examples not checked: the embeddings endpoint did not answer in time");
  }

  @Test
  void an_answer_without_the_check_is_unreadable() {
    assertThat(RuntimeReadiness.parse("{\"status\":\"UP\",\"checks\":[{\"name\":\"gladly\",\"status\":\"UP\"}]}"))
        .isEqualTo(new RuntimeReadiness.Unreadable(
            "the runtime's readiness has no \"knowledge-base\" check (an older runtime image?)"));
    assertThat(RuntimeReadiness.parse("<html>502 Bad Gateway</html>"))
        .isEqualTo(new RuntimeReadiness.Unreadable("the readiness answer is not JSON"));
    assertThat(KnowledgeBaseChecks.fromReport(TWO_ENDPOINTS, Map.of())).isEqualTo(Optional.empty());
  }
}
