package dev.sidekick.operator.dependent;

import dev.sidekick.contract.ShopifyShop;
import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.ResponderSpec;
import dev.sidekick.operator.api.SidekickIntegrationSpec;
import dev.sidekick.operator.api.StoreSpec;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The TCP ports of the services a resource names, which its runtime calls: Gladly, the shops, Redis, the model
 * endpoints of its responders, the Sentinels. A NetworkPolicy cannot name hosts, so a port is all it can keep.
 */
final class EgressPorts {
  static final int REDIS_DEFAULT_PORT = 6379;

  private EgressPorts() {}

  static SortedSet<Integer> of(SidekickIntegrationSpec spec) {
    SortedSet<Integer> ports = new TreeSet<>();
    ports.add(port(URI.create(spec.gladly.organizationUrl)));
    List<ResponderSpec> responders = new ArrayList<>();
    if (spec.responder != null) responders.add(spec.responder);
    for (EndpointSpec e : spec.endpoints) {
      if (e.commerce != null && e.commerce.shopify != null) {
        ports.add(port(ShopifyShop.url(e.commerce.shopify.shopDomain)));
      }
      if (e.responder != null) responders.add(e.responder);
    }
    for (ResponderSpec r : responders) {
      if (r.chatCompletions != null) ports.add(port(URI.create(r.chatCompletions.url)));
      var kb = r.knowledgeBaseOfEitherKind();
      if (kb != null && kb.embeddings != null) ports.add(port(URI.create(kb.embeddings.url)));
    }
    var store = spec.runtimeOrDefault().store;
    if (store != null && store.redis != null) ports.addAll(redis(store.redis));
    return ports;
  }

  /**
   * Redis's port from its URL; behind Sentinel, each Sentinel's port and Redis's own port for the data nodes. The
   * Sentinels answer with the primary's address, which the resource cannot know: the data nodes are taken to listen on
   * 6379, as most installations do; others need a rule of their own in networkPolicy.egressTo
   * (docs/network-policy.md).
   */
  private static SortedSet<Integer> redis(StoreSpec.Redis redis) {
    SortedSet<Integer> ports = new TreeSet<>();
    if (redis.url != null) {
      int port = URI.create(redis.url).getPort();
      ports.add(port == -1 ? REDIS_DEFAULT_PORT : port);
    }
    if (redis.sentinel != null && redis.sentinel.hosts != null) {
      ports.add(REDIS_DEFAULT_PORT);
      redis.sentinel.hosts.stream().filter(h -> h != null && h.matches(StoreSpec.HOST_PORT))
          .forEach(h -> ports.add(StoreSpec.port(h)));
    }
    return ports;
  }

  /** An http(s) URL's port, or its scheme's. */
  static int port(URI url) {
    if (url.getPort() != -1) return url.getPort();
    return "http".equals(url.getScheme()) ? 80 : 443;
  }
}
