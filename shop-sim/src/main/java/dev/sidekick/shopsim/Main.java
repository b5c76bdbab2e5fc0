package dev.sidekick.shopsim;

import dev.sidekick.shopsim.graphql.AdminSchema;
import dev.sidekick.shopsim.schema.PublishedSchemaCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the shop simulator: {@code java -jar shop-sim-runner.jar [--seed FILE|NAME] [--port N] [--host H]
 * [--latency-ms N] [--bucket SIZE/RATE] [--throttled-status 200|429]}; or checks its schema against a published one:
 * {@code --check-schema FILE.graphql}.
 */
public final class Main {
  static final String USAGE = "usage: java -jar shop-sim-runner.jar [--seed FILE|NAME] [--port N] [--host H] [--latency-ms N]"
      + " [--bucket SIZE/RATE] [--throttled-status 200|429]\n       java -jar shop-sim-runner.jar --check-schema PUBLISHED.graphql";

  private Main() {}

  public static void main(String[] args) throws InterruptedException, IOException {
    if (args.length == 2 && args[0].equals("--check-schema")) {
      List<String> problems = PublishedSchemaCheck.differences(AdminSchema.sdl(), Files.readString(Path.of(args[1])));
      problems.forEach(p -> System.out.println("DIFFERS: " + p));
      System.out.println(problems.isEmpty() ? "the simulator's schema is a subset of " + args[1] : problems.size() + " difference(s)");
      System.exit(problems.isEmpty() ? 0 : 1);
    }
    ShopOptions options = parse(args);
    if (options == null) {
      System.out.println(USAGE);
      return;
    }
    ShopSimulator sim = ShopSimulator.start(options);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      sim.close();
      stopped.countDown();
    }));
    System.out.println("Shop simulator (" + options + ") listening on " + sim.baseUrl());
    System.out.println("  Admin API: " + sim.graphqlUrl("2026-10") + "   control API: " + sim.baseUrl() + "/sim/...");
    stopped.await();
  }

  /** The options the arguments ask for; null for --help. */
  static ShopOptions parse(String[] args) {
    ShopOptions options = ShopOptions.defaults().port(8091);
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--seed" -> options.seed(value(args, ++i));
        case "--port" -> options.port(Integer.parseInt(value(args, ++i)));
        case "--host" -> options.host(value(args, ++i));
        case "--latency-ms" -> options.latency(Duration.ofMillis(Long.parseLong(value(args, ++i))));
        case "--throttled-status" -> options.throttledStatus(Integer.parseInt(value(args, ++i)));
        case "--bucket" -> {
          String[] parts = value(args, ++i).split("/");
          if (parts.length != 2) throw new IllegalArgumentException("--bucket takes SIZE/RATE, e.g. 2000/100");
          options.bucket(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
        }
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
