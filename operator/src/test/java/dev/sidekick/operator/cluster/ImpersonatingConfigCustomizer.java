package dev.sidekick.operator.cluster;

import io.fabric8.kubernetes.client.Config;
import io.quarkus.kubernetes.client.KubernetesConfigCustomizer;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Makes the operator's Kubernetes client act as a service account, as it does in a cluster, so that a
 * real-apiserver test runs the operator with exactly the RBAC its build generates. Inert unless
 * {@value #USER_PROPERTY} is set (only {@link OperatorOnRealApiServerProfile} sets it): Quarkus' client
 * configuration has no impersonation setting of its own.
 */
@Singleton
public class ImpersonatingConfigCustomizer implements KubernetesConfigCustomizer {

  static final String USER_PROPERTY = "kube-testenv.impersonate-user";
  static final String GROUPS_PROPERTY = "kube-testenv.impersonate-groups";

  @Override
  public void customize(Config config) {
    var mp = ConfigProvider.getConfig();
    Optional<String> user = mp.getOptionalValue(USER_PROPERTY, String.class);
    if (user.isEmpty()) {
      return;
    }
    config.setImpersonateUsername(user.get());
    mp.getOptionalValue(GROUPS_PROPERTY, String.class)
        .ifPresent(groups -> config.setImpersonateGroups(groups.split(",")));
  }
}
