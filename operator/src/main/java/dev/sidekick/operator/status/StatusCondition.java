package dev.sidekick.operator.status;

import dev.sidekick.operator.api.Conditions;
import dev.sidekick.operator.api.SidekickIntegrationStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One condition of a SidekickIntegration: a type of {@link Conditions}, True, False or Unknown, a reason and a
 * message. Applying it keeps the existing lastTransitionTime unless the status really flips, and stamps the
 * generation it describes.
 */
public final class StatusCondition {
  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";
  /** The order in which conditions are listed, Ready last. */
  private static final List<String> ORDER =
      List.of(
          Conditions.CREDENTIALS_VALID,
          Conditions.INBOXES_RESOLVED,
          Conditions.COMMERCE_BACKENDS_VALID,
          Conditions.RUNTIME_AVAILABLE,
          Conditions.WEBHOOKS_REGISTERED,
          Conditions.KNOWLEDGE_BASE_CHECKED,
          Conditions.READY);

  private final String type;
  private final String status;
  private final String reason;
  private final String message;

  private StatusCondition(String type, String status, String reason, String message) {
    this.type = type;
    this.status = status;
    this.reason = reason;
    this.message = message == null ? "" : message;
  }

  public static StatusCondition met(String type, String reason, String message) {
    return new StatusCondition(type, TRUE, reason, message);
  }

  public static StatusCondition failed(String type, String reason, String message) {
    return new StatusCondition(type, FALSE, reason, message);
  }

  public static StatusCondition unknown(String type, String reason, String message) {
    return new StatusCondition(type, UNKNOWN, reason, message);
  }

  /** A condition as status holds it. */
  static StatusCondition of(Condition c) {
    return new StatusCondition(c.getType(), c.getStatus(), c.getReason(), c.getMessage());
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
    s.conditions.sort(Comparator.comparingInt(x -> order(x.getType())));
    return old == null
        || !status.equals(old.getStatus())
        || !reason.equals(old.getReason())
        || !message.equals(old.getMessage());
  }

  private static int order(String type) {
    int i = ORDER.indexOf(type);
    return i < 0 ? 99 : i;
  }
}
