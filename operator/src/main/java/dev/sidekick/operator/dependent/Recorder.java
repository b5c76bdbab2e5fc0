package dev.sidekick.operator.dependent;

import dev.sidekick.operator.api.SidekickIntegration;

/** Kubernetes Events about a SidekickIntegration; messages never carry secrets. */
public interface Recorder {
  void normal(SidekickIntegration sk, String reason, String message);

  void warning(SidekickIntegration sk, String reason, String message);
}
