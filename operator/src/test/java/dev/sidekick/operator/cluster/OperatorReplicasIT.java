package dev.sidekick.operator.cluster;

import static dev.sidekick.operator.cluster.ClusterIntegrations.conditions;
import static dev.sidekick.operator.cluster.ClusterIntegrations.isReadyForItsGeneration;
import static dev.sidekick.operator.cluster.ClusterIntegrations.webhooksOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.gladlysim.GladlySimulator;
import dev.sidekick.gladlysim.SimOptions;
import dev.sidekick.gladlysim.state.Webhook;
import dev.sidekick.contract.Channel;
import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.dependent.Names;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of the packaged operator, each a process of its own as the chart's Deployment runs them (prod
 * profile: leader election through the Lease sidekick-operator-leader, server-side apply, only the RBAC the build
 * generates, watching the namespaces "support" and "sales"), against a real kube-apiserver and the Gladly
 * simulator. The leader crashes and is restarted, the new leader is stopped gracefully; through all of it Gladly
 * never holds two webhooks for one URL, and what changed while no replica led is caught up.
 */
class OperatorReplicasIT {

  private static final String OPERATOR_NAMESPACE = "sidekick-system";
  private static final String LEASE = "sidekick-operator-leader";
  private static final Duration TAKEOVER = Duration.ofSeconds(120);

  private static KubeTestEnvironment env;
  private static GladlySimulator gladly;
  private static String serviceAccountUser;
  private static final List<OperatorProcess> replicas = new ArrayList<>();
  /** The most webhooks Gladly held for one URL at any moment of the test, sampled every 50 ms. */
  private static final Map<String, Integer> mostWebhooksPerUrl = new ConcurrentHashMap<>();
  private static final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

  @BeforeAll
  static void startControlPlaneAndGladly() throws IOException {
    env = KubeTestEnvironment.start("replicas", new KubeTestEnvironment.Options("*,-deployment,-replicaset", true));
    KubernetesClient admin = env.client();
    env.installCrd();
    admin.resource(new NamespaceBuilder().withNewMetadata().withName(OPERATOR_NAMESPACE).endMetadata().build())
        .serverSideApply();
    String serviceAccount = OperatorOnRealApiServerResource.applyGeneratedRbac(admin, OPERATOR_NAMESPACE);
    serviceAccountUser = KubeTestEnvironment.serviceAccountUser(OPERATOR_NAMESPACE, serviceAccount);
    gladly = GladlySimulator.start(SimOptions.defaults().seed("acme").tls(true));
    Files.writeString(env.workDir().resolve("gladly-sim.pem"), gladly.trustPem());
    sampler.scheduleWithFixedDelay(OperatorReplicasIT::sampleWebhooks, 0, 50, TimeUnit.MILLISECONDS);
  }

  @AfterAll
  static void stopEverything() {
    sampler.shutdownNow();
    replicas.forEach(OperatorProcess::close);
    if (gladly != null) {
      gladly.close();
    }
    if (env != null) {
      env.close();
    }
  }

