package dev.sidekick.operator;

import dev.sidekick.operator.config.OperatorConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;

/** The operator's settings for unit tests: its defaults, as production has them, with these changes. */
public final class SampleConfig {
  private SampleConfig() {}

  public static OperatorConfig operatorConfig(Map<String, String> changes) {
    return new SmallRyeConfigBuilder()
        .withMapping(OperatorConfig.class)
        // Quarkus' durations ("10s", "5m")
        .withConverter(Duration.class, 200, new DurationConverter())
        .withDefaultValues(changes)
        .build()
        .getConfigMapping(OperatorConfig.class);
  }
}
