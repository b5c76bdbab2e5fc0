package dev.sidekick.runtime.commerce;

import dev.sidekick.runtime.commerce.shopify.ShopifyCommerce;
import dev.sidekick.runtime.config.CommerceSettings;
import dev.sidekick.runtime.config.EndpointSettings;
import dev.sidekick.runtime.config.RuntimeConfig;
import dev.sidekick.runtime.config.SecretFiles;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The order desk of each endpoint that has a commerce backend. The configuration is read at start-up; a backend's HTTP
 * client is built on its first lookup, so that start-up pays nothing for it.
 */
@ApplicationScoped
public class CommerceBackends {
  @Inject SecretFiles secrets;
  @Inject MeterRegistry meters;

  private volatile Map<String, CommerceSettings> settings = Map.of();
  private final Map<String, OrderDesk> desks = new ConcurrentHashMap<>();

  public void start(RuntimeConfig config) {
    Map<String, CommerceSettings> configured = new ConcurrentHashMap<>();
    for (EndpointSettings e : config.endpoints()) e.commerce().ifPresent(c -> configured.put(e.name(), c));
    desks.clear();
    settings = Map.copyOf(configured);
  }

  /** The endpoint's order desk; empty when the endpoint has no commerce backend. */
  public Optional<OrderDesk> of(String endpoint) {
    CommerceSettings c = settings.get(endpoint);
    if (c == null) return Optional.empty();
    return Optional.of(desks.computeIfAbsent(endpoint, e -> desk(e, c)));
  }

  /** The endpoint's Shopify calls: {@code sidekick_commerce_calls_seconds} by endpoint and outcome. */
  private OrderDesk desk(String endpoint, CommerceSettings c) {
    // one branch per kind of backend (CommerceSettings.Backend is sealed)
    CommerceSettings.Shopify s = (CommerceSettings.Shopify) c.backend();
    ShopifyCommerce.Calls calls = meters == null ? ShopifyCommerce.Calls.NONE
        : (outcome, nanos) -> Timer.builder("sidekick.commerce.calls")
            .description("Calls to the endpoint's commerce backend (Shopify's Admin API), by outcome")
            .tag("endpoint", endpoint).tag("outcome", outcome).register(meters)
            .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    Commerce backend =
        ShopifyCommerce.connect(s.shopUrl(), s.apiVersion(), secrets.file(s.accessTokenFile()), s.callTimeout(), calls);
    return new OrderDesk(backend, new ReturnPolicy(Duration.ofDays(c.returnWindowDays()), c.returnsUrl()));
  }
}
