package dev.sidekick.operator.reconciler;

import dev.sidekick.operator.api.StoreSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The store's rules that the schema cannot say, the runtime's own (its ConfigLoader would refuse the runtime.yaml and
 * the pods would never get ready): exactly one of url and sentinel, Sentinels as host:port each once, a CA only for
 * TLS.
 */
final class StoreProblems {
  private static final String WHERE = "spec.runtime.store.redis";

  private StoreProblems() {}

  static List<String> of(StoreSpec.Redis redis) {
    List<String> problems = new ArrayList<>();
    if ((redis.url == null) == (redis.sentinel == null)) {
      problems.add(WHERE + " needs exactly one of url (one Redis) and sentinel (Redis behind Sentinel)"
          + (redis.url == null ? "" : "; with sentinel, the database and TLS are sentinel.database and sentinel.tls"));
      return problems;
    }
    if (redis.sentinel != null) problems.addAll(sentinel(redis.sentinel));
    if (redis.caSecretRef != null && !redis.tls()) {
      problems.add(WHERE + ".caSecretRef is for TLS: use a rediss:// url (or sentinel.tls: true)");
    }
    return problems;
  }

  private static List<String> sentinel(StoreSpec.Sentinel sentinel) {
    List<String> problems = new ArrayList<>();
    String where = WHERE + ".sentinel";
    if (sentinel.masterName == null || sentinel.masterName.isBlank() || !sentinel.masterName.matches("\\S+")) {
      problems.add(where + ".masterName must be the name the Sentinels monitor, without spaces");
    }
    if (sentinel.hosts == null || sentinel.hosts.isEmpty()) {
      problems.add(where + ".hosts needs at least one Sentinel as host:port (three or more, on different nodes)");
      return problems;
    }
    Set<String> seen = new HashSet<>();
    for (String host : sentinel.hosts) {
      if (host == null || !host.matches(StoreSpec.HOST_PORT) || !validPort(host)) {
        problems.add(where + ".hosts: \"" + host + "\" must be host:port, without a scheme");
      } else if (!seen.add(host)) {
        problems.add(where + ".hosts lists \"" + host + "\" twice");
      }
    }
    return problems;
  }

  private static boolean validPort(String hostPort) {
    int port = StoreSpec.port(hostPort);
    return port >= 1 && port <= 65535;
  }
}
