package dev.sidekick.runtime.bench;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The reference of the ingest benchmark ({@code scripts/bench-runtime}): a bare Vert.x route,
 * {@code POST /bench/bare}, that answers 200 with no body, without auth, parsing or metrics of its own.
 * It exists only when {@code sidekick.bench.bare-endpoint=true} (off by default): with the flag off the
 * route is never added to the router, so the path answers 404 like any unknown path.
 *
 * <p>Not part of the product: nothing else in the runtime uses this package.
 */
@ApplicationScoped
public class BareEndpoint {
  /** The flag that adds the benchmark routes; off unless set (system property, env or config). */
  public static final String FLAG = "sidekick.bench.bare-endpoint";

  @ConfigProperty(name = FLAG, defaultValue = "false")
  boolean enabled;

  void addRoute(@Observes Router router) {
    if (!enabled) {
      return;
    }
    router.post("/bench/bare").handler(ctx -> ctx.response().setStatusCode(200).end());
  }
}
