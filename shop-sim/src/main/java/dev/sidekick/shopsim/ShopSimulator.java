package dev.sidekick.shopsim;

import dev.sidekick.shopsim.api.AdminApi;
import dev.sidekick.shopsim.control.ControlApi;
import dev.sidekick.shopsim.control.ShopCalls;
import dev.sidekick.shopsim.control.ShopFaults;
import dev.sidekick.shopsim.graphql.AdminSchema;
import dev.sidekick.shopsim.graphql.CostBucket;
import dev.sidekick.shopsim.seed.SeedLoader;
import dev.sidekick.shopsim.seed.ShopSeed;
import dev.sidekick.shopsim.state.ShopState;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

/**
 * A Shopify shop in this process: the Admin GraphQL API at {@code baseUrl() + "/admin/api/{version}/graphql.json"} and
 * a control API under {@code /sim}. Start with {@link #start(ShopOptions)}, {@link #close()} when done; in JUnit 5 use
 * {@link ShopSimExtension}.
 */
public final class ShopSimulator implements AutoCloseable {
  private final Vertx vertx;
  private final HttpServer server;
  private final ShopOptions options;
  private final ShopSeed seed;
  private final AdminApi admin;
  private final ShopFaults faults;
  private final ShopCalls calls;
  private final String baseUrl;
  private volatile ShopState state;

  private ShopSimulator(Vertx vertx, ShopOptions options, ShopSeed seed, ShopFaults faults, ShopCalls calls,
      AdminSchema schema, Router router) throws Exception {
    this.vertx = vertx;
    this.options = options;
    this.seed = seed;
    this.faults = faults;
    this.calls = calls;
    this.state = ShopState.from(seed, now());
    this.admin = new AdminApi(vertx, options, () -> state, schema, faults, calls);
    admin.mount(router);
    new ControlApi(() -> state, faults, calls, admin, this::reset).mount(router);
    this.server = vertx.createHttpServer(new HttpServerOptions().setHost(options.host()).setPort(options.port()).setTcpNoDelay(true))
        .requestHandler(router).listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
    this.baseUrl = "http://" + host + ":" + server.actualPort();
  }

  public static ShopSimulator start(ShopOptions options) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    // a Quarkus test resource may start us on a thread whose context class loader cannot see this module
    thread.setContextClassLoader(ShopSimulator.class.getClassLoader());
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2));
    try {
      ShopSeed seed = SeedLoader.load(options.seed());
      return new ShopSimulator(vertx, options, seed, new ShopFaults(), new ShopCalls(options::callLogSize), new AdminSchema(),
          Router.router(vertx));
    } catch (Exception e) {
      vertx.close();
      if (e instanceof IllegalArgumentException iae) throw iae;
      throw new IllegalStateException("the shop simulator did not start: " + e.getMessage(), e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }

  /** {@code http://127.0.0.1:PORT}; the shop's Admin API is at {@code baseUrl() + "/admin/api/{version}/graphql.json"}. */
  public String baseUrl() {
    return baseUrl;
  }

  public int port() {
    return server.actualPort();
  }

  /** The GraphQL endpoint of one API version. */
  public String graphqlUrl(String version) {
    return baseUrl + "/admin/api/" + version + "/graphql.json";
  }

  /** The shop as seeded (read-only): orders, customers, tokens, the moment relative seed times count from. */
  public ShopState shop() {
    return state;
  }

  /** Every Admin API call received (never the token). */
  public ShopCalls calls() {
    return calls;
  }

  public ShopFaults faults() {
    return faults;
  }

  /** The cost bucket of an access token: {@code bucket(token).set(null, 0.0, null)} empties it. */
  public CostBucket bucket(String token) {
    return admin.bucket(token);
  }

  /** The behaviour switches; changes apply at once and survive {@link #reset()}. */
  public ShopOptions options() {
    return options;
  }

  /** Back to the seed (relative times count from now again): state, faults, call log, cost buckets. Options stay. */
  public void reset() {
    state = ShopState.from(seed, now());
    faults.clear();
    calls.clear();
    admin.reset();
  }

  @Override
  public void close() {
    try {
      server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // best effort: the process or the next test goes on
    }
  }
}
