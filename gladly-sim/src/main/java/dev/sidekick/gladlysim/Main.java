package dev.sidekick.gladlysim;

import java.util.concurrent.CountDownLatch;

/** Runs the simulator: {@code java -jar gladly-sim-runner.jar --seed FILE|NAME --port N [--tls] ...} ({@link #USAGE}). */
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
      + " [--tls-cert CHAIN.pem --tls-key KEY.pem] [--route PUBLIC_PREFIX=TARGET]... [--no-rate-limit] [--http-loopback-webhooks]";

  /** The options the arguments ask for; null for --help. */
  static SimOptions parse(String[] given) {
    // --name=value is --name value (a container's args are often written that way)
    String[] args = java.util.Arrays.stream(given)
        .flatMap(a -> a.startsWith("--") && a.contains("=") ? java.util.stream.Stream.of(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1))
            : java.util.stream.Stream.of(a))
        .toArray(String[]::new);
    SimOptions options = SimOptions.defaults().port(8090);
    String[] certificate = new String[2];
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--seed" -> options.seed(value(args, ++i));
        case "--port" -> options.port(Integer.parseInt(value(args, ++i)));
        case "--host" -> options.host(value(args, ++i));
        case "--tls" -> options.tls(true);
        case "--tls-cert" -> certificate[0] = value(args, ++i);
        case "--tls-key" -> certificate[1] = value(args, ++i);
        case "--route" -> {
          String route = value(args, ++i);
          int eq = route.indexOf('=');
          if (eq < 0) throw new IllegalArgumentException("--route needs PUBLIC_PREFIX=TARGET (got " + route + ")");
          options.webhookRoute(route.substring(0, eq), route.substring(eq + 1));
        }
        case "--no-rate-limit" -> options.rateLimitEnabled(false);
        case "--http-loopback-webhooks" -> options.allowHttpLoopbackWebhooks(true);
        case "--help", "-h" -> {
          return null;
        }
        default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (try --help)");
      }
    }
    if ((certificate[0] == null) != (certificate[1] == null)) throw new IllegalArgumentException("--tls-cert and --tls-key go together");
    if (certificate[0] != null) options.tlsCertificate(java.nio.file.Path.of(certificate[0]), java.nio.file.Path.of(certificate[1]));
    return options;
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) throw new IllegalArgumentException(args[i - 1] + " needs a value");
    return args[i];
  }
}
