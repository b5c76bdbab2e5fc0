package dev.sidekick.operator.reconciler;

import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.dependent.Recorder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/** Records core/v1 Events on a SidekickIntegration (shown by kubectl describe). */
@ApplicationScoped
public class KubernetesEvents implements Recorder {
  private static final Logger LOG = Logger.getLogger(KubernetesEvents.class);
  static final String COMPONENT = "sidekick-operator";

  private final KubernetesClient client;

  public KubernetesEvents(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public void normal(SidekickIntegration sk, String reason, String message) {
    record(sk, "Normal", reason, message);
  }

  @Override
  public void warning(SidekickIntegration sk, String reason, String message) {
    record(sk, "Warning", reason, message);
  }

  private void record(SidekickIntegration sk, String type, String reason, String message) {
    var m = sk.getMetadata();
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String msg = message.length() > 1000 ? message.substring(0, 1000) + "..." : message;
    LOG.infof("%s/%s %s %s: %s", m.getNamespace(), m.getName(), type, reason, msg);
    try {
      client
          .v1()
          .events()
          .inNamespace(m.getNamespace())
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withNamespace(m.getNamespace())
                  .withName(
                      m.getName() + "." + Long.toHexString(System.currentTimeMillis())
                          + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000)))
                  .endMetadata()
                  .withInvolvedObject(
                      new ObjectReferenceBuilder()
                          .withApiVersion(sk.getApiVersion())
                          .withKind(sk.getKind())
                          .withName(m.getName())
                          .withNamespace(m.getNamespace())
                          .withUid(m.getUid())
                          .withResourceVersion(m.getResourceVersion())
                          .build())
                  .withType(type)
                  .withReason(reason)
                  .withMessage(msg)
                  .withCount(1)
                  .withFirstTimestamp(now)
                  .withLastTimestamp(now)
                  .withNewSource()
                  .withComponent(COMPONENT)
                  .endSource()
                  .withReportingComponent(COMPONENT)
                  .build())
          .create();
    } catch (KubernetesClientException e) {
      LOG.warnf("could not record event %s on %s/%s: %s", reason, m.getNamespace(), m.getName(), e.getMessage());
    }
  }
}
