package dev.sidekick.operator.knowledgebase;

import dev.sidekick.contract.KnowledgeBaseReport;
import dev.sidekick.operator.api.Conditions;
import dev.sidekick.operator.api.Conditions.Reason;
import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.config.OperatorConfig;
import dev.sidekick.operator.dependent.Names;
import dev.sidekick.operator.dependent.RuntimeServiceDependent;
import dev.sidekick.operator.status.StatusCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The condition {@code KnowledgeBaseChecked}: what the runtime found when it checked each endpoint's knowledge base
 * against the knowledge base's own examples at start-up, cross-validated as {@code scripts/knowledge-base calibrate} does
 * (docs/runtime-config.md, "Calibration"). True when no example would be answered wrongly beyond the goals (a wrong entry
 * for more than 1 in 100 of the entries' examples, an answer for more than 1 in 50 of the must-hand-off ones); False
 * ({@code ExamplesAnsweredWrongly}) naming the endpoints and counts when any would; Unknown while the runtime has not
 * reported it.
 *
 * <p>The operator reads it from the runtime itself, one {@code GET /q/health/ready} through the runtime's Service
 * once the Deployment's current template is rolled out (the runtime is ready only after the check, so any pod
 * answers for all: they run the same image on the same files). The answer depends only on that template (the
 * knowledge bases are in the configuration it hashes, the model in the image), so it is kept per template and asked
 * again only when the template changes: in steady state no request at all. An answer that is not final yet
 * (unreachable, still loading) is asked again at the next reconcile.
 */
@ApplicationScoped
public class KnowledgeBaseChecks {
  private final RuntimeReadiness readiness;
  private final String urlTemplate;
  private final Map<String, Known> known = new ConcurrentHashMap<>();
  // unanswered reads of the current template, per resource: the first few are retried soon, then at the resync
  private final Map<String, Unanswered> unanswered = new ConcurrentHashMap<>();

  /** Reads of a rolled-out template that gave no final answer yet. */
  private record Unanswered(String template, int reads) {}

  /** How many unanswered reads of one template are retried soon (a Service a moment behind its pods). */
  static final int SOON_RETRIES = 5;

  /** A final condition for one pod template. */
  private record Known(String template, StatusCondition condition) {}

  public KnowledgeBaseChecks(OperatorConfig config) {
    this.readiness = new RuntimeReadiness(config.runtime().readinessTimeout());
    this.urlTemplate = config.runtime().readinessUrl();
  }

  /**
   * The condition for this reconcile.
   *
   * @param deployment the runtime's Deployment as the workflow left it
   * @param available whether its current template is rolled out and no older pod is left
   */
  public StatusCondition condition(SidekickIntegration sk, Optional<Deployment> deployment, boolean available) {
    String uid = sk.getMetadata().getUid();
    Optional<String> template = deployment.map(KnowledgeBaseChecks::template);
    Known k = known.get(uid);
    if (k != null && template.isPresent() && k.template().equals(template.get())) {
      return k.condition();
    }
    if (!available || template.isEmpty()) {
      return StatusCondition.unknown(Conditions.KNOWLEDGE_BASE_CHECKED, Reason.WAITING_FOR_RUNTIME,
          "the runtime checks each knowledge base against its own examples when it starts; waiting for it to be"
              + " available");
    }
    URI url = url(sk);
    RuntimeReadiness.Answer answer = readiness.ask(url);
    if (answer instanceof RuntimeReadiness.Unreadable u) {
      return unanswered(uid, template.get(), StatusCondition.unknown(Conditions.KNOWLEDGE_BASE_CHECKED,
          Reason.RUNTIME_UNREACHABLE, "cannot read the runtime's check at " + url + ": " + u.why()));
    }
    Optional<StatusCondition> reported = fromReport(sk, ((RuntimeReadiness.Reported) answer).endpoints());
    if (reported.isEmpty()) {
      return unanswered(uid, template.get(), StatusCondition.unknown(Conditions.KNOWLEDGE_BASE_CHECKED,
          Reason.NOT_REPORTED, "the runtime has not reported its check of every endpoint's knowledge base yet"));
    }
    unanswered.remove(uid);
    known.put(uid, new Known(template.get(), reported.get()));
    return reported.get();
  }

