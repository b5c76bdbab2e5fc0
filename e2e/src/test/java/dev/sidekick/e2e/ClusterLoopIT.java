package dev.sidekick.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The loop a platform engineer runs, on a real single-node cluster, with the commands of README.md's "On a cluster":
 * images built by podman, a simulated Gladly in the cluster, {@code helm install}, {@code kubectl apply}, customers
 * answered by the runtime's pods, then changes, a deleted pod, an upgrade and the removal, each with customers writing
 * all along. Each step's time and the pods' memory go to target/e2e-report.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterLoopIT {
  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Path WORK = Path.of(System.getProperty("sidekick.e2e.work", "e2e/target/e2e"));
  private static final String NS = "support";
  private static final String OPERATOR_NS = "sidekick-system";
  private static final String RUNTIME_IMAGE = "ghcr.io/sidekick-for-gladly/sidekick-runtime:0.1.0";
  private static final Duration ROLL = Duration.ofMinutes(4);
  private static final int REPLICAS = 2; // examples/cluster/sidekickintegration.yaml

  @org.junit.jupiter.api.extension.RegisterExtension
  static final StopAfterFailure STOP_AFTER_FAILURE = new StopAfterFailure();

  private final StepTimes times = new StepTimes(Path.of(System.getProperty("sidekick.e2e.report", "e2e/target/e2e-report.md")));
  private TestCluster cluster;
  private RemoteGladly gladly;
  private Path ca;

  @BeforeAll
  void cluster() throws Exception {
    Files.createDirectories(WORK);
    Shell shell = new Shell(ROOT, java.util.Map.of());
    times.time("build the three images (scripts/build-images --no-build --local-base)", () ->
        shell.ok(Duration.ofMinutes(15), "scripts/build-images", "--no-build", "--local-base", "--out", WORK.resolve("images").toString()));
    // each archive's bill of materials, beside it and inside it, against what the archive holds (ImageSbomIT alone)
    times.time("check the images' SBOMs (ImageSboms)", () -> new ImageSboms(WORK.resolve("images"), WORK.resolve("sbom-check"), shell,
        System.getProperty("sidekick.project.version")).checkAll());
    cluster = times.time("start the cluster (scripts/kube-cluster start)", () -> TestCluster.start(ROOT));
    times.time("load the images into the node (scripts/kube-cluster load)", () -> {
      try (var archives = Files.list(WORK.resolve("images"))) {
        cluster.load(archives.filter(p -> p.toString().endsWith(".tar")).toArray(Path[]::new));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  @AfterAll
  void stopCluster() {
    if (cluster == null) return;
    if (STOP_AFTER_FAILURE.failed()) cluster.dumpDiagnostics(WORK.resolve("diagnostics"));
    times.time("stop the cluster and restore the machine", cluster::close);
  }

  @Test
  @Order(1)
  void helm_install_brings_up_the_operator_with_leader_election() {
    ca = WORK.resolve("gladly-sim-ca.pem");
    times.time("1a. install the simulated Gladly (examples/cluster/install-gladly-sim)", () ->
        cluster.shell().ok(Duration.ofMinutes(4), "examples/cluster/install-gladly-sim", ca.toString()));
    gladly = new RemoteGladly(cluster.kubectl("-n", "gladly-sim", "get", "service", "gladly", "-o", "jsonpath={.spec.clusterIP}"), ca);

    times.time("1b. helm install --wait: operator pod Ready", () -> cluster.helm("install", "sidekick-operator",
        "helm/sidekick-operator", "-n", OPERATOR_NS, "--create-namespace", "--set-file", "gladly.trustedCaPem=" + ca,
        "--wait", "--timeout", "5m"));

    JsonNode pods = cluster.json("-n", OPERATOR_NS, "get", "pods", "-l", "app.kubernetes.io/name=sidekick-operator");
    assertThat(pods.path("items")).hasSize(1);
    String operatorPod = pods.path("items").get(0).path("metadata").path("name").asText();
    Awaitility.await("the operator holds the leader Lease").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(cluster.json("-n", OPERATOR_NS, "get", "lease", "sidekick-operator-leader")
            .path("spec").path("holderIdentity").asText()).isEqualTo(operatorPod));
  }

  @Test
  @Order(2)
  void a_sidekick_integration_applied_with_kubectl_becomes_ready() {
    times.time("2. kubectl apply the SidekickIntegration: Ready (credentials, inboxes, runtime pod, webhooks)", () -> {
      cluster.kubectl("create", "namespace", NS);
      cluster.kubectl("create", "configmap", "acme-answers", "-n", NS, "--from-file=answers.yaml=examples/knowledge-base.yaml");
      // one password for the data nodes and the Sentinels (scripts/kube-cluster): one Secret for both
      cluster.kubectl("create", "secret", "generic", "sidekick-redis", "-n", NS,
          "--from-file=password=" + cluster.env("SIDEKICK_REDIS_PASSWORD_FILE"));
      // Kubernetes 1.21 and later label each namespace with its name; the runtime's NetworkPolicy names the
      // operator's namespace by it
      cluster.kubectl("label", "namespace", OPERATOR_NS, "kubernetes.io/metadata.name=" + OPERATOR_NS, "--overwrite");
      cluster.kubectl("apply", "-n", NS, "-f", "examples/cluster/sidekickintegration.yaml");
      cluster.kubectl("wait", "-n", NS, "sk/acme", "--for=condition=Ready", "--timeout=300s");
    });

    String table = cluster.kubectl("get", "sk", "-n", NS);
    assertThat(table.lines().findFirst().orElseThrow()).containsSubsequence("NAME", "AGE", "READY", "ENDPOINTS", "MODE", "WEBHOOKS");
    assertThat(table.lines().skip(1).findFirst().orElseThrow().split("\\s+")).containsSubsequence("acme", "True", "2", "live", "3");

    JsonNode webhooks = gladly.webhooks();
    assertThat(urls(webhooks)).containsExactlyInAnyOrder("https://hooks.acme.test/gladly/us-store/chat",
        "https://hooks.acme.test/gladly/us-store/messaging", "https://hooks.acme.test/gladly/emea-brand/messaging");
    webhooks.forEach(w -> assertThat(w.path("enabled").asBoolean()).as(w.toString()).isTrue());

    // the operator read the runtime's check of the knowledge base against its own examples through the Service
    cluster.kubectl("wait", "-n", NS, "sk/acme", "--for=condition=KnowledgeBaseChecked", "--timeout=60s");
    JsonNode checked = condition(cluster.json("-n", NS, "get", "sk", "acme"), "KnowledgeBaseChecked");
    assertThat(checked.path("reason").asText()).isEqualTo("Checked");
    assertThat(checked.path("message").asText()).contains("us-store:", "emea-brand:", "wrong entry 0");

    assertTheNetworkPolicyAllowsWhatTheRuntimeCalls();
    assertThat(runtimePods()).hasSize(REPLICAS);
    assertThat(cluster.json("-n", NS, "get", "poddisruptionbudget", "acme-sidekick").path("spec").path("maxUnavailable").asInt())
        .as("several replicas get a PodDisruptionBudget").isEqualTo(1);
    JsonNode pod = runtimePods().get(0);
    assertThat(pod.path("spec").path("containers").get(0).path("image").asText()).isEqualTo(RUNTIME_IMAGE);
    JsonNode security = pod.path("spec").path("containers").get(0).path("securityContext");
    assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(security.path("runAsNonRoot").asBoolean()).isTrue();
    times.record("runtime pod: start to ready (Quarkus 'started in', AppCDS image)", startedIn(pod));
    // the image's AppCDS archive fits its JDK and jars (-Xshare:on refuses an archive that does not, where the
    // default -Xshare:auto would ignore it without a word)
    cluster.kubectl("exec", pod.path("metadata").path("name").asText(), "-n", NS, "--", "java",
        "-XX:SharedArchiveFile=/deployments/sidekick-runtime.jsa", "-Xshare:on", "-cp", "/deployments/quarkus-run.jar", "-version");
  }

  @Test
  @Order(3)
  void customers_are_answered_once_and_handed_off_with_a_note() {
    times.time("3. a chat answered, a chat handed off, an email answered, an email handed off", () -> {
      String chat = gladly.startChat("chat-us-store", "ann@customers.example");
      gladly.say(chat, "where is my order?");
      Awaitility.await("the chat's answer").atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(gladly.botAnswers(chat)).hasSize(1));
      assertThat(gladly.botAnswers(chat).get(0)).contains("https://shop.example.com/orders");

      String handoff = gladly.startChat("chat-us-store", "bob@customers.example");
      gladly.say(handoff, "I want to talk to a person");
      Awaitility.await("the chat handed off").atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(gladly.chat(handoff).path("handedOff").asBoolean()).isTrue());
      JsonNode handedOff = gladly.conversation(handoff);
      assertThat(handedOff.path("inboxId").asText()).as("the chat waits in the entry point's inbox").isEqualTo(gladly.inboxId("Support"));
      // the note follows the hand-off (the customer's wait for a person ends first), so it may come a moment later
      Awaitility.await("the note for the agent").atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(gladly.items(handoff, "CONVERSATION_NOTE", null)).hasSize(1));

      String email = gladly.sendEmail("cat@customers.example", "support@acme.example", "Shipping", "How long does shipping take?");
      Awaitility.await("the email's reply").atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(gladly.items(email, "EMAIL", "AGENT")).hasSize(1));

      String human = gladly.sendEmail("dan@customers.example", "support@acme.example", "Complaint", "I want to speak to a human agent please");
      Awaitility.await("the email handed off").atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(gladly.items(human, "CONVERSATION_NOTE", null)).hasSize(1));
      // both MESSAGING endpoints receive every email (Gladly's webhooks are organization-wide): whichever took it
      // hands off to its own inbox
      assertThat(gladly.conversation(human).path("inboxId").asText()).isIn(gladly.inboxId("Support"), gladly.inboxId("Returns"));
      assertThat(gladly.items(human, "EMAIL", "AGENT")).as("no reply on a hand-off").isEmpty();
    });
    Customers settle = new Customers(gladly, "settle");
    settle.assertEachAnsweredExactlyOnce(Duration.ofSeconds(5));
  }

  @Test
  @Order(4)
  void changes_roll_the_pods_and_no_delivery_fails_and_no_message_is_lost_or_doubled() throws Exception {
    long firstDelivery = lastDeliverySeq();
    Customers customers = new Customers(gladly, "roll").start(Duration.ofMillis(1500));

    times.time("4a. add an endpoint: pods rolled, 4 webhooks", () -> {
      String before = runtimeTemplateHash();
      cluster.kubectl("patch", "sk", "acme", "-n", NS, "--type=json", "-p",
          "[{\"op\":\"add\",\"path\":\"/spec/endpoints/-\",\"value\":{\"name\":\"eu-store\",\"channels\":[\"MESSAGING\"],\"handoffInbox\":\"Returns\"}}]");
      awaitRolledFrom(before);
      Awaitility.await("4 webhooks").atMost(ROLL).untilAsserted(() -> {
        assertThat(urls(gladly.webhooks())).contains("https://hooks.acme.test/gladly/eu-store/messaging").hasSize(4);
        assertThat(cluster.kubectl("get", "sk", "acme", "-n", NS, "-o", "jsonpath={.status.webhookCount}")).isEqualTo("4");
      });
    });

    times.time("4b. rotate the keys (annotation): pods rolled, webhooks carry the new key", () -> {
      String before = runtimeTemplateHash();
      cluster.kubectl("annotate", "sk", "acme", "-n", NS, "sidekick.dev/rotate-keys=" + Instant.now(), "--overwrite");
      awaitRolledFrom(before);
      Awaitility.await("the previous keys dropped").atMost(ROLL).untilAsserted(() ->
          assertThat(cluster.json("-n", NS, "get", "secret", "acme-sidekick-keys").path("data").fieldNames())
              .toIterable().noneMatch(k -> k.endsWith(".previous")));
    });

    times.time("4c. edit the knowledge base: pods rolled, the new answer given", () -> {
      String before = runtimeTemplateHash();
      Path edited = WORK.resolve("knowledge-base-edited.yaml");
      write(edited, read(ROOT.resolve("examples/knowledge-base.yaml"))
          .replace("https://shop.example.com/orders", "https://shop.example.com/my-orders"));
      String configMap = cluster.kubectl("create", "configmap", "acme-answers", "-n", NS, "--from-file=answers.yaml=" + edited,
          "--dry-run=client", "-o", "yaml");
      Path manifest = WORK.resolve("acme-answers.yaml");
      write(manifest, configMap);
      cluster.kubectl("apply", "-f", manifest.toString());
      awaitRolledFrom(before);
      String chat = gladly.startChat("chat-us-store", "eve@customers.example");
      gladly.say(chat, "where is my order?");
      Awaitility.await("the edited answer").atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(gladly.botAnswers(chat)).singleElement().asString().contains("/my-orders"));
      return null;
    });

    List<Customers.Message> sent = customers.stop();
    times.record("4. customer messages during the three rolls", Integer.toString(sent.size()));
    customers.assertEachAnsweredExactlyOnce(Duration.ofMinutes(2));
    assertNoDeliveryFailedAfter(firstDelivery);
  }

  @Test
  @Order(5)
  void a_runtime_pod_deleted_in_a_burst_loses_and_doubles_nothing() {
    Customers burst = new Customers(gladly, "burst");
    times.time("5. delete a runtime pod (of 2) in a burst of 60 messages: all answered once after redeliveries", () -> {
      burst.burst(20);
      String pod = runtimePods().get(0).path("metadata").path("name").asText();
      cluster.kubectl("delete", "pod", pod, "-n", NS, "--wait=false");
      burst.burst(40);
      burst.stop();
      // deliveries that found no pod are redelivered by Gladly 30 s later (its retry schedule)
      burst.assertEachAnsweredExactlyOnce(Duration.ofMinutes(3));
    });
    times.record("5. memory after the burst: runtime pod", memory(runtimePods().get(0)));
    times.record("5. memory after the burst: operator pod",
        memory(cluster.json("-n", OPERATOR_NS, "get", "pods", "-l", "app.kubernetes.io/name=sidekick-operator").path("items").get(0)));
  }

  @Test
  @Order(6)
  void a_failover_of_the_store_while_customers_write_loses_and_doubles_nothing() {
    SentinelStore store = new SentinelStore(cluster);
    String primary = store.primary();
    Customers customers = new Customers(gladly, "failover").start(Duration.ofMillis(1000));
    times.time("5a. fail the store's primary over (SENTINEL FAILOVER) while customers write: all answered once", () -> {
      Awaitility.await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() -> true);
      store.failover();
      Awaitility.await("the Sentinels name the replica as the primary").atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500)).until(() -> !store.primary().equals(primary));
      Awaitility.await().pollDelay(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(11)).until(() -> true);
      List<Customers.Message> sent = customers.stop();
      times.record("5a. customer messages during the failover", Integer.toString(sent.size()));
      // events met by the failover were answered 503: Gladly redelivers them 30 s later
      customers.assertEachAnsweredExactlyOnce(Duration.ofMinutes(3));
    });
    times.record("5a. the store's primary", primary + " before, " + store.primary() + " after");
  }

  @Test
  @Order(7)
  void an_endpoint_in_shadow_only_notes_what_it_would_do_until_it_is_switched_live() {
    times.time("5b. us-store to shadow: an email gets one note and no reply; back to live: the next is answered", () -> {
      String before = runtimeTemplateHash();
      cluster.kubectl("patch", "sk", "acme", "-n", NS, "--type=json", "-p",
          "[{\"op\":\"add\",\"path\":\"/spec/endpoints/0/mode\",\"value\":\"shadow\"}]");
      awaitRolledFrom(before);
      Awaitility.await("the Mode column").atMost(ROLL).untilAsserted(() ->
          assertThat(cluster.kubectl("get", "sk", "acme", "-n", NS, "-o", "jsonpath={.status.mode}")).isEqualTo("shadow: us-store"));

      String shadowed = gladly.sendEmail("fay@customers.example", "support@acme.example", "Shipping", "How long does shipping take?");
      Awaitility.await("the shadow note").atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(gladly.items(shadowed, "CONVERSATION_NOTE", null)).hasSize(1));
      assertThat(gladly.items(shadowed, "CONVERSATION_NOTE", null).get(0).path("content").path("body").asText())
          .startsWith("Sidekick (shadow mode) would have answered:").endsWith("Proposal: answer shipping");
      // a reply or a second note, were there one, would have come with the note
      Awaitility.await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
      assertThat(gladly.items(shadowed, "EMAIL", "AGENT")).as("nothing sent to the customer").isEmpty();
      assertThat(gladly.items(shadowed, "CONVERSATION_NOTE", null))
          .as("one note, though both MESSAGING webhooks delivered the email to two replicas").hasSize(1);
      assertThat(gladly.conversation(shadowed).path("agentId").asText("")).as("not taken by Sidekick").isEmpty();

      String shadowTemplate = runtimeTemplateHash();
      cluster.kubectl("patch", "sk", "acme", "-n", NS, "--type=json", "-p",
          "[{\"op\":\"replace\",\"path\":\"/spec/endpoints/0/mode\",\"value\":\"live\"}]");
      awaitRolledFrom(shadowTemplate);
      String live = gladly.sendEmail("gus@customers.example", "support@acme.example", "Shipping", "How long does shipping take?");
      Awaitility.await("the live reply").atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(gladly.items(live, "EMAIL", "AGENT")).hasSize(1));
      assertThat(gladly.items(live, "CONVERSATION_NOTE", null)).isEmpty();
      assertThat(cluster.kubectl("get", "sk", "acme", "-n", NS, "-o", "jsonpath={.status.mode}")).isEqualTo("live");
    });
  }

  @Test
  @Order(8)
  void helm_upgrade_to_a_new_runtime_tag_rolls_then_delete_and_uninstall_leave_nothing() {
    long firstDelivery = lastDeliverySeq();
    Customers customers = new Customers(gladly, "upgrade").start(Duration.ofMillis(1500));
    String newImage = RUNTIME_IMAGE + "-e2e.2";
    times.time("6a. helm upgrade to a new runtime image tag: rolling update", () -> {
      cluster.tag(RUNTIME_IMAGE, newImage);
      String before = runtimeTemplateHash();
      cluster.helm("upgrade", "sidekick-operator", "helm/sidekick-operator", "-n", OPERATOR_NS, "--reuse-values",
          "--set", "runtime.image=" + newImage, "--wait", "--timeout", "5m");
      awaitRolledFrom(before);
      assertThat(runtimePods()).allSatisfy(p ->
          assertThat(p.path("spec").path("containers").get(0).path("image").asText()).isEqualTo(newImage));
    });
    customers.stop();
    customers.assertEachAnsweredExactlyOnce(Duration.ofMinutes(2));
    assertNoDeliveryFailedAfter(firstDelivery);

    times.time("6b. kubectl delete the SidekickIntegration: webhooks gone from Gladly", () -> {
      cluster.kubectl("delete", "sk", "acme", "-n", NS, "--timeout=120s");
      assertThat(gladly.webhooks()).isEmpty();
      Awaitility.await("the runtime's objects collected").atMost(Duration.ofMinutes(2)).untilAsserted(() ->
          assertThat(cluster.json("-n", NS, "get", "deployments,services,configmaps,secrets", "-l",
              "app.kubernetes.io/managed-by=sidekick-operator").path("items")).isEmpty());
    });

    times.time("6c. helm uninstall: nothing of the release is left", () -> {
      cluster.helm("uninstall", "sidekick-operator", "-n", OPERATOR_NS, "--wait", "--timeout", "2m");
      Awaitility.await("the operator's objects deleted").atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
        assertThat(cluster.json("-n", OPERATOR_NS, "get", "all,configmaps,serviceaccounts,roles,rolebindings,leases")
            .path("items")).allSatisfy(o -> assertThat(o.path("metadata").path("name").asText())
                .as("left in %s", OPERATOR_NS).isIn("kube-root-ca.crt", "default"));
        assertThat(cluster.json("get", "clusterroles,clusterrolebindings", "-l", "app.kubernetes.io/instance=sidekick-operator")
            .path("items")).isEmpty();
      });
      // Helm never deletes crds/ (NOTES.txt says so and how); the CRD goes by hand, with nothing left using it
      cluster.kubectl("delete", "crd", "sidekickintegrations.sidekick.dev");
    });
  }

  /**
   * The runtime's NetworkPolicy as examples/cluster/sidekickintegration.yaml asks for it: in, the simulator delivering
   * Gladly's webhooks and the operator reading readiness; out, DNS, the ports the resource names (Gladly's, Redis's, the
   * Sentinels'), the simulator's pods and the replica's port. Our bridge CNI does not enforce it (docs/network-policy.md).
   */
  private void assertTheNetworkPolicyAllowsWhatTheRuntimeCalls() {
    JsonNode policy = cluster.json("-n", NS, "get", "networkpolicy", "acme-sidekick").path("spec");
    assertThat(policy.path("podSelector").path("matchLabels").path("app.kubernetes.io/instance").asText()).isEqualTo("acme");
    List<String> in = new ArrayList<>();
    policy.path("ingress").forEach(rule -> rule.path("from").forEach(peer -> in.add(
        peer.path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name").asText()
            + " " + ports(rule))));
    assertThat(in).containsExactly("gladly-sim [TCP 8080]", OPERATOR_NS + " [TCP 8080]");
    List<String> out = new ArrayList<>();
    policy.path("egress").forEach(rule -> out.add(peers(rule) + " " + ports(rule)));
    List<String> redisPorts = new ArrayList<>(List.of("TCP 443", "TCP 6379"));
    new SentinelStore(cluster).sentinels().forEach(hostPort -> redisPorts.add("TCP " + hostPort.split(":")[1]));
    assertThat(out).containsExactly(
        "[10.244.0.1/32] [UDP 53, TCP 53]",
        "[10.244.0.1/32] " + redisPorts,
        "[gladly-sim] [TCP 8443]",
        "[10.244.0.1/32] [TCP 6380]");
  }

  private static List<String> ports(JsonNode rule) {
    List<String> ports = new ArrayList<>();
    rule.path("ports").forEach(p -> ports.add(p.path("protocol").asText() + " " + p.path("port").asText()));
    return ports;
  }

  private static List<String> peers(JsonNode rule) {
    List<String> peers = new ArrayList<>();
    rule.path("to").forEach(p -> peers.add(p.has("ipBlock") ? p.path("ipBlock").path("cidr").asText()
        : p.path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name").asText()));
    return peers;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private List<JsonNode> runtimePods() {
    List<JsonNode> pods = new ArrayList<>();
    cluster.json("-n", NS, "get", "pods", "-l", "app.kubernetes.io/instance=acme").path("items").forEach(p -> {
      if (p.path("metadata").path("deletionTimestamp").isMissingNode()) pods.add(p);
    });
    return pods;
  }

  private String runtimeTemplateHash() {
    return cluster.json("-n", NS, "get", "deployment", "acme-sidekick").path("spec").path("template").toString().hashCode() + "";
  }

  /** The Deployment's template changed and is rolled out: only pods of the new template remain. */
  private void awaitRolledFrom(String templateBefore) {
    Awaitility.await("the runtime's pod template changes").atMost(ROLL).until(() -> !runtimeTemplateHash().equals(templateBefore));
    cluster.kubectl("rollout", "status", "deployment/acme-sidekick", "-n", NS, "--timeout=" + ROLL.toSeconds() + "s");
    Awaitility.await("the old pods gone").atMost(ROLL).untilAsserted(() ->
        assertThat(cluster.json("-n", NS, "get", "pods", "-l", "app.kubernetes.io/instance=acme").path("items")).hasSize(REPLICAS));
  }

  private long lastDeliverySeq() {
    long max = 0;
    for (JsonNode d : gladly.deliveries().path("deliveries")) max = Math.max(max, d.path("seq").asLong());
    return max;
  }

  private void assertNoDeliveryFailedAfter(long seq) {
    Awaitility.await("deliveries settled").atMost(Duration.ofMinutes(1))
        .until(() -> gladly.deliveries().path("inFlight").asInt() == 0);
    List<String> failed = new ArrayList<>();
    for (JsonNode d : gladly.deliveries().path("deliveries")) {
      if (d.path("seq").asLong() > seq && !"Success".equals(d.path("outcome").asText())) failed.add(d.toString());
    }
    assertThat(failed).as("deliveries that failed").isEmpty();
  }

  private static JsonNode condition(JsonNode resource, String type) {
    for (JsonNode c : resource.path("status").path("conditions")) {
      if (type.equals(c.path("type").asText())) return c;
    }
    throw new AssertionError("no condition " + type + " in " + resource.path("status"));
  }

  private static Set<String> urls(JsonNode webhooks) {
    Set<String> urls = new HashSet<>();
    webhooks.forEach(w -> urls.add(w.path("url").asText()));
    return urls;
  }

  private String startedIn(JsonNode pod) {
    String logs = cluster.kubectl("logs", pod.path("metadata").path("name").asText(), "-n", NS);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("started in ([0-9.]+)s").matcher(logs);
    return m.find() ? m.group(1) + " s" : "not in the log";
  }

  /** The JVM's resident memory (PID 1 of the container) against the container's memory limit. */
  private String memory(JsonNode pod) {
    String name = pod.path("metadata").path("name").asText();
    String ns = pod.path("metadata").path("namespace").asText();
    String rss = cluster.kubectl("exec", name, "-n", ns, "--", "sh", "-c", "grep VmRSS /proc/1/status").replaceAll("[^0-9]", "");
    String limit = pod.path("spec").path("containers").get(0).path("resources").path("limits").path("memory").asText("none");
    return (Long.parseLong(rss) / 1024) + " MiB RSS (limit " + limit + ")";
  }
}
