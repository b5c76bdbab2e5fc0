package dev.sidekick.contract;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How operator and runtime name a Shopify shop: its myshopify domain ({@code acme.myshopify.com}), reached over https
 * (http only on a loopback host, for the simulated shop of tests and the demo: the access token travels with every
 * call), and a pinned Admin API version. The operator renders the runtime's {@code shopUrl} with {@link #url} and
 * probes the same address; the runtime accepts nothing else.
 */
public final class ShopifyShop {
  /** A host name with an optional port: {@code acme-outfitters.myshopify.com}, {@code 127.0.0.1:8091}. */
  public static final String DOMAIN = "^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?(:[0-9]{1,5})?$";
  /** A quarterly release ({@code 2026-10}) or {@code unstable} (API.md §1). */
  public static final String API_VERSION = "^([0-9]{4}-(01|04|07|10)|unstable)$";
  public static final String DEFAULT_API_VERSION = "2026-10";
  private static final Pattern VERSION = Pattern.compile(API_VERSION);
  private static final List<String> LOOPBACK = List.of("127.0.0.1", "localhost", "::1", "[::1]");

  private ShopifyShop() {}

  /** {@code https://{domain}}, or {@code http://} for a loopback host. */
  public static URI url(String domain) {
    URI u = URI.create("https://" + domain);
    return isLoopback(u.getHost()) ? URI.create("http://" + domain) : u;
  }

  /** Whether calls to this URL may go without TLS: only to this machine. */
  public static boolean plainHttpAllowed(URI url) {
    return isLoopback(url.getHost());
  }

  public static boolean isApiVersion(String version) {
    return version != null && VERSION.matcher(version).matches();
  }

  /** The Admin GraphQL endpoint's path at a version. */
  public static String graphqlPath(String version) {
    return "/admin/api/" + version + "/graphql.json";
  }

  private static boolean isLoopback(String host) {
    return host != null && LOOPBACK.contains(host);
  }
}
