package dev.sidekick.operator.cluster;

import dev.sidekick.gladlysim.GladlySimulator;
import dev.sidekick.gladlysim.SimOptions;
import dev.sidekick.shopsim.ShopOptions;
import dev.sidekick.shopsim.ShopSimulator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts etcd, kube-apiserver (with its audit log) and kube-controller-manager (garbage collection; without the
 * Deployment and ReplicaSet controllers, whose work {@link DeploymentAvailability} stands in for, since no pod can
 * run here), installs the committed CRD and the RBAC that QOSDK generated (target/kubernetes/kubernetes.yml) for
 * the operator's service account in {@link #OPERATOR_NAMESPACE}, and starts the Gladly and shop simulators. Then it points
 * the operator's Kubernetes client at the apiserver as that service account.
 */
public class OperatorOnRealApiServerResource implements QuarkusTestResourceLifecycleManager {

  static final String OPERATOR_NAMESPACE = "sidekick-system";

  static volatile KubeTestEnvironment env;
  static volatile GladlySimulator gladly;
  static volatile ShopSimulator shop;
  static volatile String serviceAccountUser;

  @Override
  public Map<String, String> start() {
    env = KubeTestEnvironment.start(
        "operator", new KubeTestEnvironment.Options("*,-deployment,-replicaset", true));
    try {
      KubernetesClient admin = env.client();
      env.installCrd();
      admin.resource(new NamespaceBuilder().withNewMetadata().withName(OPERATOR_NAMESPACE).endMetadata().build())
          .serverSideApply();
      String serviceAccount = applyGeneratedRbac(admin, OPERATOR_NAMESPACE);
      serviceAccountUser = KubeTestEnvironment.serviceAccountUser(OPERATOR_NAMESPACE, serviceAccount);

      gladly = GladlySimulator.start(SimOptions.defaults().seed("acme").tls(true));
      shop = ShopSimulator.start(ShopOptions.defaults().seed("acme"));
      Path pem = env.workDir().resolve("gladly-sim.pem");
      Files.writeString(pem, gladly.trustPem());

      Map<String, String> config = new HashMap<>();
      config.put("quarkus.kubernetes-client.api-server-url", env.apiServerUrl());
      config.put("quarkus.kubernetes-client.trust-certs", "true");
      config.put("quarkus.kubernetes-client.client-cert-file", env.clientCertificate().toString());
      config.put("quarkus.kubernetes-client.client-key-file", env.clientKey().toString());
      config.put("quarkus.kubernetes-client.namespace", OPERATOR_NAMESPACE);
      config.put(ImpersonatingConfigCustomizer.USER_PROPERTY, serviceAccountUser);
      config.put(
          ImpersonatingConfigCustomizer.GROUPS_PROPERTY,
          "system:serviceaccounts,system:serviceaccounts:" + OPERATOR_NAMESPACE + ",system:authenticated");
      config.put("sidekick.gladly.trusted-ca-file", pem.toString());
      return config;
    } catch (IOException e) {
      stop();
      throw new UncheckedIOException(e);
    } catch (RuntimeException | Error e) {
      stop();
      throw e;
    }
  }

  /**
   * Applies the ServiceAccount, roles and bindings of QOSDK's kubernetes.yml as a chart would, in
   * {@code namespace}; returns the service account's name.
   */
  static String applyGeneratedRbac(KubernetesClient admin, String namespace) {
    List<HasMetadata> rbac = new ArrayList<>();
    String serviceAccount = null;
    for (HasMetadata m : ProjectFiles.loadAll(ProjectFiles.generatedKubernetesYml())) {
      if (m instanceof ServiceAccount) {
        serviceAccount = m.getMetadata().getName();
        m.getMetadata().setNamespace(namespace);
        rbac.add(m);
      } else if (m instanceof ClusterRole) {
        rbac.add(m);
      } else if (m instanceof ClusterRoleBinding b) {
        inNamespace(b.getSubjects(), namespace);
        rbac.add(b);
      } else if (m instanceof Role) {
        m.getMetadata().setNamespace(namespace);
        rbac.add(m);
      } else if (m instanceof RoleBinding b) {
        b.getMetadata().setNamespace(namespace);
        inNamespace(b.getSubjects(), namespace);
        rbac.add(b);
      }
    }
    if (serviceAccount == null) {
      throw new IllegalStateException("no ServiceAccount in " + ProjectFiles.generatedKubernetesYml());
    }
    rbac.forEach(m -> admin.resource(m).serverSideApply());
    return serviceAccount;
  }

  private static void inNamespace(List<Subject> subjects, String namespace) {
    subjects.stream()
        .filter(s -> "ServiceAccount".equals(s.getKind()) && s.getNamespace() == null)
        .forEach(s -> s.setNamespace(namespace));
  }

  @Override
  public void stop() {
    try {
      if (gladly != null) {
        gladly.close();
      }
      if (shop != null) {
        shop.close();
      }
    } finally {
      gladly = null;
      shop = null;
      if (env != null) {
        env.close();
      }
      env = null;
    }
  }
}