  @Test
  void two_replicas_keep_one_webhook_per_url_through_a_crash_a_restart_and_a_graceful_stop() {
    KubernetesClient admin = env.client();
    OperatorProcess a = startReplica("sidekick-operator-a");
    OperatorProcess b = startReplica("sidekick-operator-b");
    String firstLeader = awaitLeaderAmong(a, b);

    for (String ns : List.of("support", "sales", "elsewhere")) {
      ClusterIntegrations.prepareNamespace(admin, ns);
    }
    SidekickIntegration alpha = admin.resource(ClusterIntegrations.integration(gladly, "support", "alpha",
            new EndpointSpec("us-store", "Support", Channel.CHAT, Channel.MESSAGING)))
        .create();
    SidekickIntegration beta = admin.resource(ClusterIntegrations.integration(gladly, "sales", "beta",
            new EndpointSpec("eu-store", "Support", Channel.CHAT)))
        .create();
    // outside the watched namespaces: no replica may touch it, nor register anything in Gladly for it
    SidekickIntegration stray = admin.resource(ClusterIntegrations.integration(gladly, "elsewhere", "stray",
            new EndpointSpec("x-store", "Support", Channel.CHAT)))
        .create();

    try (DeploymentAvailability support = new DeploymentAvailability(admin, "support");
        DeploymentAvailability sales = new DeploymentAvailability(admin, "sales")) {
      awaitReady(admin, alpha, "/gladly/us-store/chat", "/gladly/us-store/messaging");
      awaitReady(admin, beta, "/gladly/eu-store/chat");
      String alphaPods = podTemplateHash(admin, alpha);

      // the leader crashes; while nobody leads, Gladly loses a webhook and a user adds an endpoint
      OperatorProcess leader = firstLeader.equals(a.identity()) ? a : b;
      OperatorProcess follower = leader == a ? b : a;
      leader.kill();
      Webhook.View lost = webhooksOf(gladly, alpha).get(0);
      gladly.admin().deleteWebhook(lost.id());
      editEndpoints(admin, beta, new EndpointSpec("eu-store", "Support", Channel.CHAT),
          new EndpointSpec("ca-store", "Returns", Channel.MESSAGING));

      await(TAKEOVER).untilAsserted(() -> assertThat(leaseHolder(admin)).isEqualTo(follower.identity()));
      awaitReady(admin, alpha, "/gladly/us-store/chat", "/gladly/us-store/messaging");
      awaitReady(admin, beta, "/gladly/eu-store/chat", "/gladly/ca-store/messaging");
      assertThat(podTemplateHash(admin, alpha))
          .as("alpha's spec did not change: a new leader must not roll its runtime pods")
          .isEqualTo(alphaPods);

      // the crashed replica comes back (a follower now); then the leader is stopped as Kubernetes stops a pod
      OperatorProcess restarted = startReplica(leader.identity());
      follower.close();
      await(TAKEOVER).untilAsserted(() -> assertThat(leaseHolder(admin)).isEqualTo(restarted.identity()));

      admin.resource(beta).delete();
      await(TAKEOVER).untilAsserted(() -> {
        assertThat(admin.resource(beta).get()).isNull();
        assertThat(webhooksOf(gladly, beta)).isEmpty();
      });
      awaitReady(admin, alpha, "/gladly/us-store/chat", "/gladly/us-store/messaging");
      assertThat(podTemplateHash(admin, alpha)).isEqualTo(alphaPods);

      // steady state: resyncs (every 5 s here) read, and write nothing to Kubernetes
      long writes = kubernetesWrites();
      Awaitility.await().during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(20))
          .until(() -> kubernetesWrites() == writes);
      assertThat(restarted.isAlive()).as("the restarted replica runs; its log:%n%s", restarted.log()).isTrue();
    }

    SidekickIntegration strayNow = admin.resource(stray).get();
    assertThat(strayNow.getStatus()).as("status of an integration outside the watched namespaces").isNull();
    assertThat(strayNow.getMetadata().getFinalizers()).isEmpty();
    assertThat(webhooksOf(gladly, stray)).isEmpty();

