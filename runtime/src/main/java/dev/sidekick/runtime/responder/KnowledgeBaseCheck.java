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
 * start-up check of its knowledge base's own examples: {@code <endpoint>.wronglyAnswered} (examples that would get a wrong entry or an
 * answer although they must be handed off; the operator shows it) and a summary.
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
      b.withData(KnowledgeBaseReport.wronglyAnsweredKey(e.getKey()), c.wrong());
      b.withData(e.getKey(), String.format(Locale.ROOT,
          "examples %d: correct %d, menu %d, missed %d, handed off %d, wrong entry %d, false answer %d "
              + "(threshold %.2f, margin %.2f)",
          c.total(), c.correct(), c.count(Calibration.Outcome.MENU), c.count(Calibration.Outcome.MISSED),
          c.count(Calibration.Outcome.HANDED_OFF), c.count(Calibration.Outcome.WRONG_ENTRY),
          c.count(Calibration.Outcome.FALSE_ANSWER), report.get().threshold(), report.get().margin()));
    }
    return b.build();
  }
}
