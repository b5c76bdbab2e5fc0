import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load driver of scripts/bench-runtime, a single-file program (run with {@code java LoadDriver.java ...}, no
 * build, JDK only). It acts as Gladly's customers through the simulator's control API, so that the simulator
 * delivers AUTOMATION/MESSAGE_RECEIVED to the runtime, which answers through the simulator's Gladly API.
 *
 * <pre>
 * java LoadDriver.java e2e     SIM_URL RUNTIME_URL RATE SECONDS CHATS [CUSTOMERS [QUESTIONS]]
 *     customer messages at a fixed arrival rate (an open model: a pacing thread and asynchronous requests, so a
 *     slow answer never lowers the rate), spread round robin over CHATS chats created beforehand; then checks
 *     that every customer message got exactly one bot message, and reads the runtime's metrics. CUSTOMERS: the
 *     chat customers' emails, {@code PREFIX#@DOMAIN} with # the chat's index from 0 (default: new customers each
 *     run); QUESTIONS: what they say, separated by '|', the n-th message of the run saying the (n mod count)-th
 *     (default: "where is my order?").
 * java LoadDriver.java burst   SIM_URL RUNTIME_URL CUSTOMERS
 *     (the simulator's rate limit on) CUSTOMERS chats each say one message at once; then advances the
 *     simulator's clock to trigger Gladly's redeliveries until every customer is answered (at most 2 rounds of
 *     31 s: Gladly's second retry comes 5 min after the first, when the chat would be idle-closed); counts 429s
 *     in the simulator's API-call log.
 * java LoadDriver.java startup RUNS READY_URL LOG_DIR [--variant NAME 'JVM FLAGS'] -- COMMAND...
 *     starts COMMAND RUNS times, measures process start until READY_URL answers 200 with "UP", stops it. With
 *     --variant, also RUNS times COMMAND with JVM FLAGS inserted after its first word (the java binary), the two
 *     alternated (shipped, NAME, shipped, NAME, ...) so that the machine's noise hits both alike; a RESULT each.
 * </pre>
 *
 * Every phase is bounded in time and count. Output: human-readable lines, and one line starting with "RESULT "
 * of key=value pairs for the script.
 */
public class LoadDriver {
  static final String ENTRY_POINT = "chat-us-store";
  static final String QUESTION = "where is my order?";
  static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  static final Pattern CONVERSATION_ID = Pattern.compile("\"conversationId\"\\s*:\\s*\"([^\"]+)\"");

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      usage();
    }
    switch (args[0]) {
      case "e2e" -> e2e(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]),
          args.length > 6 ? args[6] : null, args.length > 7 ? List.of(args[7].split("\\|")) : List.of(QUESTION));
      case "burst" -> burst(args[1], args[2], Integer.parseInt(args[3]));
      case "startup" -> {
        int dashes = Arrays.asList(args).indexOf("--");
        boolean variant = dashes == 7 && args[4].equals("--variant");
        if (dashes != 4 && !variant) usage();
        startup(Integer.parseInt(args[1]), args[2], Path.of(args[3]), variant ? args[5] : null, variant ? args[6] : null,
            Arrays.copyOfRange(args, dashes + 1, args.length));
      }
      default -> usage();
    }
    System.exit(0);
  }

  static void usage() {
    System.err.println("usage: LoadDriver e2e SIM RUNTIME RATE SECONDS CHATS [PREFIX#@DOMAIN ['Q1|Q2']] | burst SIM RUNTIME CUSTOMERS"
        + " | startup RUNS URL DIR [--variant NAME 'JVM FLAGS'] -- CMD...");
    System.exit(2);
  }

  // ---------------------------------------------------------------------------------------------- e2e

  static void e2e(String sim, String runtime, int rate, int seconds, int chats, String customers, List<String> questions)
      throws Exception {
    if (rate <= 0 || rate > 5000 || seconds <= 0 || seconds > 900 || chats <= 0 || chats > 50000) {
      throw new IllegalArgumentException("rate 1..5000, seconds 1..900, chats 1..50000");
    }
    List<String> conversations = customers == null ? createChats(sim, chats, "e2e") : createChats(sim, chats, customers::replace);
    Map<String, Double> before = scrape(runtime);
    long total = (long) rate * seconds;
    System.out.printf(Locale.ROOT, "e2e: %d chats ready; sending %d customer messages at %d/s for %d s%n", chats, total, rate, seconds);

    AtomicInteger ok = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger skipped = new AtomicInteger();
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    Semaphore inFlight = new Semaphore(4000); // bounds memory if the simulator stalls; a send over it is "skipped"
    ExecutorService callbacks = Executors.newFixedThreadPool(2);
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(callbacks)
        .connectTimeout(Duration.ofSeconds(5)).build();
    long start = System.nanoTime();
    long interval = TimeUnit.SECONDS.toNanos(1) / rate;
    long lateMax = 0;
    for (long i = 0; i < total; i++) {
      long intended = start + i * interval;
      long wait;
      while ((wait = intended - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      lateMax = Math.max(lateMax, System.nanoTime() - intended);
      if (!inFlight.tryAcquire()) {
        skipped.incrementAndGet();
        continue;
      }
      String conversation = conversations.get((int) (i % conversations.size()));
      String question = questions.get((int) (i % questions.size()));
      HttpRequest request = HttpRequest.newBuilder(URI.create(sim + "/sim/customer/chats/" + conversation + "/messages"))
          .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + question + "\"}")).build();
      client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
        // latency from the intended send time: a late send counts against the system, not hidden
        latencies.add(System.nanoTime() - intended);
        if (e == null && r.statusCode() / 100 == 2) ok.incrementAndGet(); else failed.incrementAndGet();
        inFlight.release();
      });
    }
    long sendEnd = System.nanoTime();
    inFlight.tryAcquire(4000, 30, TimeUnit.SECONDS);
    inFlight.release(4000);
    double sendSeconds = (sendEnd - start) / 1e9;
    System.out.printf(Locale.ROOT, "e2e: sent %d in %.1f s (%.0f/s); control API: %d ok, %d failed, %d skipped; pacing lag max %.1f ms%n",
        ok.get() + failed.get(), sendSeconds, (ok.get() + failed.get()) / sendSeconds, ok.get(), failed.get(), skipped.get(),
        lateMax / 1e6);

    // Wait until the simulator has no delivery in flight and the runtime counted every message (at most 60 s).
    String eventType = "AUTOMATION/MESSAGE_RECEIVED";
    long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    Map<String, Double> after;
    while (true) {
      after = scrape(runtime);
      double counted = sumDelta(before, after, "sidekick_events_total", Map.of("type", eventType));
      int simInFlight = simInFlight(sim);
      if ((counted >= ok.get() && simInFlight == 0) || System.nanoTime() > drainDeadline) {
        break;
      }
      Thread.sleep(500);
    }
    double drainSeconds = (System.nanoTime() - sendEnd) / 1e9;

    // Metrics of the runtime during the run.
    Map<String, Double> outcomes = byLabel(before, after, "sidekick_events_total", "outcome", Map.of("type", eventType));
    double events = outcomes.values().stream().mapToDouble(Double::doubleValue).sum();
    double[] q = histogramQuantiles(before, after, "sidekick_event_handling_seconds", Map.of("type", eventType), 0.5, 0.99, 0.999);
    double handlingCount = sumDelta(before, after, "sidekick_event_handling_seconds_count", Map.of("type", eventType));
    double handlingSum = sumDelta(before, after, "sidekick_event_handling_seconds_sum", Map.of("type", eventType));
    Map<String, Double> callCount = byLabel(before, after, "sidekick_gladly_calls_seconds_count", "path", Map.of());
    Map<String, Double> callSum = byLabel(before, after, "sidekick_gladly_calls_seconds_sum", "path", Map.of());
    Map<String, Double> callStatus = byLabel(before, after, "sidekick_gladly_calls_seconds_count", "status", Map.of());
    double maxHandling = maxValue(after, "sidekick_event_handling_seconds_max", Map.of("type", eventType));
    // The same handling less each event's own responder time (the runtime subtracts per event), and the responder.
    String own = "sidekick_event_handling_without_responder_seconds";
    double[] qOwn = histogramQuantiles(before, after, own, Map.of("type", eventType), 0.5, 0.99, 0.999);
    double ownMean = mean(before, after, own, Map.of("type", eventType));
    double[] qResponder = histogramQuantiles(before, after, "sidekick_responder_seconds", Map.of(), 0.5, 0.99);
    double responderMean = mean(before, after, "sidekick_responder_seconds", Map.of());

    // What the customers saw.
    Check check = checkChats(sim, conversations);
    List<Long> sorted = new ArrayList<>(latencies);
    sorted.sort(null);

    System.out.printf(Locale.ROOT, "e2e: drained %.1f s after the last send%n", drainSeconds);
    System.out.printf(Locale.ROOT, "e2e: runtime events %s (total %.0f)%n", fmt(outcomes), events);
    System.out.printf(Locale.ROOT,
        "e2e: runtime handling latency (sidekick_event_handling_seconds, histogram buckets): p50 <= %.2f ms, p99 <= %.2f ms, p99.9 <= %.2f ms, mean %.2f ms, max in the last window %.1f ms%n",
        q[0] * 1e3, q[1] * 1e3, q[2] * 1e3, handlingCount == 0 ? 0 : handlingSum / handlingCount * 1e3, maxHandling * 1e3);
    System.out.printf(Locale.ROOT,
        "e2e: handling without the responder (%s, histogram buckets): p50 <= %.2f ms, p99 <= %.2f ms, p99.9 <= %.2f ms, mean %.2f ms; "
            + "the responder itself (sidekick_responder_seconds): p50 <= %.2f ms, p99 <= %.2f ms, mean %.3f ms%n",
        own, qOwn[0] * 1e3, qOwn[1] * 1e3, qOwn[2] * 1e3, ownMean * 1e3, qResponder[0] * 1e3, qResponder[1] * 1e3,
        responderMean * 1e3);
    for (String path : callCount.keySet()) {
      // Gladly's (here: the simulator's) own latency, as the runtime saw it: the larger part of handling
      double[] qCall = histogramQuantiles(before, after, "sidekick_gladly_calls_seconds", Map.of("path", path), 0.5, 0.99);
      System.out.printf(Locale.ROOT, "e2e: Gladly calls %s: %.0f, mean %.2f ms, p50 <= %.2f ms, p99 <= %.2f ms%n", path,
          callCount.get(path), callCount.get(path) == 0 ? 0 : callSum.getOrDefault(path, 0.0) / callCount.get(path) * 1e3,
          qCall[0] * 1e3, qCall[1] * 1e3);
    }
    System.out.printf(Locale.ROOT, "e2e: Gladly calls by status %s%n", fmt(callStatus));
    System.out.printf(Locale.ROOT, "e2e: control API latency from intended send: p50 %.1f ms, p99 %.1f ms%n",
        pct(sorted, 0.5) / 1e6, pct(sorted, 0.99) / 1e6);
    System.out.printf(Locale.ROOT,
        "e2e: chats: %d customer messages, %d answered exactly once, %d unanswered, %d extra answers (bot messages over customer messages, per chat), %d handed off; %d customer messages were followed by the chat's next customer message before their answer (delivery backlog)%n",
        check.customer, check.exactlyOnce, check.unanswered, check.duplicated, check.handedOff, check.interleaved);
    double nonAnswered = events - outcomes.getOrDefault("answered", 0.0);
    System.out.printf(Locale.ROOT,
        "RESULT sent_ok=%d sent_failed=%d skipped=%d send_rate=%.1f events=%.0f answered=%.0f not_answered_outcomes=%.0f retry_later=%.0f "
            + "p50_ms=%.3f p99_ms=%.3f p999_ms=%.3f mean_ms=%.3f customer_messages=%d exactly_once=%d unanswered=%d duplicated=%d "
            + "interleaved=%d handed_off=%d gladly_non2xx=%.0f drain_s=%.1f own_p50_ms=%.3f own_p99_ms=%.3f own_p999_ms=%.3f "
            + "own_mean_ms=%.3f responder_p50_ms=%.3f responder_p99_ms=%.3f responder_mean_ms=%.3f%n",
        ok.get(), failed.get(), skipped.get(), (ok.get() + failed.get()) / sendSeconds, events,
        outcomes.getOrDefault("answered", 0.0), nonAnswered, outcomes.getOrDefault("retry_later", 0.0),
        q[0] * 1e3, q[1] * 1e3, q[2] * 1e3, handlingCount == 0 ? 0 : handlingSum / handlingCount * 1e3,
        check.customer, check.exactlyOnce, check.unanswered, check.duplicated, check.interleaved, check.handedOff,
        callStatus.entrySet().stream().filter(e -> !e.getKey().startsWith("2")).mapToDouble(Map.Entry::getValue).sum(),
        drainSeconds, qOwn[0] * 1e3, qOwn[1] * 1e3, qOwn[2] * 1e3, ownMean * 1e3, qResponder[0] * 1e3, qResponder[1] * 1e3,
        responderMean * 1e3);
    callbacks.shutdownNow();
  }

  // ---------------------------------------------------------------------------------------------- burst

  static void burst(String sim, String runtime, int customers) throws Exception {
    if (customers <= 0 || customers > 1000) {
      throw new IllegalArgumentException("customers 1..1000");
    }
    List<String> conversations = createChats(sim, customers, "burst");
    Map<String, Double> before = scrape(runtime);
    int callsBefore = apiCallCount(sim);
    System.out.printf(Locale.ROOT, "burst: %d chats ready; each customer says one message, all at once%n", customers);
    long start = System.nanoTime();
    List<CompletableFuture<HttpResponse<Void>>> sends = new ArrayList<>();
    for (String c : conversations) {
      sends.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(sim + "/sim/customer/chats/" + c + "/messages"))
          .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + QUESTION + "\"}")).build(),
          HttpResponse.BodyHandlers.discarding()));
    }
    int sendFailures = 0;
    for (CompletableFuture<HttpResponse<Void>> f : sends) {
      try {
        if (f.get(30, TimeUnit.SECONDS).statusCode() / 100 != 2) sendFailures++;
      } catch (Exception e) {
        sendFailures++;
      }
    }
    awaitNoDeliveryInFlight(sim, 40);
    Check check = checkChats(sim, conversations);
    System.out.printf(Locale.ROOT, "burst: after the first deliveries (%.1f s): %d answered exactly once, %d unanswered, %d more than once%n",
        (System.nanoTime() - start) / 1e9, check.exactlyOnce, check.unanswered, check.duplicated);
    int rounds = 0;
    // Gladly redelivers 30 s after a failed attempt; the next retry is 5 min later, when the simulator would
    // also idle-close the sessions: rounds of 31 s (the first retry of every failed event is due then); a second
    // round only catches first attempts that failed late.
    while (check.unanswered > 0 && rounds < 2) {
      rounds++;
      post(sim + "/sim/clock/advance", "{\"seconds\":31}");
      awaitNoDeliveryInFlight(sim, 40);
      check = checkChats(sim, conversations);
      System.out.printf(Locale.ROOT, "burst: after redelivery round %d (clock +31 s): %d answered exactly once, %d unanswered, %d more than once%n",
          rounds, check.exactlyOnce, check.unanswered, check.duplicated);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Double> after = scrape(runtime);
    Map<String, Double> outcomes =
        byLabel(before, after, "sidekick_events_total", "outcome", Map.of("type", "AUTOMATION/MESSAGE_RECEIVED"));
    List<String[]> calls = apiCallsSince(sim, callsBefore);
    int tooMany = 0;
    int non2xx = 0;
    Map<String, Integer> byStatus = new TreeMap<>();
    for (String[] c : calls) {
      int status = Integer.parseInt(c[2]);
      byStatus.merge(c[0] + " " + template(c[1]) + " " + status, 1, Integer::sum);
      if (status == 429) tooMany++;
      if (status / 100 != 2) non2xx++;
    }
    System.out.printf(Locale.ROOT, "burst: %d redelivery rounds, %.1f s in all; runtime events %s%n", rounds, seconds, fmt(outcomes));
    System.out.printf(Locale.ROOT, "burst: Gladly API calls received by the simulator during the burst: %d, of which 429: %d, other non-2xx: %d%n",
        calls.size(), tooMany, non2xx - tooMany);
    byStatus.forEach((k, v) -> System.out.printf(Locale.ROOT, "burst:   %-70s %d%n", k, v));
    System.out.printf(Locale.ROOT,
        "RESULT customers=%d send_failures=%d rounds=%d seconds=%.1f exactly_once=%d unanswered=%d duplicated=%d interleaved=%d "
            + "handed_off=%d api_calls=%d api_429=%d api_non2xx=%d answered=%.0f retry_later=%.0f%n",
        customers, sendFailures, rounds, seconds, check.exactlyOnce, check.unanswered, check.duplicated, check.interleaved,
        check.handedOff, calls.size(), tooMany, non2xx, outcomes.getOrDefault("answered", 0.0),
        outcomes.getOrDefault("retry_later", 0.0));
  }

  static String template(String path) {
    // ids out of the path, so that calls group by operation
    return path.replaceAll("/(sessions|conversations|conversation-items|customer-profiles|webhooks)/[^/]+", "/$1/{}");
  }

  // ---------------------------------------------------------------------------------------------- startup

  static void startup(int runs, String readyUrl, Path logDir, String variantName, String variantFlags, String[] command)
      throws Exception {
    if (runs <= 0 || runs > 20) {
      throw new IllegalArgumentException("runs 1..20");
    }
    Files.createDirectories(logDir);
    List<Variant> variants = new ArrayList<>(List.of(new Variant("shipped", List.of(command))));
    if (variantName != null) {
      List<String> flagged = new ArrayList<>(List.of(command[0]));
      flagged.addAll(Arrays.asList(variantFlags.trim().split("\\s+")));
      flagged.addAll(Arrays.asList(command).subList(1, command.length));
      variants.add(new Variant(variantName, flagged));
    }
    HttpClient poll = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofMillis(500)).build();
    for (int run = 1; run <= runs; run++) {
      for (Variant v : variants) {
        Path log = logDir.resolve("startup-" + v.name + "-" + run + ".log");
        double[] r = startOnce(v.command, readyUrl, log, poll);
        if (r == null) {
          System.out.printf(Locale.ROOT, "startup: run %d (%s) did not get ready within 60 s (log %s)%n", run, v.name, log);
          System.out.println("RESULT variant=" + v.name + " runs=0 median_ms=NaN");
          System.exit(1);
        }
        v.readyMs.add(r[0]);
        v.quarkusMs.add(r[1]);
        v.cpuMs.add(r[2]);
        System.out.printf(Locale.ROOT,
            "startup: run %d (%s): process start to /q/health/ready UP %.0f ms (Quarkus logged \"started in\" %.0f ms; CPU time of the process until ready %.0f ms), load average %s%n",
            run, v.name, r[0], r[1], r[2], loadAverage());
        Thread.sleep(1000);
      }
    }
    for (Variant v : variants) {
      List<Double> sorted = sorted(v.readyMs);
      System.out.printf(Locale.ROOT,
          "RESULT variant=%s runs=%d median_ms=%.0f min_ms=%.0f max_ms=%.0f quarkus_median_ms=%.0f cpu_median_ms=%.0f all_ms=%s%n",
          v.name, runs, median(sorted), sorted.get(0), sorted.get(sorted.size() - 1), median(sorted(v.quarkusMs)),
          median(sorted(v.cpuMs)), String.join(",", v.readyMs.stream().map(d -> String.format(Locale.ROOT, "%.0f", d)).toList()));
    }
  }

  record Variant(String name, List<String> command, List<Double> readyMs, List<Double> quarkusMs, List<Double> cpuMs) {
    Variant(String name, List<String> command) {
      this(name, command, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }
  }

  /** One start: {ms until ready, Quarkus' "started in" ms, CPU ms until ready}, or null if not ready in 60 s. */
  static double[] startOnce(List<String> command, String readyUrl, Path log, HttpClient poll) throws Exception {
    Pattern started = Pattern.compile("started in (\\d+\\.\\d+)s");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    long t0 = System.nanoTime();
    Process p = pb.start();
    long ready = -1;
    double cpu = Double.NaN;
    try {
      long limit = t0 + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < limit && p.isAlive()) {
        try {
          HttpResponse<String> r = poll.send(HttpRequest.newBuilder(URI.create(readyUrl)).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
            ready = System.nanoTime();
            cpu = cpuMillis(p.pid());
            break;
          }
        } catch (IOException e) {
          // not listening yet
        }
        Thread.sleep(5);
      }
    } finally {
      p.destroy();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
      }
    }
    if (ready < 0) {
      return null;
    }
    Matcher m = started.matcher(Files.readString(log));
    return new double[] {(ready - t0) / 1e6, m.find() ? Double.parseDouble(m.group(1)) * 1000 : Double.NaN, cpu};
  }

  static List<Double> sorted(List<Double> values) {
    List<Double> s = new ArrayList<>(values);
    s.sort(null);
    return s;
  }

  /** User and system CPU time of a process so far (Linux /proc/PID/stat), in ms. */
  static double cpuMillis(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
      return ticks * 10.0; // USER_HZ is 100 on Linux
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  static double median(List<Double> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "?";
    }
  }

  // ---------------------------------------------------------------------------------------------- simulator

  static List<String> createChats(String sim, int n, String tag) throws Exception {
    String run = Long.toString(System.currentTimeMillis(), 36);
    return createChats(sim, n, (target, k) -> "bench-" + tag + "-" + run + "-" + k + "@example.com");
  }

  /** {@code email}: the chat's customer email from ("#", its index), e.g. {@code "bench-order-#@example.com"::replace}. */
  static List<String> createChats(String sim, int n, java.util.function.BiFunction<String, String, String> email)
      throws Exception {
    String[] ids = new String[n];
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int k = i;
      futures.add(pool.submit(() -> {
        String body = "{\"entryPoint\":\"" + ENTRY_POINT + "\",\"customer\":{\"email\":\"" + email.apply("#", Integer.toString(k))
            + "\",\"name\":\"Bench " + k + "\"}}";
        String answer = post(sim + "/sim/customer/chats", body);
        Matcher m = CONVERSATION_ID.matcher(answer);
        if (!m.find()) throw new IllegalStateException("no conversationId in " + answer);
        ids[k] = m.group(1);
        return null;
      }));
    }
    for (var f : futures) f.get(120, TimeUnit.SECONDS);
    pool.shutdown();
    return List.of(ids);
  }

  /**
   * customer: customer messages; exactlyOnce: those in chats with as many bot messages as customer messages;
   * unanswered / duplicated: customer messages short of a bot message / bot messages over them, per chat;
   * interleaved: customer messages followed directly by the next customer message (the answer came after it:
   * a delivery backlog, not an error by itself); handedOff: chats handed to a human.
   */
  record Check(int customer, int exactlyOnce, int unanswered, int duplicated, int interleaved, int handedOff) {}

  static final Pattern FROM = Pattern.compile("\"from\"\\s*:\\s*\"(\\w+)\"");
  static final Pattern HANDED_OFF = Pattern.compile("\"handedOff\"\\s*:\\s*true");

  /**
   * For each chat, bot messages against customer messages. Every bot message of these chats is an answer (the
   * question always matches one knowledge-base entry with a one-message answer), so per chat the two counts
   * must be equal: fewer bot messages = unanswered, more = an answer sent twice.
   */
  static Check checkChats(String sim, List<String> conversations) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    AtomicInteger customer = new AtomicInteger(), once = new AtomicInteger(), none = new AtomicInteger(),
        more = new AtomicInteger(), interleaved = new AtomicInteger(), handedOff = new AtomicInteger();
    List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
    for (String c : conversations) {
      futures.add(pool.submit(() -> {
        String view = get(sim + "/sim/customer/chats/" + c + "/messages");
        if (HANDED_OFF.matcher(view).find()) handedOff.incrementAndGet();
        Matcher m = FROM.matcher(view);
        int customers = 0, bots = 0;
        String previous = "";
        while (m.find()) {
          String from = m.group(1);
          if (from.equals("CUSTOMER")) {
            if (previous.equals("CUSTOMER")) interleaved.incrementAndGet();
            customers++;
          } else if (from.equals("BOT")) {
            bots++;
          }
          previous = from;
        }
        customer.addAndGet(customers);
        if (bots == customers) once.addAndGet(customers);
        if (bots < customers) none.addAndGet(customers - bots);
        if (bots > customers) more.addAndGet(bots - customers);
        return null;
      }));
    }
    for (var f : futures) f.get(120, TimeUnit.SECONDS);
    pool.shutdown();
    return new Check(customer.get(), once.get(), none.get(), more.get(), interleaved.get(), handedOff.get());
  }

  static final Pattern IN_FLIGHT = Pattern.compile("\"inFlight\"\\s*:\\s*(\\d+)");

  static int simInFlight(String sim) throws Exception {
    Matcher m = IN_FLIGHT.matcher(get(sim + "/sim/deliveries?webhookId=none"));
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  static void awaitNoDeliveryInFlight(String sim, int maxSeconds) throws Exception {
    Thread.sleep(300);
    long limit = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
    while (simInFlight(sim) != 0 && System.nanoTime() < limit) {
      Thread.sleep(200);
    }
  }

  static final Pattern CALL = Pattern.compile("\"method\"\\s*:\\s*\"(\\w+)\"\\s*,\\s*\"path\"\\s*:\\s*\"([^\"]*)\"\\s*,\\s*\"status\"\\s*:\\s*(\\d+)");

  static List<String[]> apiCalls(String sim) throws Exception {
    List<String[]> out = new ArrayList<>();
    Matcher m = CALL.matcher(get(sim + "/sim/api-calls"));
    while (m.find()) out.add(new String[] {m.group(1), m.group(2), m.group(3)});
    return out;
  }

  static int apiCallCount(String sim) throws Exception {
    return apiCalls(sim).size();
  }

  /** The calls logged after the first {@code before}; the log keeps 10,000, so a burst must stay below that. */
  static List<String[]> apiCallsSince(String sim, int before) throws Exception {
    List<String[]> all = apiCalls(sim);
    if (all.size() >= 10_000) {
      System.out.println("burst: WARNING: the simulator's API-call log is full (10,000): counts cover its last 10,000 calls only");
      return all;
    }
    return all.subList(Math.min(before, all.size()), all.size());
  }

  // ---------------------------------------------------------------------------------------------- metrics

  /** The runtime's Prometheus text: series (name and labels as printed) to value. */
  static Map<String, Double> scrape(String runtime) throws Exception {
    Map<String, Double> out = new HashMap<>();
    for (String line : get(runtime + "/q/metrics").split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) continue;
      int space = line.lastIndexOf(' ');
      try {
        out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
      } catch (NumberFormatException e) {
        // not a sample
      }
    }
    return out;
  }

  static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  static String name(String series) {
    int brace = series.indexOf('{');
    return brace < 0 ? series : series.substring(0, brace);
  }

  static Map<String, String> labels(String series) {
    Map<String, String> out = new HashMap<>();
    int brace = series.indexOf('{');
    if (brace < 0) return out;
    Matcher m = LABEL.matcher(series.substring(brace));
    while (m.find()) out.put(m.group(1), m.group(2));
    return out;
  }

  static boolean matches(String series, String name, Map<String, String> filter) {
    if (!name(series).equals(name)) return false;
    Map<String, String> l = labels(series);
    return filter.entrySet().stream().allMatch(e -> e.getValue().equals(l.get(e.getKey())));
  }

  static double sumDelta(Map<String, Double> before, Map<String, Double> after, String name, Map<String, String> filter) {
    double sum = 0;
    for (var e : after.entrySet()) {
      if (matches(e.getKey(), name, filter)) sum += e.getValue() - before.getOrDefault(e.getKey(), 0.0);
    }
    return sum;
  }

  static double maxValue(Map<String, Double> after, String name, Map<String, String> filter) {
    double max = 0;
    for (var e : after.entrySet()) {
      if (matches(e.getKey(), name, filter)) max = Math.max(max, e.getValue());
    }
    return max;
  }

  static Map<String, Double> byLabel(Map<String, Double> before, Map<String, Double> after, String name, String label,
      Map<String, String> filter) {
    Map<String, Double> out = new TreeMap<>();
    for (var e : after.entrySet()) {
      if (matches(e.getKey(), name, filter)) {
        double d = e.getValue() - before.getOrDefault(e.getKey(), 0.0);
        if (d != 0) out.merge(labels(e.getKey()).getOrDefault(label, "?"), d, Double::sum);
      }
    }
    return out;
  }

  /** The mean of a timer over the run (delta of its _sum over delta of its _count), in seconds. */
  static double mean(Map<String, Double> before, Map<String, Double> after, String base, Map<String, String> filter) {
    double count = sumDelta(before, after, base + "_count", filter);
    return count == 0 ? Double.NaN : sumDelta(before, after, base + "_sum", filter) / count;
  }

  /** Quantiles from the delta of a Prometheus histogram: the upper bound (le) of the bucket holding each. */
  static double[] histogramQuantiles(Map<String, Double> before, Map<String, Double> after, String base,
      Map<String, String> filter, double... qs) {
    TreeMap<Double, Double> cumulative = new TreeMap<>();
    for (var e : after.entrySet()) {
      if (matches(e.getKey(), base + "_bucket", filter)) {
        String le = labels(e.getKey()).get("le");
        double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
        cumulative.merge(bound, e.getValue() - before.getOrDefault(e.getKey(), 0.0), Double::sum);
      }
    }
    double[] out = new double[qs.length];
    Double total = cumulative.get(Double.POSITIVE_INFINITY);
    for (int i = 0; i < qs.length; i++) {
      out[i] = Double.NaN;
      if (total == null || total == 0) continue;
      for (var b : cumulative.entrySet()) {
        if (b.getValue() >= qs[i] * total) {
          out[i] = b.getKey();
          break;
        }
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------- http

  static String get(String url) throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) throw new IOException("GET " + url + ": " + r.statusCode() + " " + r.body());
    return r.body();
  }

  static String post(String url, String body) throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) throw new IOException("POST " + url + ": " + r.statusCode() + " " + r.body());
    return r.body();
  }

  static double pct(List<Long> sorted, double q) {
    if (sorted.isEmpty()) return Double.NaN;
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
  }

  static String fmt(Map<String, Double> m) {
    StringBuilder b = new StringBuilder("{");
    m.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(k).append('=').append(String.format(Locale.ROOT, "%.0f", v)));
    return b.append('}').toString();
  }
}
