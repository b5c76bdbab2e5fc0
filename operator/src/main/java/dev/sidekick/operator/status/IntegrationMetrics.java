package dev.sidekick.operator.status;

import dev.sidekick.operator.api.SidekickIntegration;
import io.fabric8.kubernetes.api.model.Condition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What alerts need of each SidekickIntegration without reading the API: its conditions as
 * {@code sidekick_integration_condition{namespace,name,type,status}} (1 for the condition's status, 0 for the other
 * two, as kube-state-metrics shows a Pod's), and {@code sidekick_webhooks_found_disabled_total{namespace,name}}, its
 * Gladly webhooks a reconcile found disabled (Gladly disables one after its retry limit; the reconcile enables it
 * again). A deleted resource's meters are removed.
 */
@ApplicationScoped
public class IntegrationMetrics {
  private static final List<String> STATUSES = List.of(StatusCondition.TRUE, StatusCondition.FALSE, "Unknown");

  private final MeterRegistry meters;
  /** By namespace, name, type and status. */
  private final Map<List<String>, Series> conditions = new ConcurrentHashMap<>();

  private record Series(Gauge gauge, AtomicInteger value) {}

  public IntegrationMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  /** The conditions as this reconcile left them in status. */
  public void conditions(SidekickIntegration sk) {
    List<Condition> current = sk.getStatus() == null || sk.getStatus().conditions == null
        ? List.of() : sk.getStatus().conditions;
    Set<List<String>> now = new HashSet<>();
    for (Condition c : current) {
      for (String status : STATUSES) {
        List<String> key = List.of(namespace(sk), name(sk), c.getType(), status);
        now.add(key);
        conditions.computeIfAbsent(key, this::register).value().set(status.equals(c.getStatus()) ? 1 : 0);
      }
    }
    disabledCounter(sk); // at 0 from the first reconcile, so that the first disabled webhook shows as an increase
    // a condition that no longer applies (CommerceBackendsValid without a shop) leaves no series behind
    keysOf(sk).stream().filter(k -> !now.contains(k)).forEach(this::remove);
  }

  private Series register(List<String> key) {
    AtomicInteger value = new AtomicInteger();
    Gauge gauge = Gauge.builder("sidekick.integration.condition", value, AtomicInteger::get)
        .description("A SidekickIntegration's condition: 1 for its status, 0 for the others")
        .tags("namespace", key.get(0), "name", key.get(1), "type", key.get(2), "status", key.get(3))
        .register(meters);
    return new Series(gauge, value);
  }

  public void webhooksFoundDisabled(SidekickIntegration sk, long count) {
    if (count > 0) {
      disabledCounter(sk).increment(count);
    }
  }

  public void forget(SidekickIntegration sk) {
    keysOf(sk).forEach(this::remove);
    meters.remove(disabledCounter(sk));
  }

  private Counter disabledCounter(SidekickIntegration sk) {
    return Counter.builder("sidekick.webhooks.found.disabled")
        .description("Gladly webhooks of a SidekickIntegration that a reconcile found disabled, and enabled again")
        .tags("namespace", namespace(sk), "name", name(sk))
        .register(meters);
  }

  private void remove(List<String> key) {
    Series series = conditions.remove(key);
    if (series != null) {
      meters.remove(series.gauge());
    }
  }

  private List<List<String>> keysOf(SidekickIntegration sk) {
    return conditions.keySet().stream()
        .filter(k -> k.get(0).equals(namespace(sk)) && k.get(1).equals(name(sk)))
        .toList();
  }

  private static String namespace(SidekickIntegration sk) {
    return sk.getMetadata().getNamespace();
  }

  private static String name(SidekickIntegration sk) {
    return sk.getMetadata().getName();
  }
}
