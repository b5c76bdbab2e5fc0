package dev.sidekick.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.Release;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart (helm/sidekick-operator): lint, render, stays in step with what the operator's build generates
 * (CRD, RBAC), and installs, upgrades and uninstalls on a real kube-apiserver 1.20.2. The operator's pods stay
 * Pending there (no nodes), so what is checked is what the chart creates.
 */
@RealApiServer(controllerManager = true)
class HelmChartIT {

  private static final String RELEASE_NAMESPACE = "sidekick-system";

  private final Helm chart = new Helm(ProjectFiles.chart());

  @Test
  void the_chart_lints_clean_in_strict_mode() {
    LintResult lint = chart.lint().strict().call();
    assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
  }

  @Test
  void the_chart_crd_is_the_committed_crd() throws IOException {
    Path inChart = ProjectFiles.chart().resolve("crds").resolve(ProjectFiles.CRD_FILE);
    Path committed = ProjectFiles.committedCrd();
    assertThat(committed).as("the committed CRD (crds/) the chart copies").isRegularFile();
    try (var files = Files.list(ProjectFiles.chart().resolve("crds"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("helm/sidekick-operator/crds holds exactly the committed CRD")
          .containsExactly(ProjectFiles.CRD_FILE);
    }
    assertThat(Files.readString(inChart))
        .as("helm/sidekick-operator/crds/%s differs from crds/%s: after regenerating the CRD run"
                + " `cp crds/%s helm/sidekick-operator/crds/`",
            ProjectFiles.CRD_FILE, ProjectFiles.CRD_FILE, ProjectFiles.CRD_FILE)
        .isEqualTo(Files.readString(committed));
  }

  @Test
  void the_chart_grants_exactly_the_rbac_that_the_operator_build_generates() {
    List<HasMetadata> generated = ProjectFiles.loadAll(ProjectFiles.generatedKubernetesYml());
    String generatedServiceAccount = generated.stream()
        .filter(m -> "ServiceAccount".equals(m.getKind()))
        .map(m -> m.getMetadata().getName())
        .findFirst()
        .orElseThrow();
    Set<String> expected = RbacGrants.of(generated, generatedServiceAccount, null);
    Set<String> rendered = RbacGrants.of(render(chart.template()), "sidekick-operator", RELEASE_NAMESPACE);
    assertThat(expected).as("RBAC in target/kubernetes/kubernetes.yml").isNotEmpty();
    assertThat(rendered)
        .as("the chart's RBAC (templates/rbac.yaml) must grant what QOSDK generates in"
            + " operator/target/kubernetes/kubernetes.yml; copy the rules from there")
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void default_values_render_a_hardened_operator_watching_every_namespace() {
    List<HasMetadata> objects = render(chart.template());
    assertThat(objects)
        .extracting(HasMetadata::getKind)
        .containsExactlyInAnyOrder(
            "ServiceAccount", "ClusterRole", "ClusterRole", "ClusterRoleBinding", "ClusterRoleBinding",
            "RoleBinding", "Service", "Deployment");
    Deployment deployment = only(objects, Deployment.class);
    assertHardened(deployment);
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    Container operator = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(operator.getImage()).isEqualTo("ghcr.io/sidekick-for-gladly/sidekick-operator:0.1.0");
    assertThat(env(operator))
        .containsEntry("QUARKUS_OPERATOR_SDK_NAMESPACES", "JOSDK_ALL_NAMESPACES")
        .containsEntry("SIDEKICK_RUNTIME_IMAGE", "ghcr.io/sidekick-for-gladly/sidekick-runtime:0.1.0")
        .containsEntry("QUARKUS_LOG_LEVEL", "INFO");
    assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("sidekick-operator");
  }

  @Test
  void custom_values_change_image_replicas_namespaces_and_bind_the_reconciler_per_watched_namespace() {
    List<HasMetadata> objects = render(chart.template().withValuesFile(customValues()));
    Deployment deployment = only(objects, Deployment.class);
    assertHardened(deployment);
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getServiceAccountName()).isEqualTo("sidekick");
    assertThat(pod.getImagePullSecrets()).extracting(s -> s.getName()).containsExactly("registry-credentials");
    Container operator = pod.getContainers().get(0);
    assertThat(operator.getImage()).isEqualTo("registry.example.com/platform/sidekick-operator:9.9.9");
    assertThat(operator.getImagePullPolicy()).isEqualTo("Always");
    assertThat(operator.getResources().getLimits().get("memory").toString()).isEqualTo("512Mi");
    assertThat(env(operator))
        .containsEntry("QUARKUS_OPERATOR_SDK_NAMESPACES", "team-a,team-b")
        .containsEntry("SIDEKICK_RUNTIME_IMAGE", "registry.example.com/platform/sidekick-runtime:9.9.9")
        .containsEntry("QUARKUS_LOG_LEVEL", "DEBUG")
        .containsEntry("SIDEKICK_RECONCILE_RESYNC_INTERVAL", "10m");

    // the reconciler's permissions are bound in each watched namespace, not cluster-wide
    assertThat(objects.stream().filter(ClusterRoleBinding.class::isInstance).map(m -> m.getMetadata().getName()))
        .containsExactly("release-sidekick-operator-crd-validating");
    assertThat(objects.stream()
            .filter(RoleBinding.class::isInstance)
            .map(RoleBinding.class::cast)
            .filter(b -> b.getRoleRef().getName().endsWith("-reconciler"))
            .map(b -> b.getMetadata().getNamespace()))
        .containsExactlyInAnyOrder("team-a", "team-b");
    Set<String> grants = RbacGrants.of(objects, "sidekick", RELEASE_NAMESPACE);
    assertThat(grants)
        .contains(
            "namespace team-a | sidekick.dev | sidekickintegrations | watch | *",
            "namespace team-b | apps | deployments | create | *",
            RbacGrants.OWN_NAMESPACE + " | coordination.k8s.io | leases | update | *")
        .noneMatch(g -> g.startsWith("cluster | sidekick.dev"));
  }

  @Test
  void each_monitoring_option_renders_its_own_object() {
    Map<String, String> options = Map.of(
        "monitoring.serviceMonitor.enabled", "ServiceMonitor",
        "monitoring.podMonitor.enabled", "PodMonitor",
        "monitoring.prometheusRule.enabled", "PrometheusRule",
        "monitoring.grafanaDashboard.enabled", "ConfigMap");
    options.forEach((option, kind) -> assertThat(render(chart.template().set(option, "true")))
        .as(option)
        .filteredOn(o -> o.getMetadata().getName().startsWith("release-sidekick-operator")
            && !List.of("Deployment", "Service", "ClusterRole", "ClusterRoleBinding", "RoleBinding").contains(o.getKind()))
        .extracting(HasMetadata::getKind)
        .containsExactly(kind));

    List<HasMetadata> all = render(chart.template()
        .set("monitoring.serviceMonitor.enabled", "true")
        .set("monitoring.podMonitor.enabled", "true")
        .set("monitoring.prometheusRule.enabled", "true")
        .set("monitoring.grafanaDashboard.enabled", "true")
        .set("monitoring.labels.release", "kube-prometheus-stack"));
    HasMetadata podMonitor = all.stream().filter(o -> "PodMonitor".equals(o.getKind())).findFirst().orElseThrow();
    assertThat(podMonitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
    // the PodMonitor selects the runtime pods by the labels the operator gives them (dependent.Names)
    assertThat(Serialization.asYaml(podMonitor))
        .contains("app.kubernetes.io/name: \"sidekick-runtime\"", "app.kubernetes.io/managed-by: \"sidekick-operator\"",
            "any: true");
    ConfigMap dashboard = all.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
        .filter(c -> c.getMetadata().getName().endsWith("-dashboard")).findFirst().orElseThrow();
    assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    assertThat(Serialization.unmarshal(dashboard.getData().get("sidekick.json"), Map.class))
        .containsEntry("uid", "sidekick-for-gladly");
  }

  @Test
  void a_network_policy_locks_the_operator_down_only_when_asked() {
    assertThat(render(chart.template())).noneMatch(NetworkPolicy.class::isInstance);

    List<HasMetadata> objects = render(chart.template()
        .set("networkPolicy.enabled", "true")
        .set("networkPolicy.metricsFrom[0].namespaceSelector.matchLabels.name", "monitoring")
        .set("networkPolicy.apiServer.cidrs[0]", "10.0.0.1/32"));
    NetworkPolicy policy = only(objects, NetworkPolicy.class);
    Deployment deployment = only(objects, Deployment.class);
    assertThat(policy.getSpec().getPodSelector().getMatchLabels())
        .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
    assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
    // in: the health and metrics port, from the monitoring namespace only
    assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
      assertThat(rule.getFrom()).singleElement()
          .satisfies(p -> assertThat(p.getNamespaceSelector().getMatchLabels()).isEqualTo(Map.of("name", "monitoring")));
      assertThat(ports(rule.getPorts())).containsExactly("TCP/8080");
    });
    // out: DNS, the API server (to the address given), Gladly and Shopify by port, the runtimes' readiness
    List<NetworkPolicyEgressRule> egress = policy.getSpec().getEgress();
    assertThat(egress).extracting(rule -> ports(rule.getPorts())).containsExactly(
        List.of("UDP/53", "TCP/53"), List.of("TCP/443", "TCP/6443"), List.of("TCP/443"), List.of("TCP/8080"));
    assertThat(egress.get(0).getTo()).singleElement().satisfies(p -> assertThat(
        p.getNamespaceSelector().getMatchLabels()).isEqualTo(Map.of("kubernetes.io/metadata.name", "kube-system")));
    assertThat(egress.get(1).getTo()).extracting(p -> p.getIpBlock().getCidr()).containsExactly("10.0.0.1/32");
    assertThat(egress.get(2).getTo()).as("no cidrs: any address on 443").isNullOrEmpty();
    assertThat(egress.get(3).getTo()).singleElement().satisfies(p -> assertThat(p.getPodSelector().getMatchLabels())
        .containsEntry("app.kubernetes.io/name", "sidekick-runtime"));

    List<HasMetadata> closed = render(chart.template().set("networkPolicy.enabled", "true"));
    assertThat(only(closed, NetworkPolicy.class).getSpec().getIngress()).as("no peers named: nothing comes in").isNullOrEmpty();
  }

  private static List<String> ports(List<NetworkPolicyPort> ports) {
    return ports.stream().map(p -> p.getProtocol() + "/" + p.getPort().getIntVal()).toList();
  }

  @Test
  void values_outside_the_schema_are_refused_before_anything_is_rendered() {
    assertThatThrownBy(() -> chart.template().set("operator.logLevel", "LOUD").call())
        .hasMessageContaining("logLevel");
    assertThatThrownBy(() -> chart.template().set("operator.replicas", "0").call())
        .hasMessageContaining("replicas");
    assertThatThrownBy(() -> chart.template().set("watchNamespaces", "{Team_A}").call())
        .hasMessageContaining("watchNamespaces");
    assertThatThrownBy(() -> chart.template().set("monitoring.podMonitor.enabled", "yes").call())
        .hasMessageContaining("enabled");
    assertThatThrownBy(() -> chart.template().set("networkPolicy.external.ports[0]", "70000").call())
        .hasMessageContaining("ports");
  }

  @Test
  void installs_upgrades_and_uninstalls_on_a_real_apiserver(KubeTestEnvironment env) {
    KubernetesClient client = env.client();
    Release installed = chart.install()
        .withKubeConfig(env.kubeconfig())
        .withName("sidekick-operator")
        .withNamespace(RELEASE_NAMESPACE)
        .createNamespace()
        .call();
    assertThat(installed.getStatus()).isEqualTo("deployed");

    // crds/ first: the CRD is installed and served
    CrdOnRealApiServerIT.awaitEstablished(client, ProjectFiles.CRD_NAME);
    assertThat(client.serviceAccounts().inNamespace(RELEASE_NAMESPACE).withName("sidekick-operator").get()).isNotNull();
    assertThat(client.rbac().clusterRoles().list().getItems())
        .extracting(r -> r.getMetadata().getName())
        .contains("sidekick-operator-reconciler", "sidekick-operator-crd-validating");
    assertThat(client.rbac().clusterRoleBindings().list().getItems())
        .extracting(r -> r.getMetadata().getName())
        .contains("sidekick-operator-reconciler", "sidekick-operator-crd-validating");
    assertThat(client.rbac().roleBindings().inNamespace(RELEASE_NAMESPACE).withName("sidekick-operator-view").get())
        .isNotNull();
    Deployment deployment = client.apps().deployments().inNamespace(RELEASE_NAMESPACE).withName("sidekick-operator").get();
    assertThat(deployment).isNotNull();
    assertHardened(deployment);
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);

    Release upgraded = chart.upgrade()
        .withKubeConfig(env.kubeconfig())
        .withName("sidekick-operator")
        .withNamespace(RELEASE_NAMESPACE)
        .set("operator.replicas", "2")
        .set("operator.logLevel", "DEBUG")
        .set("networkPolicy.enabled", "true")
        .call();
    assertThat(upgraded.getRevision()).isEqualTo("2");
    assertThat(upgraded.getStatus()).isEqualTo("deployed");
    Deployment afterUpgrade =
        client.apps().deployments().inNamespace(RELEASE_NAMESPACE).withName("sidekick-operator").get();
    assertThat(afterUpgrade.getSpec().getReplicas()).isEqualTo(2);
    assertThat(env(afterUpgrade.getSpec().getTemplate().getSpec().getContainers().get(0)))
        .containsEntry("QUARKUS_LOG_LEVEL", "DEBUG");
    assertHardened(afterUpgrade);
    assertThat(client.network().v1().networkPolicies().inNamespace(RELEASE_NAMESPACE).withName("sidekick-operator").get())
        .as("the NetworkPolicy, as the API server validated and stored it").isNotNull();

    String uninstalled = Helm.uninstall("sidekick-operator")
        .withKubeConfig(env.kubeconfig())
        .withNamespace(RELEASE_NAMESPACE)
        .call();
    assertThat(uninstalled).contains("sidekick-operator");
    Awaitility.await("release objects deleted")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> {
          assertThat(client.apps().deployments().inNamespace(RELEASE_NAMESPACE).withName("sidekick-operator").get())
              .isNull();
          assertThat(client.rbac().clusterRoles().withName("sidekick-operator-reconciler").get()).isNull();
          assertThat(client.serviceAccounts().inNamespace(RELEASE_NAMESPACE).withName("sidekick-operator").get())
              .isNull();
        });
    // Helm never deletes what it installed from crds/: SidekickIntegrations survive an uninstall
    assertThat(client.apiextensions().v1().customResourceDefinitions().withName(ProjectFiles.CRD_NAME).get())
        .isNotNull();
  }

  /** Non-root, read-only root filesystem, no capabilities, no privilege escalation, RuntimeDefault seccomp, probes. */
  static void assertHardened(Deployment deployment) {
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(pod.getContainers()).hasSize(1);
    Container c = pod.getContainers().get(0);
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(c.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
    assertThat(c.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
  }

  private static Map<String, String> env(Container c) {
    return c.getEnv().stream()
        .filter(e -> e.getValue() != null)
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }

  static List<HasMetadata> render(com.marcnuri.helm.TemplateCommand template) {
    String yaml = template.withName("release").withNamespace(RELEASE_NAMESPACE).call();
    Object parsed = Serialization.unmarshal(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    List<HasMetadata> objects = new ArrayList<>();
    if (parsed instanceof List<?> list) {
      list.forEach(o -> objects.add((HasMetadata) o));
    } else if (parsed instanceof io.fabric8.kubernetes.api.model.KubernetesList list) {
      objects.addAll(list.getItems());
    } else {
      objects.add((HasMetadata) parsed);
    }
    return objects;
  }

  private static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> type) {
    List<T> matching = objects.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }

  private static Path customValues() {
    try {
      return Path.of(HelmChartIT.class.getResource("/cluster/custom-values.yaml").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
