package dev.sidekick.runtime.config;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Every secret file the runtime uses, re-read once a second so that rotation needs no restart. */
@ApplicationScoped
public class SecretFiles {
  static final long REFRESH_MILLIS = 1000;

  private final Map<Path, SecretFile> files = new ConcurrentHashMap<>();
  private ScheduledExecutorService refresher;

  @PostConstruct
  void start() {
    refresher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "sidekick-secret-refresh");
              t.setDaemon(true);
              return t;
            });
    refresher.scheduleWithFixedDelay(
        () -> files.values().forEach(SecretFile::refresh), REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
  }

  public SecretFile file(Path path) {
    return files.computeIfAbsent(path.toAbsolutePath().normalize(), SecretFile::new);
  }

  void stop(@Observes ShutdownEvent event) {
    refresher.shutdownNow();
  }
}
