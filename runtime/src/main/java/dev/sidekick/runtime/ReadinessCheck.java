package dev.sidekick.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** DOWN until the configuration is loaded and Sidekick's agent id is known. */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {
  @Inject RuntimeState state;

  @Override
  public HealthCheckResponse call() {
    if (state.ready()) {
      return HealthCheckResponse.named("sidekick").up().build();
    }
    return HealthCheckResponse.named("sidekick").down().withData("waitingFor", state.waitingFor()).build();
  }
}
