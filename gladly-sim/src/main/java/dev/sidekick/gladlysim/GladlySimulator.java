package dev.sidekick.gladlysim;

import dev.sidekick.gladlysim.api.GladlyApi;
import dev.sidekick.gladlysim.control.Admin;
import dev.sidekick.gladlysim.control.AgentActions;
import dev.sidekick.gladlysim.control.ApiCalls;
import dev.sidekick.gladlysim.control.ControlApi;
import dev.sidekick.gladlysim.control.CustomerActions;
import dev.sidekick.gladlysim.control.Faults;
import dev.sidekick.gladlysim.control.Receiver;
import dev.sidekick.gladlysim.delivery.Deliveries;
import dev.sidekick.gladlysim.delivery.Delivery;
import dev.sidekick.gladlysim.delivery.SimClock;
import dev.sidekick.gladlysim.seed.Seed;
import dev.sidekick.gladlysim.seed.SeedLoader;
import dev.sidekick.gladlysim.state.Org;
import dev.sidekick.gladlysim.state.SimState;
import dev.sidekick.gladlysim.state.StateView;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A stateful Gladly organization in this process: Gladly's REST API, webhook deliveries, a control API and the chat page.
 * Start with {@link #start(SimOptions)}, {@link #close()} when done; in JUnit 5 use {@link GladlySimExtension}.
 */
public final class GladlySimulator implements AutoCloseable {
  private final Simulation sim;
  private final GladlyApi api;
  private final HttpServer server;
  private final String baseUrl;
  private final String trustPem;
  private final long ticker;

  private GladlySimulator(Simulation sim, GladlyApi api, HttpServer server, String baseUrl, String trustPem, long ticker) {
    this.sim = sim;
    this.api = api;
    this.server = server;
    this.baseUrl = baseUrl;
    this.trustPem = trustPem;
    this.ticker = ticker;
  }

  public static GladlySimulator start(SimOptions options) {
    // a Quarkus test resource may start us on a thread whose context class loader cannot see this module
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(GladlySimulator.class.getClassLoader());
    try {
      return startWith(options);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static GladlySimulator startWith(SimOptions options) {
    Seed seed = SeedLoader.load(options.seed());
    // two event loops are plenty for a test double and keep the footprint small beside the system under test
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(4));
    try {
      SimClock clock = new SimClock();
      SimState state = new SimState(seed, clock, options::eventHistorySize);
      Simulation sim = new Simulation(vertx, options, clock, state, new Deliveries(vertx, state, clock, options), new Faults(),
          new ApiCalls(options::apiCallLogSize), new Receiver(clock));
      clock.onTick(() -> {
        for (Org org : state.orgs()) {
          state.change(org.key, w -> {
            w.org.closeIdleSessions(options.idleTimeout());
            return null;
          });
        }
      });
      Router router = Router.router(vertx);
      GladlyApi api = new GladlyApi(sim);
      api.mount(router);
      // Vert.x matches "/sim/ui" for "/sim/ui/" too: redirect only the bare path, or the page loops
      router.route("/sim/ui").handler(ctx -> {
        if (ctx.request().path().equals("/sim/ui")) ctx.redirect("/sim/ui/");
        else ctx.next();
      });
      router.route("/sim/ui/*").handler(StaticHandler.create("sim-ui").setCachingEnabled(false));
      router.get("/").handler(ctx -> {
        if (ctx.request().path().equals("/")) ctx.redirect("/sim/ui/");
        else ctx.next();
      });
      GladlySimulator[] self = new GladlySimulator[1];
      new ControlApi(sim, () -> self[0].reset()).mount(router);

      HttpServerOptions serverOptions = new HttpServerOptions().setHost(options.host()).setPort(options.port())
          .setCompressionSupported(false).setTcpNoDelay(true);
      String trustPem = null;
      if (options.tls() && options.tlsCertFile() != null) {
        serverOptions.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
            .setCertPath(options.tlsCertFile().toString()).setKeyPath(options.tlsKeyFile().toString()));
        trustPem = Files.readString(options.tlsCertFile());
      } else if (options.tls()) {
        SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
        serverOptions.setSsl(true).setKeyCertOptions(cert.keyCertOptions());
        trustPem = Files.readString(Path.of(cert.certificatePath()));
      }
      HttpServer server = vertx.createHttpServer(serverOptions).requestHandler(router).listen()
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      long ticker = vertx.setPeriodic(1000, t -> clock.runDue());
      if (options.tls()) {
        // the first TLS handshake of the delivery client takes seconds (provider set-up): pay it now, not in a PING
        String warmUp = "https://localhost:" + server.actualPort() + "/sim/clock";
        sim.deliveries().send(warmUp, java.util.Map.of(), null, "{}", java.time.Duration.ofSeconds(20))
            .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
      String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
      // the certificate names "localhost" (Java checks the CN when there is no SAN): use that name over TLS
      if (options.tls() && options.host().equals("127.0.0.1")) host = "localhost";
      String baseUrl = (options.tls() ? "https://" : "http://") + host + ":" + server.actualPort();
      self[0] = new GladlySimulator(sim, api, server, baseUrl, trustPem, ticker);
      return self[0];
    } catch (Exception e) {
      vertx.close();
      if (e instanceof IOException io) throw new UncheckedIOException(io);
      throw new IllegalStateException("the Gladly simulator did not start: " + e.getMessage(), e);
    }
  }

  /** {@code http://127.0.0.1:PORT} ({@code https://} with TLS); Gladly's API of the default organization is below /api/v1. */
  public String baseUrl() {
    return baseUrl;
  }

  public int port() {
    return server.actualPort();
  }

  /** The base URL of one organization of a multi-organization seed: {@code {baseUrl}/org/{key}}. */
  public String organizationUrl(String orgKey) {
    if (sim.state().orgOrNull(orgKey) == null) throw new IllegalArgumentException("no organization with key " + orgKey);
    return baseUrl + "/org/" + orgKey;
  }

  /** The self-signed certificate (PEM) to trust when TLS is on; null otherwise. */
  public String trustPem() {
    return trustPem;
  }

  /** Act as a customer of the default organization ({@code customer().org(key)} for another). */
  public CustomerActions customer() {
    return new CustomerActions(sim, sim.state().defaultOrgKey());
  }

  /** Act as a Gladly admin in Gladly's UI (no API, no PING). */
  public Admin admin() {
    return admin(sim.state().defaultOrgKey());
  }

  public Admin admin(String orgKey) {
    return new Admin(sim, orgKey);
  }

  /** Act as a human agent of the default organization in Gladly's UI: reply, transfer, close. */
  public AgentActions agent(String email) {
    return new AgentActions(sim, sim.state().defaultOrgKey(), email);
  }

  /** Read-only views of the default organization ({@code state().org(key)} for another). */
  public StateView state() {
    return new StateView(sim.state(), sim.state().defaultOrgKey());
  }

  /** Every webhook delivery attempt (not PINGs), oldest first; the last 100 per webhook are kept. */
  public List<Delivery> deliveries() {
    return sim.deliveries().all();
  }

  public List<Delivery> deliveries(String webhookId) {
    return sim.deliveries().of(webhookId);
  }

  /** Deliveries sent and not answered yet. */
  public int deliveriesInFlight() {
    return sim.deliveries().inFlight();
  }

  /** Every Gladly API call received. */
  public ApiCalls apiCalls() {
    return sim.apiCalls();
  }

  public Faults faults() {
    return sim.faults();
  }

  public SimClock clock() {
    return sim.clock();
  }

  /** The behaviour switches; changes apply at once and survive {@link #reset()}. */
  public SimOptions options() {
    return sim.options();
  }

  /** The recording webhook target at {@code baseUrl() + "/sim/receiver/..."}. */
  public Receiver receiver() {
    return sim.receiver();
  }

  /** {@code baseUrl() + "/sim/receiver" + path}: a webhook URL that answers 200 (needs http loopback webhooks, or TLS). */
  public String receiverUrl(String path) {
    return baseUrl + "/sim/receiver" + (path.startsWith("/") ? path : "/" + path);
  }

  /** Back to the seed: state, clock, faults, call log, deliveries, receiver. Options stay. */
  public void reset() {
    sim.deliveries().reset();
    sim.clock().reset();
    sim.state().reset();
    sim.faults().clear();
    sim.apiCalls().clear();
    sim.receiver().clear();
    api.reset();
  }

  @Override
  public void close() {
    sim.vertx().cancelTimer(ticker);
    sim.deliveries().close();
    try {
      server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      sim.vertx().close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing is best effort: the process or the next test goes on
    }
  }

  /** Waits (up to {@code timeout}) until no delivery is in flight. */
  public void awaitDeliveries(Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (sim.deliveries().inFlight() > 0 && System.nanoTime() < end) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
