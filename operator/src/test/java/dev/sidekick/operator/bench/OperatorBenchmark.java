package dev.sidekick.operator.bench;

import static dev.sidekick.operator.bench.ProcessFigures.mib;
import static dev.sidekick.operator.bench.ProcessFigures.mibBytes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidekick.gladlysim.GladlySimulator;
import dev.sidekick.gladlysim.control.ApiCall;
import dev.sidekick.operator.cluster.KubeTestEnvironment;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The operator benchmark of issue 4 ("Speed"): N SidekickIntegrations (default 100), each with its own simulated
 * Gladly organization, against a real kube-apiserver 1.20.2, the operator in-process with its production settings
 * except a shortened resync interval. It measures the time until all are Ready, the Gladly calls per integration
 * to get there, the Gladly calls (and the operator's Kubernetes requests) per integration in a steady-state window
 * and per resync cycle, and the memory of the JVM. It writes the figures to
 * {@code target/bench/operator-bench.txt} and prints them.
 *
 * <p>Not part of {@code mvn verify}: its name matches neither surefire's nor failsafe's patterns. Run it with
 * {@code scripts/bench-operator} (which passes {@code -Dtest=OperatorBenchmark}). It asserts nothing about time:
 * it fails only when the integrations do not all become Ready within {@code bench.ready-timeout}.
 */
@QuarkusTest
@TestProfile(OperatorBenchProfile.class)
class OperatorBenchmark {

  private static final String GROUP_VERSION = "sidekick.dev/v1alpha1";
  private static final String KIND = "SidekickIntegration";
  private static final int GLADLY_PER_SECOND = 10;
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private final StringBuilder out = new StringBuilder();

  @Test
  void integrations_each_with_its_own_organization_become_ready_and_stay_quiet() throws Exception {
    BenchSettings s = OperatorBenchResource.settings;
    KubeTestEnvironment env = OperatorBenchResource.env;
    GladlySimulator gladly = OperatorBenchResource.gladly;
    KubernetesClient admin = env.client();
    String ns = OperatorBenchResource.NAMESPACE;
    int n = s.integrations();

    line("# Operator benchmark (OperatorBenchmark)");
    line("started: %s", UTC.format(Instant.now()));
    line("integrations: %d, each its own Gladly organization (simulator over TLS, rate limit on: %d/s per"
        + " organization and method); 1 endpoint x 2 channels = 2 webhooks each,"
        + " a credentials Secret and a knowledge-base ConfigMap each", n, GLADLY_PER_SECOND);
    line("operator: in-process (@QuarkusTest), enable-ssa=%s, resync-interval=%s (production: %s),"
            + " concurrent-reconciliation-threads=%s, Gladly max-attempts=%s",
        config("quarkus.operator-sdk.enable-ssa"), BenchSettings.quarkus(s.resyncInterval()),
        BenchSettings.quarkus(BenchSettings.PRODUCTION_RESYNC),
        config("quarkus.operator-sdk.concurrent-reconciliation-threads"), config("sidekick.gladly.max-attempts"));
    line("kube-apiserver %s + etcd on 127.0.0.1 (audit log on), no controller-manager; runtime Deployments"
        + " marked available by a stand-in as soon as they appear (no pod start-up time)", KubeTestEnvironment.KUBE_VERSION);

    String knowledgeBase = knowledgeBase();
    for (int i = 0; i < n; i++) {
      admin.resource(new SecretBuilder()
              .withMetadata(new ObjectMetaBuilder().withName(secretName(i)).withNamespace(ns).build())
              .withStringData(Map.of("email", BenchSeed.email(i), "token", BenchSeed.token(i)))
              .build())
          .create();
      admin.resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
              .withMetadata(new ObjectMetaBuilder().withName(answersName(i)).withNamespace(ns).build())
              .withData(Map.of("answers.yaml", knowledgeBase))
              .build())
          .create();
    }
    if (s.precreateServices()) {
      line("WORKAROUND: each runtime Service is created by the benchmark right after its integration, owned by it"
          + " (SSA create of a Service fails on 1.20, operator/CLUSTER-NEEDS.md #0); the operator then updates it");
    }
    ProcessFigures baseline = ProcessFigures.self();

    Instant[] created = new Instant[n];
    Instant[] ready = new Instant[n];
    Instant t0;
    Instant allCreated;
    Instant allReady = null;
    long cpuStart;
    long cpuReady;
    try (RuntimeAvailabilityStandIn standIn = new RuntimeAvailabilityStandIn(admin, ns)) {
      Thread.sleep(1000); // the stand-in's informer is synced
      gladly.apiCalls().clear();
      cpuStart = ProcessFigures.cpuNanos();
      t0 = Instant.now();
      for (int i = 0; i < n; i++) {
        GenericKubernetesResource sk = admin.resource(integration(i, gladly)).create();
        created[i] = Instant.now();
        if (s.precreateServices()) precreateService(admin, sk);
      }
      allCreated = Instant.now();

      Instant deadline = t0.plus(s.readyTimeout());
      int readyCount = 0;
      for (int polls = 0; readyCount < n && Instant.now().isBefore(deadline) && polls < 1_000_000; polls++) {
        for (GenericKubernetesResource r : integrations(admin, ns)) {
          int i = index(r);
          if (i >= 0 && i < n && ready[i] == null && isReady(r)) {
            ready[i] = Instant.now();
            readyCount++;
          }
        }
        if (readyCount < n) Thread.sleep(100);
      }
      cpuReady = ProcessFigures.cpuNanos();
      if (readyCount < n) {
        line("");
        line("NOT ALL READY after %s: %d of %d", s.readyTimeout(), readyCount, n);
        for (GenericKubernetesResource r : integrations(admin, ns)) {
          int i = index(r);
          if (i >= 0 && i < n && ready[i] == null) line("  %s: %s", r.getMetadata().getName(), readyCondition(r));
        }
        write();
        throw new AssertionError(readyCount + " of " + n + " integrations Ready after " + s.readyTimeout()
            + "; see target/bench/operator-bench.txt");
      }
      allReady = Arrays.stream(ready).max(Comparator.naturalOrder()).orElseThrow();
      List<ApiCall> toReady = gladly.apiCalls().all();
      ProcessFigures atReady = ProcessFigures.self();

      // ---- ramp-up
      line("");
      line("## Until all Ready");
      line("created %d SidekickIntegrations in %d ms (one client, sequential creates)", n, millis(t0, allCreated));
      line("time until all Ready: %.1f s (from the first create); first Ready after %.1f s",
          seconds(t0, allReady), seconds(t0, Arrays.stream(ready).min(Comparator.naturalOrder()).orElseThrow()));
      List<Long> perIntegration = new ArrayList<>();
      for (int i = 0; i < n; i++) perIntegration.add(millis(created[i], ready[i]));
      perIntegration.sort(null);
      line("per integration, create -> Ready: p50 %.1f s, p90 %.1f s, max %.1f s",
          pct(perIntegration, 50) / 1000.0, pct(perIntegration, 90) / 1000.0, pct(perIntegration, 100) / 1000.0);
      line("operator JVM CPU during the ramp: %.1f s of CPU in %.1f s wall (%.2f cores)",
          (cpuReady - cpuStart) / 1e9, seconds(t0, allReady), (cpuReady - cpuStart) / 1e9 / seconds(t0, allReady));

      Map<String, List<ApiCall>> toReadyByOrg = new HashMap<>();
      for (int i = 0; i < n; i++) {
        String org = BenchSeed.orgKey(i);
        Instant r = ready[i];
        toReadyByOrg.put(org, toReady.stream()
            .filter(c -> org.equals(c.orgKey()) && !c.at().isAfter(r)).toList());
      }
      line("");
      line("Gladly calls per integration until it is Ready (min / median / max over %d integrations):", n);
      Map<String, int[]> byEndpoint = perIntegrationCounts(toReadyByOrg, n, OperatorBenchmark::endpoint);
      byEndpoint.forEach((k, v) -> line("  %-40s %s", k, minMedMax(v)));
      int[] totals = perIntegrationTotals(toReadyByOrg, n, c -> true);
      line("  %-40s %s", "total", minMedMax(totals));
      long rateLimited = toReady.stream().filter(c -> c.status() == 429).count();
      line("  answered 429 by Gladly (all integrations, until all Ready): %d", rateLimited);
      line("  all Gladly calls until all Ready: %d (%.1f per integration)", toReady.size(), toReady.size() / (double) n);

      Map<String, int[]> byMethod = perIntegrationCounts(toReadyByOrg, n, ApiCall::method);
      line("");
      line("Lower bound from Gladly's limit (%d requests/s per organization and method), per organization:",
          GLADLY_PER_SECOND);
      double bound = 0;
      double boundShared = 0;
      for (var e : byMethod.entrySet()) {
        int median = median(e.getValue());
        int max = Arrays.stream(e.getValue()).max().orElse(0);
        double b = max / (double) GLADLY_PER_SECOND;
        double shared = Arrays.stream(e.getValue()).sum() / (double) GLADLY_PER_SECOND;
        bound = Math.max(bound, b);
        boundShared = Math.max(boundShared, shared);
        line("  %-6s median %d, max %d calls per integration -> %.1f s per organization (%d calls / %d per s);"
                + " all %d integrations on ONE organization would need %.1f s",
            e.getKey(), median, max, b, max, GLADLY_PER_SECOND, n, shared);
      }
      line("  bound: %.1f s, the same for 1 or %d integrations, since each has its own organization (budgets in"
              + " parallel); measured %.1f s = %.0fx the bound", bound, n, seconds(t0, allReady),
          seconds(t0, allReady) / Math.max(bound, 0.001));
      line("  (were all %d on one organization, the bound would be %.1f s)", n, boundShared);

      // ---- steady state
      Thread.sleep(s.settle().toMillis());
      gladly.apiCalls().clear();
      long cpuSteadyStart = ProcessFigures.cpuNanos();
      Instant ws = Instant.now();
      Thread.sleep(s.steadyWindow().toMillis());
      Instant we = Instant.now();
      long cpuSteadyEnd = ProcessFigures.cpuNanos();
      List<ApiCall> steady = gladly.apiCalls().all().stream()
          .filter(c -> !c.at().isBefore(ws) && c.at().isBefore(we)).toList();
      double windowS = seconds(ws, we);
      double cycles = windowS / s.resyncInterval().toMillis() * 1000.0;
      double cyclesPerHourProd = 3600.0 / BenchSettings.PRODUCTION_RESYNC.toSeconds();

      Map<String, List<ApiCall>> steadyByOrg = new HashMap<>();
      for (int i = 0; i < n; i++) {
        String org = BenchSeed.orgKey(i);
        steadyByOrg.put(org, steady.stream().filter(c -> org.equals(c.orgKey())).toList());
      }
      line("");
      line("## Steady state");
      line("window: %.0f s, starting %.0f s after all were Ready; resync interval %s -> %.1f resync cycles in the"
              + " window", windowS, seconds(allReady, ws), BenchSettings.quarkus(s.resyncInterval()), cycles);
      line("Gladly calls per integration in the window (min / median / max):");
      perIntegrationCounts(steadyByOrg, n, OperatorBenchmark::endpoint)
          .forEach((k, v) -> line("  %-40s %s", k, minMedMax(v)));
      int[] steadyTotals = perIntegrationTotals(steadyByOrg, n, c -> true);
      int[] steadyWrites = perIntegrationTotals(steadyByOrg, n, c -> !"GET".equals(c.method()));
      int[] steadyReads = perIntegrationTotals(steadyByOrg, n, c -> "GET".equals(c.method()));
      line("  %-40s %s", "total", minMedMax(steadyTotals));
      line("  %-40s %s (all integrations: %d)", "writes (POST/PATCH/PUT/DELETE)", minMedMax(steadyWrites),
          Arrays.stream(steadyWrites).sum());
      long steady429 = steady.stream().filter(c -> c.status() == 429).count();
      line("  answered 429: %d", steady429);
      double readsPerCycle = Arrays.stream(steadyReads).average().orElse(0) / cycles;
      double writesPerCycle = Arrays.stream(steadyWrites).average().orElse(0) / cycles;
      line("per integration and resync cycle (mean): %.2f reads, %.2f writes", readsPerCycle, writesPerCycle);
      line("per integration and hour at the production resync interval (%s = %.0f cycles/h; per-cycle figure x"
              + " cycles): %.0f reads, %.0f writes",
          BenchSettings.quarkus(BenchSettings.PRODUCTION_RESYNC), cyclesPerHourProd,
          readsPerCycle * cyclesPerHourProd, writesPerCycle * cyclesPerHourProd);
      line("(at the shortened %s interval itself, the window extrapolates to %.0f reads and %.0f writes per"
              + " integration per hour)", BenchSettings.quarkus(s.resyncInterval()),
          Arrays.stream(steadyReads).average().orElse(0) * 3600 / windowS,
          Arrays.stream(steadyWrites).average().orElse(0) * 3600 / windowS);
      line("operator JVM CPU in the window: %.1f s (%.1f%% of one core)", (cpuSteadyEnd - cpuSteadyStart) / 1e9,
          (cpuSteadyEnd - cpuSteadyStart) / 1e9 / windowS * 100);

      // ---- the operator's Kubernetes requests, from the apiserver's audit log
      List<JsonNode> audit = env.auditEvents();
      line("");
      line("## The operator's Kubernetes requests (apiserver audit log, user %s)", OperatorBenchResource.OPERATOR_USER);
      line("until all Ready, per integration: %s", kubeSummary(audit, t0, allReady, n));
      line("steady-state window, per integration and resync cycle: %s",
          kubeSummaryPerCycle(audit, ws, we, n, cycles));
      line("steady-state writes in the window by resource: %s", kubeWritesByResource(audit, ws, we));
      line("runtime stand-in status patches: %d", standIn.statusPatches.get());
    }

    // ---- memory
    ProcessFigures end = ProcessFigures.self();
    line("");
    line("## Memory (the test JVM: operator + Gladly simulator + benchmark driver in one process)");
    line("before the integrations (operator idle, simulator seeded): RSS %s, heap used after GC %s",
        mib(baseline.rssKiB()), mibBytes(baseline.heapUsedAfterGcBytes()));
    line("after all Ready and the steady window: RSS %s (peak %s), heap used after GC %s (committed %s),"
            + " %d threads", mib(end.rssKiB()), mib(end.hwmKiB()), mibBytes(end.heapUsedAfterGcBytes()),
        mibBytes(end.heapCommittedBytes()), end.threads());
    line("growth for %d integrations: RSS %+.0f MiB, heap used after GC %+.1f MiB", n,
        (end.rssKiB() - baseline.rssKiB()) / 1024.0,
        (end.heapUsedAfterGcBytes() - baseline.heapUsedAfterGcBytes()) / 1024.0 / 1024.0);
    line("JVM: %s, max heap %s", System.getProperty("java.vm.version"),
        mibBytes(Runtime.getRuntime().maxMemory()));
    StringBuilder cp = new StringBuilder();
    for (long pid : env.pids()) cp.append(ProcessFigures.command(pid)).append(' ').append(mib(ProcessFigures.rssKiB(pid))).append("; ");
    line("control plane RSS: %s", cp);
    line("finished: %s", UTC.format(Instant.now()));
    write();
  }

  // ---- the resources

  /**
   * A workaround, not what a user does: the operator's server-side-apply CREATE of a Service fails on Kubernetes
   * before 1.23; an existing Service that is labelled and owned by the integration is in the operator's cache, so
   * it takes the SSA update path instead.
   */
  private static void precreateService(KubernetesClient admin, GenericKubernetesResource sk) {
    admin.resource(new io.fabric8.kubernetes.api.model.ServiceBuilder()
            .withNewMetadata().withName(sk.getMetadata().getName() + "-sidekick")
            .withNamespace(sk.getMetadata().getNamespace())
            .addToLabels(dev.sidekick.operator.dependent.Names.MANAGED_BY_LABEL,
                dev.sidekick.operator.dependent.Names.MANAGED_BY)
            .addNewOwnerReference().withApiVersion(GROUP_VERSION).withKind(KIND)
            .withName(sk.getMetadata().getName()).withUid(sk.getMetadata().getUid())
            .withController(true).withBlockOwnerDeletion(true).endOwnerReference()
            .endMetadata()
            .withNewSpec().addNewPort().withName("http").withPort(80)
            .withTargetPort(new io.fabric8.kubernetes.api.model.IntOrString("http")).endPort().endSpec()
            .build())
        .create();
  }

  private static String name(int i) {
    return String.format("sk-%03d", i);
  }

  private static String secretName(int i) {
    return name(i) + "-gladly-api";
  }

  private static String answersName(int i) {
    return name(i) + "-answers";
  }

  /** examples/knowledge-base.yaml (a small fallback when it cannot be found). */
  private static String knowledgeBase() throws IOException {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path kb = p.resolve("examples").resolve("knowledge-base.yaml");
      if (Files.isRegularFile(kb)) return Files.readString(kb);
    }
    return "entries:\n  - id: hours\n    phrases: [opening hours]\n    answer: We are open 9-5.\n";
  }

  private static int index(GenericKubernetesResource r) {
    String name = r.getMetadata().getName();
    try {
      return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
    } catch (RuntimeException e) {
      return -1;
    }
  }

  private static GenericKubernetesResource integration(int i, GladlySimulator gladly) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("gladly", Map.of(
        "organizationUrl", gladly.organizationUrl(BenchSeed.orgKey(i)),
        "credentialsSecretRef", Map.of("name", secretName(i))));
    spec.put("inboxes", List.of("Support", "Returns"));
    spec.put("publicUrl", gladly.receiverUrl("/" + name(i)));
    spec.put("endpoints", List.of(Map.of(
        "name", "store", "channels", List.of("CHAT", "MESSAGING"), "handoffInbox", "Support")));
    spec.put("responder", Map.of("knowledgeBase", Map.of("configMapRef", Map.of("name", answersName(i), "key", "answers.yaml"))));
    spec.put("runtime", Map.of("replicas", 1));
    GenericKubernetesResource r = new GenericKubernetesResource();
    r.setApiVersion(GROUP_VERSION);
    r.setKind(KIND);
    r.setMetadata(new ObjectMetaBuilder().withName(name(i)).withNamespace(OperatorBenchResource.NAMESPACE).build());
    r.setAdditionalProperty("spec", spec);
    return r;
  }

  private static List<GenericKubernetesResource> integrations(KubernetesClient admin, String ns) {
    return admin.genericKubernetesResources(GROUP_VERSION, KIND).inNamespace(ns).list().getItems();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> readyConditionMap(GenericKubernetesResource r) {
    Object status = r.getAdditionalProperties().get("status");
    if (!(status instanceof Map<?, ?> st) || !(st.get("conditions") instanceof List<?> conditions)) return null;
    for (Object c : conditions) {
      if (c instanceof Map<?, ?> m && "Ready".equals(m.get("type"))) return (Map<String, Object>) m;
    }
    return null;
  }

  private static boolean isReady(GenericKubernetesResource r) {
    Map<String, Object> c = readyConditionMap(r);
    return c != null && "True".equals(c.get("status"));
  }

  private static String readyCondition(GenericKubernetesResource r) {
    Map<String, Object> c = readyConditionMap(r);
    return c == null ? "no Ready condition" : c.get("status") + " " + c.get("reason") + ": " + c.get("message");
  }

  // ---- counting

  /** "GET /api/v1/webhooks/{id}": the method and the path with ids folded. */
  static String endpoint(ApiCall c) {
    String[] parts = c.path().split("/");
    for (int i = 3; i < parts.length; i++) {
      if (parts[i].length() >= 16 && parts[i].matches("[A-Za-z0-9_-]+")) parts[i] = "{id}";
    }
    return c.method() + " " + String.join("/", parts);
  }

  private static Map<String, int[]> perIntegrationCounts(
      Map<String, List<ApiCall>> byOrg, int n, java.util.function.Function<ApiCall, String> key) {
    Map<String, int[]> counts = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      int idx = i;
      for (ApiCall c : byOrg.getOrDefault(BenchSeed.orgKey(i), List.of())) {
        counts.computeIfAbsent(key.apply(c), k -> new int[n])[idx]++;
      }
    }
    return counts;
  }

  private static int[] perIntegrationTotals(Map<String, List<ApiCall>> byOrg, int n, Predicate<ApiCall> which) {
    int[] t = new int[n];
    for (int i = 0; i < n; i++) {
      t[i] = (int) byOrg.getOrDefault(BenchSeed.orgKey(i), List.of()).stream().filter(which).count();
    }
    return t;
  }

  private static int median(int[] v) {
    int[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static String minMedMax(int[] v) {
    int[] s = v.clone();
    Arrays.sort(s);
    return s[0] + " / " + s[s.length / 2] + " / " + s[s.length - 1];
  }

  private static long pct(List<Long> sorted, int p) {
    int idx = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, idx)));
  }

  private static List<JsonNode> operatorRequests(List<JsonNode> audit, Instant from, Instant to) {
    String user = OperatorBenchResource.OPERATOR_USER;
    return audit.stream()
        .filter(e -> "ResponseComplete".equals(e.path("stage").asText()))
        .filter(e -> user.equals(e.path("impersonatedUser").path("username").asText())
            || user.equals(e.path("user").path("username").asText()))
        .filter(e -> !"watch".equals(e.path("verb").asText()))
        .filter(e -> {
          Instant at = Instant.parse(e.path("requestReceivedTimestamp").asText());
          return !at.isBefore(from) && at.isBefore(to);
        })
        .toList();
  }

  private static boolean isWrite(JsonNode e) {
    String v = e.path("verb").asText();
    return v.equals("create") || v.equals("update") || v.equals("patch") || v.equals("delete");
  }

  private static String kubeSummary(List<JsonNode> audit, Instant from, Instant to, int n) {
    Map<String, Long> byVerb = operatorRequests(audit, from, to).stream()
        .collect(Collectors.groupingBy(e -> e.path("verb").asText(), TreeMap::new, Collectors.counting()));
    return byVerb.entrySet().stream()
        .map(e -> String.format("%s %.1f", e.getKey(), e.getValue() / (double) n))
        .collect(Collectors.joining(", "));
  }

  private static String kubeSummaryPerCycle(List<JsonNode> audit, Instant from, Instant to, int n, double cycles) {
    List<JsonNode> reqs = operatorRequests(audit, from, to);
    Map<String, Long> byVerb = reqs.stream()
        .collect(Collectors.groupingBy(e -> e.path("verb").asText(), TreeMap::new, Collectors.counting()));
    if (byVerb.isEmpty()) return "none";
    return byVerb.entrySet().stream()
        .map(e -> String.format("%s %.2f", e.getKey(), e.getValue() / (double) n / cycles))
        .collect(Collectors.joining(", "))
        + String.format(" (writes in the window, all integrations: %d)", reqs.stream().filter(OperatorBenchmark::isWrite).count());
  }

  private static String kubeWritesByResource(List<JsonNode> audit, Instant from, Instant to) {
    Map<String, Long> m = operatorRequests(audit, from, to).stream().filter(OperatorBenchmark::isWrite)
        .collect(Collectors.groupingBy(e -> {
          JsonNode o = e.path("objectRef");
          String sub = o.path("subresource").asText();
          return e.path("verb").asText() + " " + o.path("resource").asText() + (sub.isEmpty() ? "" : "/" + sub)
              + " " + e.path("responseStatus").path("code").asText();
        }, TreeMap::new, Collectors.counting()));
    return m.isEmpty() ? "none" : m.toString();
  }

  // ---- output

  private static String config(String key) {
    return ConfigProvider.getConfig().getOptionalValue(key, String.class).orElse("(default)");
  }

  private static long millis(Instant a, Instant b) {
    return Duration.between(a, b).toMillis();
  }

  private static double seconds(Instant a, Instant b) {
    return Duration.between(a, b).toMillis() / 1000.0;
  }

  private void line(String format, Object... args) {
    String l = args.length == 0 ? format : String.format(format, args);
    out.append(l).append('\n');
    System.out.println("bench: " + l);
  }

  private void write() throws IOException {
    Path dir = Path.of("target", "bench");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("operator-bench.txt"), out.toString());
  }
}
