package dev.sidekick.runtime.responder;

import dev.sidekick.contract.KnowledgeBaseReport;
import dev.sidekick.runtime.responder.calibration.Calibration;
import dev.sidekick.runtime.responder.calibration.Scorecard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code knowledge-base} in {@code /q/health/ready}: DOWN until every endpoint's retriever is built (the model
 * loaded, the passages embedded) and its examples checked, with what it waits for; then UP, with each endpoint's
 * start-up check of its knowledge base's own examples, cross-validated as {@code scripts/knowledge-base calibrate} does:
 * {@code <endpoint>.wronglyAnswered} (examples answered wrongly beyond what the goals accept: a wrong entry for more than 1
 * in 100 of the entries' examples, an answer for more than 1 in 50 of the must-hand-off ones; the operator shows it) and a
 * summary.
 */
@Readiness
@ApplicationScoped
public class KnowledgeBaseCheck implements HealthCheck {

  @Inject Responders responders;

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder b = HealthCheckResponse.named(KnowledgeBaseReport.CHECK).up();
    Map<String, Knowledge> all = responders.knowledge();
    for (Map.Entry<String, Knowledge> e : all.entrySet()) {
      Knowledge k = e.getValue();
      if (!k.ready()) {
        b.down().withData(e.getKey(), "loading" + (k.problem().isEmpty() ? "" : ": " + k.problem()));
        continue;
      }
      Optional<Responders.ExampleReport> report = responders.report(k);
      if (report.isEmpty()) {
        b.withData(e.getKey(), responders.unchecked(k).map(why -> KnowledgeBaseReport.NOT_CHECKED + ": " + why).orElse("checking its examples"));
        continue;
      }
      Scorecard c = report.get().scorecard();
      b.withData(KnowledgeBaseReport.wronglyAnsweredKey(e.getKey()), Calibration.beyondLimits(c));
      b.withData(e.getKey(), String.format(Locale.ROOT, "%s (threshold %.2f, margin %.2f)", Calibration.summary(c),
          report.get().threshold(), report.get().margin()));
    }
    return b.build();
  }
}
