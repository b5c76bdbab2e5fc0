package dev.sidekick.operator.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/** The JUnit 5 side of {@link RealApiServer}: one control plane per test class. */
public class RealApiServerExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(RealApiServerExtension.class);
  private static final String KEY = "environment";

  @Override
  public void beforeAll(ExtensionContext context) {
    boolean controllerManager =
        AnnotationSupport.findAnnotation(context.getRequiredTestClass(), RealApiServer.class)
            .map(RealApiServer::controllerManager)
            .orElse(false);
    KubeTestEnvironment env =
        KubeTestEnvironment.start(context.getRequiredTestClass().getSimpleName(), controllerManager);
    context.getStore(NS).put(KEY, env);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    KubeTestEnvironment env = context.getStore(NS).remove(KEY, KubeTestEnvironment.class);
    if (env != null) {
      env.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    return type == KubeTestEnvironment.class || type == KubernetesClient.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    KubeTestEnvironment env = environment(extensionContext);
    return parameterContext.getParameter().getType() == KubeTestEnvironment.class ? env : env.client();
  }

  private static KubeTestEnvironment environment(ExtensionContext context) {
    for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
      KubeTestEnvironment env = c.getStore(NS).get(KEY, KubeTestEnvironment.class);
      if (env != null) {
        return env;
      }
    }
    throw new ParameterResolutionException("no real apiserver started for " + context.getDisplayName());
  }
}
