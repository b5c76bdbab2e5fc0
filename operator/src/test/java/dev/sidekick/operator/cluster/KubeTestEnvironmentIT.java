package dev.sidekick.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness itself: a real, RBAC-enforcing control plane on loopback, stopped by pid. */
class KubeTestEnvironmentIT {

  @Test
  void starts_a_real_rbac_enforcing_apiserver_on_loopback_and_stops_it_by_pid() throws IOException {
    List<ProcessHandle> processes;
    try (KubeTestEnvironment env = KubeTestEnvironment.start("harness", true)) {
      KubernetesClient admin = env.client();
      assertThat(admin.getKubernetesVersion().getGitVersion()).isEqualTo("v" + KubeTestEnvironment.KUBE_VERSION);
      assertThat(env.apiServerUrl()).startsWith("https://127.0.0.1:");
      processes = env.pids().stream().map(pid -> ProcessHandle.of(pid).orElseThrow()).toList();
      assertThat(processes).hasSize(3);

      admin.resource(new NamespaceBuilder().withNewMetadata().withName("harness").endMetadata().build()).create();
      admin
          .resource(new ServiceAccountBuilder().withNewMetadata().withName("bot").withNamespace("harness").endMetadata().build())
          .create();

      // a service account without any binding is refused: RBAC is enforced
      try (KubernetesClient bot = env.clientAsServiceAccount("harness", "bot")) {
        assertThatThrownBy(() -> bot.configMaps().inNamespace("harness").list())
            .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));

        // ... and allowed once bound to the built-in "edit" role in its namespace
        admin
            .resource(
                new RoleBindingBuilder()
                    .withNewMetadata().withName("bot-edit").withNamespace("harness").endMetadata()
                    .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName("edit").endRoleRef()
                    .addNewSubject().withKind("ServiceAccount").withName("bot").withNamespace("harness").endSubject()
                    .build())
            .create();
        org.awaitility.Awaitility.await()
            .atMost(java.time.Duration.ofSeconds(10))
            .ignoreExceptions()
            .until(
                () ->
                    bot.configMaps()
                            .inNamespace("harness")
                            .resource(new ConfigMapBuilder().withNewMetadata().withName("hello").endMetadata().build())
                            .create()
                        != null);
        assertThatThrownBy(() -> bot.configMaps().inNamespace("default").list())
            .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
      }

      // the kubeconfig handed to Helm works and names the admin identity
      assertThat(Files.readString(env.kubeconfig())).contains(env.apiServerUrl()).contains("client-certificate");
    }
    assertThat(processes).noneMatch(ProcessHandle::isAlive);
  }

  @Test
  void a_missing_binary_fails_with_the_command_to_run() {
    assertThat(KubeTestEnvironment.missingBinariesMessage(List.of("/nowhere/kube-apiserver")))
        .contains("/nowhere/kube-apiserver")
        .contains("scripts/prepare-test-env");
  }
}
