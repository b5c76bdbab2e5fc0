package dev.sidekick.operator.status;

import dev.sidekick.operator.api.SidekickIntegrationStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;

/**
 * One condition of a SidekickIntegration. Applying it keeps the existing lastTransitionTime unless the
 * status really flips, and stamps the generation it describes.
 */
public abstract class StatusCondition {
  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";

  private final String type;
  private final String status;
  private final String reason;
  private final String message;

  protected StatusCondition(String type, String status, String reason, String message) {
    this.type = type;
    this.status = status;
    this.reason = reason;
    this.message = message == null ? "" : message;
  }

  public String type() {
    return type;
  }

  public String status() {
    return status;
  }

  public String reason() {
    return reason;
  }

  public String message() {
    return message;
  }

  public boolean isTrue() {
    return TRUE.equals(status);
  }

  /** Writes this condition into the status; returns true when status, reason or message changed. */
  public boolean applyTo(SidekickIntegrationStatus s, Long generation) {
    if (s.conditions == null) s.conditions = new ArrayList<>();
    Condition old = s.condition(type).orElse(null);
    String transition =
        old != null && status.equals(old.getStatus()) && old.getLastTransitionTime() != null
            ? old.getLastTransitionTime()
            : Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    Condition c =
        new ConditionBuilder()
            .withType(type)
            .withStatus(status)
            .withReason(reason)
            .withMessage(message)
            .withObservedGeneration(generation)
            .withLastTransitionTime(transition)
            .build();
    s.conditions.removeIf(x -> type.equals(x.getType()));
    s.conditions.add(c);
    s.conditions.sort(java.util.Comparator.comparingInt(x -> StatusCondition.order(x.getType())));
    return old == null
        || !status.equals(old.getStatus())
        || !reason.equals(old.getReason())
        || !message.equals(old.getMessage());
  }

  private static int order(String type) {
    int i = java.util.List.of(
            dev.sidekick.operator.api.Conditions.CREDENTIALS_VALID,
            dev.sidekick.operator.api.Conditions.INBOXES_RESOLVED,
            dev.sidekick.operator.api.Conditions.RUNTIME_AVAILABLE,
            dev.sidekick.operator.api.Conditions.WEBHOOKS_REGISTERED,
            dev.sidekick.operator.api.Conditions.READY)
        .indexOf(type);
    return i < 0 ? 99 : i;
  }
}