    assertThat(mostWebhooksPerUrl)
        .as("webhooks Gladly held for one URL at once, at any moment of the test")
        .isNotEmpty()
        .allSatisfy((url, most) -> assertThat(most).as(url).isEqualTo(1));
    List<String> requests = env.requestsBy(serviceAccountUser);
    assertThat(requests).as("the replicas' requests, from the audit log").anyMatch(r -> r.contains("/leases/" + LEASE));
    assertThat(requests).as("requests the operator's RBAC refused").noneMatch(r -> r.startsWith("403 "));
  }

  private static OperatorProcess startReplica(String identity) {
    Path pem = env.workDir().resolve("gladly-sim.pem");
    Map<String, String> environment = new HashMap<>();
    environment.put("QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", env.apiServerUrl());
    environment.put("QUARKUS_KUBERNETES_CLIENT_TRUST_CERTS", "true");
    environment.put("QUARKUS_KUBERNETES_CLIENT_CLIENT_CERT_FILE", env.clientCertificate().toString());
    environment.put("QUARKUS_KUBERNETES_CLIENT_CLIENT_KEY_FILE", env.clientKey().toString());
    // as the chart sets them
    environment.put("KUBERNETES_NAMESPACE", OPERATOR_NAMESPACE);
    environment.put("QUARKUS_OPERATOR_SDK_NAMESPACES", "support,sales");
    environment.put("SIDEKICK_GLADLY_TRUSTED_CA_FILE", pem.toString());
    environment.put("SIDEKICK_RECONCILE_RESYNC_INTERVAL", "5s");
    environment.put("QUARKUS_HTTP_HOST", "127.0.0.1");
    environment.put("QUARKUS_HTTP_PORT", "0");
    // the client certificate is the admin's: act as the operator's service account, as in a pod
    Map<String, String> properties = Map.of(
        "kubernetes.impersonate.username", serviceAccountUser,
        "kubernetes.impersonate.group",
        "system:serviceaccounts,system:serviceaccounts:" + OPERATOR_NAMESPACE + ",system:authenticated");
    OperatorProcess replica = OperatorProcess.start(identity, environment, properties, env.workDir());
    replicas.add(replica);
    return replica;
  }

  private static String awaitLeaderAmong(OperatorProcess... candidates) {
    KubernetesClient admin = env.client();
    List<String> names = List.of(candidates).stream().map(OperatorProcess::identity).toList();
    await(TAKEOVER).untilAsserted(() -> {
      for (OperatorProcess p : candidates) {
        assertThat(p.isAlive()).as("replica %s runs; its log:%n%s", p.identity(), p.log()).isTrue();
      }
      assertThat(leaseHolder(admin)).isIn(names);
    });
    return leaseHolder(admin);
  }

  private static String leaseHolder(KubernetesClient admin) {
    Lease lease = admin.resources(Lease.class).inNamespace(OPERATOR_NAMESPACE).withName(LEASE).get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }

  /** Ready for its latest generation, with exactly these webhooks (paths under its public URL) in Gladly. */
  private static void awaitReady(KubernetesClient admin, SidekickIntegration sk, String... webhookPaths) {
    List<String> expected = List.of(webhookPaths).stream().map(p -> sk.getSpec().publicUrl + p).toList();
    await(TAKEOVER).untilAsserted(() -> {
      SidekickIntegration current = admin.resource(sk).get();
      assertThat(isReadyForItsGeneration(current))
          .as("%s Ready for its generation; conditions: %s; lease holder: %s",
              sk.getMetadata().getName(), conditions(current), leaseHolder(admin))
          .isTrue();
      assertThat(webhooksOf(gladly, sk)).extracting(Webhook.View::url).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(webhooksOf(gladly, sk)).allSatisfy(w -> assertThat(w.enabled()).isTrue());
    });
  }

  /** As {@code kubectl edit} would: read, change, write, and again when a replica wrote in between (409). */
  private static void editEndpoints(KubernetesClient admin, SidekickIntegration sk, EndpointSpec... endpoints) {
    for (int attempt = 1; ; attempt++) {
      try {
        admin.resources(SidekickIntegration.class).inNamespace(sk.getMetadata().getNamespace())
            .withName(sk.getMetadata().getName())
            .edit(current -> {
              current.getSpec().endpoints = new ArrayList<>(List.of(endpoints));
              return current;
            });
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 5) {
          throw e;
        }
      }
    }
  }

  /** The runtime Deployment's hash of configuration, credentials and keys: when it changes, the pods roll. */
  private static String podTemplateHash(KubernetesClient admin, SidekickIntegration sk) {
    return admin.apps().deployments().inNamespace(sk.getMetadata().getNamespace()).withName(Names.runtime(sk)).get()
        .getSpec().getTemplate().getMetadata().getAnnotations().get(Names.CONFIG_HASH_ANNOTATION);
  }

  /** The operator's writes so far (the Lease and Events aside), from the audit log. */
  private static long kubernetesWrites() {
    return env.requestsBy(serviceAccountUser).stream()
        .filter(r -> r.matches("\\d+ (create|update|patch|delete) .*"))
        .filter(r -> !r.contains("/leases") && !r.contains("/events") && !r.contains("selfsubjectrulesreviews"))
        .count();
  }

  private static void sampleWebhooks() {
    try {
      Map<String, Long> perUrl = gladly.state().webhooks().stream()
          .collect(Collectors.groupingBy(Webhook.View::url, Collectors.counting()));
      perUrl.forEach((url, n) -> mostWebhooksPerUrl.merge(url, n.intValue(), Math::max));
    } catch (RuntimeException e) {
      // the simulator is stopping; the assertions already ran
    }
  }

  private static ConditionFactory await(Duration atMost) {
    return Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(250));
  }
}