  /**
   * Whether to look again soon rather than at the next resync: the rolled-out runtime gave no final answer yet, and
   * fewer than {@link #SOON_RETRIES} times (a runtime that cannot be reached at all is not asked every few seconds).
   */
  public boolean askAgainSoon(SidekickIntegration sk) {
    Unanswered u = unanswered.get(sk.getMetadata().getUid());
    return u != null && u.reads() <= SOON_RETRIES;
  }

  public void forget(SidekickIntegration sk) {
    known.remove(sk.getMetadata().getUid());
    unanswered.remove(sk.getMetadata().getUid());
  }

  private StatusCondition unanswered(String uid, String template, StatusCondition condition) {
    unanswered.merge(uid, new Unanswered(template, 1),
        (old, first) -> old.template().equals(template) ? new Unanswered(template, old.reads() + 1) : first);
    return condition;
  }

  /**
   * The condition the runtime's report says, once it names every endpoint with a count or with why it could not
   * check it (its embeddings endpoint failed, say); empty while any endpoint is still loading or missing.
   */
  public static Optional<StatusCondition> fromReport(SidekickIntegration sk, Map<String, RuntimeReadiness.Endpoint> report) {
    List<String> wrong = new ArrayList<>();
    List<String> fine = new ArrayList<>();
    List<String> unchecked = new ArrayList<>();
    for (EndpointSpec e : sk.getSpec().endpoints) {
      RuntimeReadiness.Endpoint r = report.get(e.name);
      if (r == null || r.wronglyAnswered().isEmpty() && !r.summary().startsWith(KnowledgeBaseReport.NOT_CHECKED)) {
        return Optional.empty();
      }
      if (r.wronglyAnswered().isEmpty()) {
        unchecked.add(e.name + ": " + r.summary());
      } else if (r.wronglyAnswered().get() > 0) {
        wrong.add(e.name + ": " + r.wronglyAnswered().get() + " would be answered wrongly (" + r.summary() + ")");
      } else {
        fine.add(e.name + ": " + r.summary());
      }
    }
    if (!wrong.isEmpty()) {
      return Optional.of(StatusCondition.failed(Conditions.KNOWLEDGE_BASE_CHECKED, Reason.EXAMPLES_ANSWERED_WRONGLY,
          "of the knowledge base's own examples, " + String.join("; ", wrong)
              + ". Run scripts/knowledge-base calibrate on it; the runtime's log names each example"));
    }
    if (!unchecked.isEmpty()) {
      return Optional.of(StatusCondition.unknown(Conditions.KNOWLEDGE_BASE_CHECKED, Reason.NOT_CHECKED,
          String.join("; ", unchecked)));
    }
    return Optional.of(StatusCondition.met(Conditions.KNOWLEDGE_BASE_CHECKED, Reason.CHECKED,
        "no example would be answered wrongly: " + String.join("; ", fine)));
  }


  URI url(SidekickIntegration sk) {
    return URI.create(urlTemplate
        .replace("{service}", Names.runtime(sk))
        .replace("{namespace}", sk.getMetadata().getNamespace())
        .replace("{port}", Integer.toString(RuntimeServiceDependent.PORT)));
  }

  /** What the check depends on: the configuration's hash (knowledge bases included) and the image (the model). */
  private static String template(Deployment d) {
    var t = d.getSpec().getTemplate();
    String hash = t.getMetadata().getAnnotations() == null ? "" : t.getMetadata().getAnnotations()
        .getOrDefault(Names.CONFIG_HASH_ANNOTATION, "");
    return hash + " " + t.getSpec().getContainers().get(0).getImage();
  }
}
