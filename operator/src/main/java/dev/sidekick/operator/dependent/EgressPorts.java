package dev.sidekick.operator.dependent;

import dev.sidekick.contract.ShopifyShop;
import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.ResponderSpec;
import dev.sidekick.operator.api.SidekickIntegrationSpec;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The TCP ports of the services a resource names, which its runtime calls: Gladly, the shops, Redis, the model
 * endpoints of its responders. A NetworkPolicy cannot name hosts, so a port is all it can keep.
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
    if (store != null && store.redis != null) {
      int port = URI.create(store.redis.url).getPort();
      ports.add(port == -1 ? REDIS_DEFAULT_PORT : port);
    }
    return ports;
  }

  /** An http(s) URL's port, or its scheme's. */
  static int port(URI url) {
    if (url.getPort() != -1) return url.getPort();
    return "http".equals(url.getScheme()) ? 80 : 443;
  }
}
