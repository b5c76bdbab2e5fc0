package dev.sidekick.gladlysim;

import java.util.concurrent.CountDownLatch;

/** Runs the simulator: {@code java -jar gladly-sim-runner.jar --seed FILE|NAME --port N [--tls] [--no-rate-limit] [--http-loopback-webhooks]}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    SimOptions options = parse(args);
    if (options == null) {
      System.out.println(USAGE);
      return;
    }
    GladlySimulator sim = GladlySimulator.start(options);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      sim.close();
      stopped.countDown();
    }));
    System.out.println("Gladly simulator (" + options + ") listening on " + sim.baseUrl());
    System.out.println("  Gladly API: " + sim.baseUrl() + "/api/v1/...   control API: " + sim.baseUrl() + "/sim/...   chat page: "
        + sim.baseUrl() + "/sim/ui/");
    stopped.await();
  }

  static final String USAGE = "usage: java -jar gladly-sim-runner.jar [--seed FILE|NAME] [--port N] [--host H] [--tls]"
      + " [--no-rate-limit] [--http-loopback-webhooks]";

  /** The options the arguments ask for; null for --help. */
  static SimOptions parse(String[] args) {
    SimOptions options = SimOptions.defaults().port(8090);
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--seed" -> options.seed(value(args, ++i));
        case "--port" -> options.port(Integer.parseInt(value(args, ++i)));
        case "--host" -> options.host(value(args, ++i));
        case "--tls" -> options.tls(true);
        case "--no-rate-limit" -> options.rateLimitEnabled(false);
        case "--http-loopback-webhooks" -> options.allowHttpLoopbackWebhooks(true);
        case "--help", "-h" -> {
          return null;
        }
        default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (try --help)");
      }
    }
    return options;
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) throw new IllegalArgumentException(args[i - 1] + " needs a value");
    return args[i];
  }
}
