package dev.sidekick.operator.cluster;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against a real kube-apiserver 1.20.2 with etcd on loopback, started once for the class and
 * stopped by pid after it (also when a test fails). Test methods and lifecycle methods may take a
 * {@link KubeTestEnvironment} or an admin {@link io.fabric8.kubernetes.client.KubernetesClient} parameter. Fails,
 * never skips, when the binaries are missing (run scripts/prepare-test-env).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RealApiServerExtension.class)
public @interface RealApiServer {

  /** Also run kube-controller-manager: garbage collection, namespace deletion, Deployments → ReplicaSets → Pods. */
  boolean controllerManager() default false;
}
