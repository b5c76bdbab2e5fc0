package dev.sidekick.operator.cluster;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The operator as it runs in production, against a real kube-apiserver: server-side apply on, the CRD installed
 * by someone else (the chart; here the admin) rather than by the operator, and the operator's client acting as
 * its service account with only the RBAC QOSDK generated for it.
 */
public class OperatorOnRealApiServerProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "quarkus.operator-sdk.enable-ssa", "true",
        "quarkus.operator-sdk.crd.apply", "false",
        "quarkus.kubernetes-client.devservices.enabled", "false",
        // as the chart's KUBERNETES_NAMESPACE would say: a runtime's NetworkPolicy admits the operator from there
        "sidekick.network-policy.operator-namespace", "sidekick-system");
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(OperatorOnRealApiServerResource.class));
  }

  @Override
  public boolean disableGlobalTestResources() {
    // the fast tier's resources (the mock server) must not leak in
    return true;
  }
}
