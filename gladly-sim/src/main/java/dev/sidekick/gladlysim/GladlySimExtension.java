package dev.sidekick.gladlysim;

import dev.sidekick.gladlysim.control.Admin;
import dev.sidekick.gladlysim.control.AgentActions;
import dev.sidekick.gladlysim.control.ApiCalls;
import dev.sidekick.gladlysim.control.CustomerActions;
import dev.sidekick.gladlysim.control.Faults;
import dev.sidekick.gladlysim.control.Receiver;
import dev.sidekick.gladlysim.delivery.Delivery;
import dev.sidekick.gladlysim.delivery.SimClock;
import dev.sidekick.gladlysim.state.StateView;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5: {@code @RegisterExtension static final GladlySimExtension gladly = GladlySimExtension.seeded("acme");} starts
 * the simulator once per test class on a random loopback port and resets it before each test. It starts on first use
 * too, so a static initializer or a test resource may read {@link #baseUrl()} before JUnit calls it.
 */
public final class GladlySimExtension implements BeforeAllCallback, BeforeEachCallback {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(GladlySimExtension.class);
  private final SimOptions options;
  private volatile GladlySimulator sim;

  private GladlySimExtension(SimOptions options) {
    this.options = options;
  }

  /** A seed name ("acme" = classpath {@code sim/acme.yaml}), classpath resource or file path. */
  public static GladlySimExtension seeded(String seed) {
    return new GladlySimExtension(SimOptions.defaults().seed(seed));
  }

  public static GladlySimExtension withOptions(SimOptions options) {
    return new GladlySimExtension(options);
  }

  /** Adjusts the options before the simulator starts: {@code seeded("acme").configure(o -> o.rateLimitEnabled(false))}. */
  public GladlySimExtension configure(Consumer<SimOptions> change) {
    change.accept(options);
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    ensureStarted(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (sim == null) ensureStarted(context);
    sim.reset();
  }

  private synchronized void ensureStarted(ExtensionContext context) {
    GladlySimulator s = simulator();
    // closed with the context that started it: the class for a static field, the test for an instance field
    context.getStore(NS).getOrComputeIfAbsent(this, k -> new Running(s));
  }

  /** Closes the simulator when JUnit closes the context that started it. */
  private final class Running implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private final GladlySimulator started;

    Running(GladlySimulator started) {
      this.started = started;
    }

    @Override
    public void close() {
      GladlySimExtension.this.close(started);
    }
  }

  private synchronized void close(GladlySimulator s) {
    s.close();
    if (sim == s) sim = null;
  }

  /** The running simulator (started now if it was not yet). */
  public synchronized GladlySimulator simulator() {
    if (sim == null) sim = GladlySimulator.start(options);
    return sim;
  }

  public String baseUrl() {
    return simulator().baseUrl();
  }

  public String organizationUrl(String orgKey) {
    return simulator().organizationUrl(orgKey);
  }

  public String trustPem() {
    return simulator().trustPem();
  }

  public CustomerActions customer() {
    return simulator().customer();
  }

  public Admin admin() {
    return simulator().admin();
  }

  public Admin admin(String orgKey) {
    return simulator().admin(orgKey);
  }

  public AgentActions agent(String email) {
    return simulator().agent(email);
  }

  public StateView state() {
    return simulator().state();
  }

  public List<Delivery> deliveries() {
    return simulator().deliveries();
  }

  public List<Delivery> deliveries(String webhookId) {
    return simulator().deliveries(webhookId);
  }

  public int deliveriesInFlight() {
    return simulator().deliveriesInFlight();
  }

  public void awaitDeliveries(java.time.Duration timeout) {
    simulator().awaitDeliveries(timeout);
  }

  public ApiCalls apiCalls() {
    return simulator().apiCalls();
  }

  public Faults faults() {
    return simulator().faults();
  }

  public SimClock clock() {
    return simulator().clock();
  }

  public SimOptions options() {
    return simulator().options();
  }

  public Receiver receiver() {
    return simulator().receiver();
  }

  public String receiverUrl(String path) {
    return simulator().receiverUrl(path);
  }

  public void reset() {
    simulator().reset();
  }
}
