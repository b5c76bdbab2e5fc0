package dev.sidekick.shopsim;

import dev.sidekick.shopsim.control.ShopCalls;
import dev.sidekick.shopsim.control.ShopFaults;
import dev.sidekick.shopsim.graphql.CostBucket;
import dev.sidekick.shopsim.state.ShopState;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5: {@code @RegisterExtension static final ShopSimExtension shop = ShopSimExtension.seeded("acme");} starts the
 * simulator once per test class on a random loopback port and resets it before each test. It also starts on first
 * use, so a static initializer may read {@link #baseUrl()} before JUnit calls it.
 */
public final class ShopSimExtension implements BeforeAllCallback, BeforeEachCallback {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ShopSimExtension.class);
  private final ShopOptions options;
  private volatile ShopSimulator sim;

  private ShopSimExtension(ShopOptions options) {
    this.options = options;
  }

  /** A seed name ("acme" = classpath {@code shop/acme.yaml}), classpath resource or file path. */
  public static ShopSimExtension seeded(String seed) {
    return new ShopSimExtension(ShopOptions.defaults().seed(seed));
  }

  public ShopSimExtension configure(Consumer<ShopOptions> change) {
    change.accept(options);
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    started(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    started(context).reset();
  }

  private synchronized ShopSimulator started(ExtensionContext context) {
    ShopSimulator s = simulator();
    // closed with the context that started it: the class for a static field, the test for an instance field
    context.getStore(NS).getOrComputeIfAbsent(this, k -> new Running(s));
    return s;
  }

  /** Closes the simulator when JUnit closes the context that started it. */
  private final class Running implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private final ShopSimulator started;

    Running(ShopSimulator started) {
      this.started = started;
    }

    @Override
    public void close() {
      ShopSimExtension.this.close(started);
    }
  }

  private synchronized void close(ShopSimulator s) {
    s.close();
    if (sim == s) sim = null;
  }

  /** The running simulator (started now if it was not yet). */
  public synchronized ShopSimulator simulator() {
    if (sim == null) sim = ShopSimulator.start(options);
    return sim;
  }

  public String baseUrl() {
    return simulator().baseUrl();
  }

  public String graphqlUrl(String version) {
    return simulator().graphqlUrl(version);
  }

  public ShopState shop() {
    return simulator().shop();
  }

  public ShopCalls calls() {
    return simulator().calls();
  }

  public ShopFaults faults() {
    return simulator().faults();
  }

  public CostBucket bucket(String token) {
    return simulator().bucket(token);
  }

  public ShopOptions options() {
    return simulator().options();
  }

  public void reset() {
    simulator().reset();
  }
}
