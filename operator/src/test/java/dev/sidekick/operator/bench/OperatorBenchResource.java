package dev.sidekick.operator.bench;

import dev.sidekick.gladlysim.GladlySimulator;
import dev.sidekick.gladlysim.SimOptions;
import dev.sidekick.operator.cluster.KubeTestEnvironment;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything the benchmark runs beside the operator, on loopback: etcd + kube-apiserver 1.20.2 (the cluster
 * harness, with its audit log so that the operator's own Kubernetes requests can be counted; no
 * controller-manager: no pod can run here, {@link RuntimeAvailabilityStandIn} reports the runtime Deployments
 * available), the committed CRD, and the Gladly simulator over TLS with one organization per integration.
 * The operator's Kubernetes client has a client certificate of its own (user {@link #OPERATOR_USER}, group
 * system:masters), so that the apiserver's audit log tells its requests from the benchmark's.
 */
public class OperatorBenchResource implements QuarkusTestResourceLifecycleManager {

  static final String NAMESPACE = "bench";
  static final String OPERATOR_USER = "sidekick-operator-bench";

  static volatile KubeTestEnvironment env;
  static volatile GladlySimulator gladly;
  static volatile BenchSettings settings;

  @Override
  public Map<String, String> start() {
    settings = BenchSettings.fromSystemProperties();
    Instant started = Instant.now();
    env = KubeTestEnvironment.start("operator-bench", new KubeTestEnvironment.Options(null, true));
    try {
      KubernetesClient admin = env.client();
      env.installCrd();
      admin.resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
          .serverSideApply();

      Path seed = BenchSeed.write(env.workDir(), settings.integrations());
      gladly =
          GladlySimulator.start(
              SimOptions.defaults().seed(seed.toString()).tls(true).apiCallLogSize(2_000_000));
      Path pem = env.workDir().resolve("gladly-sim.pem");
      Files.writeString(pem, gladly.trustPem());
      System.out.printf(
          "bench: apiserver %s and simulator %s (%d organizations) up in %d ms%n",
          env.apiServerUrl(), gladly.baseUrl(), settings.integrations(),
          java.time.Duration.between(started, Instant.now()).toMillis());

      Map<String, String> c = new HashMap<>();
      c.put("quarkus.kubernetes-client.api-server-url", env.apiServerUrl());
      c.put("quarkus.kubernetes-client.trust-certs", "true");
      // its own identity in system:masters, so that the audit log tells its requests from the benchmark's
      Path[] operatorCert = env.issueClientCertificate(OPERATOR_USER, "system:masters");
      c.put("quarkus.kubernetes-client.client-cert-file", operatorCert[0].toString());
      c.put("quarkus.kubernetes-client.client-key-file", operatorCert[1].toString());
      c.put("quarkus.kubernetes-client.namespace", NAMESPACE);
      // Quarkus 3.33 fixes quarkus.kubernetes-client.* at build time (the test app is built before this resource
      // starts), so the client falls back to fabric8's auto-configuration: point that at the apiserver too.
      System.setProperty("kubeconfig", operatorKubeconfig(env, operatorCert).toString());
      c.put("sidekick.gladly.trusted-ca-file", pem.toString());
      return c;
    } catch (IOException e) {
      stop();
      throw new UncheckedIOException(e);
    } catch (RuntimeException | Error e) {
      stop();
      throw e;
    }
  }

  private static Path operatorKubeconfig(KubeTestEnvironment env, Path[] cert) throws IOException {
    Path file = env.workDir().resolve("operator-kubeconfig");
    Files.writeString(file, String.join("\n",
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        "- name: testenv",
        "  cluster:",
        "    server: " + env.apiServerUrl(),
        "    insecure-skip-tls-verify: true",
        "users:",
        "- name: operator",
        "  user:",
        "    client-certificate: " + cert[0],
        "    client-key: " + cert[1],
        "contexts:",
        "- name: operator",
        "  context:",
        "    cluster: testenv",
        "    user: operator",
        "    namespace: " + NAMESPACE,
        "current-context: operator",
        ""));
    return file;
  }

  @Override
  public void stop() {
    System.clearProperty("kubeconfig");
    try {
      if (gladly != null) gladly.close();
    } finally {
      gladly = null;
      if (env != null) env.close();
      env = null;
    }
  }
}
