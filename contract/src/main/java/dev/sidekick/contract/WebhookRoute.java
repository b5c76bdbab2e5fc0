package dev.sidekick.contract;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where Gladly delivers the events of one endpoint and channel: {@code {publicUrl}/gladly/{endpoint}/{channel}}.
 * The runtime serves {@link #TEMPLATE}; the operator registers {@link #url(String)} in Gladly and recognises its
 * own webhooks by {@link #under(String, String)}.
 */
public record WebhookRoute(String endpoint, Channel channel) {
  public static final String PREFIX = "/gladly";
  public static final String ENDPOINT_PARAM = "endpoint";
  public static final String CHANNEL_PARAM = "channel";
  /** The runtime's route, a JAX-RS path template. */
  public static final String TEMPLATE = PREFIX + "/{" + ENDPOINT_PARAM + "}/{" + CHANNEL_PARAM + "}";
  /** An endpoint name is a DNS label: a path segment that needs no escaping, and a file name in keysDir. */
  public static final String ENDPOINT_NAME = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";

  private static final Pattern NAME = Pattern.compile(ENDPOINT_NAME);

  public WebhookRoute {
    if (endpoint == null || !isEndpointName(endpoint)) {
      throw new IllegalArgumentException("not an endpoint name (a DNS label): " + endpoint);
    }
    if (channel == null) {
      throw new IllegalArgumentException("no channel");
    }
  }

  public static boolean isEndpointName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** The path the runtime serves, e.g. {@code /gladly/us-store/chat}. */
  public String path() {
    return PREFIX + "/" + endpoint + "/" + channel.path();
  }

  /** The URL Gladly calls, when the runtime is reachable at {@code publicUrl}. */
  public String url(String publicUrl) {
    return base(publicUrl) + path();
  }

  /** The URL of an endpoint, under which its channels' routes are: {@code {publicUrl}/gladly/{endpoint}}. */
  public static String endpointUrl(String publicUrl, String endpoint) {
    return base(publicUrl) + PREFIX + "/" + endpoint;
  }

  /** The route of a URL under {@code publicUrl}; empty when the URL is not in this layout. */
  public static Optional<WebhookRoute> under(String publicUrl, String url) {
    String prefix = base(publicUrl) + PREFIX + "/";
    if (url == null || !url.startsWith(prefix)) {
      return Optional.empty();
    }
    return parse(url.substring(prefix.length()));
  }

  /** The route at the end of a URL, whatever its base (e.g. after publicUrl changed); empty if none. */
  public static Optional<WebhookRoute> atEndOf(String url) {
    if (url == null) {
      return Optional.empty();
    }
    int channel = url.lastIndexOf('/');
    int endpoint = channel < 0 ? -1 : url.lastIndexOf('/', channel - 1);
    int prefix = endpoint < 0 ? -1 : url.lastIndexOf('/', endpoint - 1);
    if (prefix < 0 || !url.substring(prefix, endpoint).equals(PREFIX)) {
      return Optional.empty();
    }
    return parse(url.substring(endpoint + 1));
  }

  /** {@code {endpoint}/{channel}}, nothing more. */
  private static Optional<WebhookRoute> parse(String endpointAndChannel) {
    int slash = endpointAndChannel.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    String endpoint = endpointAndChannel.substring(0, slash);
    return isEndpointName(endpoint)
        ? Channel.fromPath(endpointAndChannel.substring(slash + 1)).map(c -> new WebhookRoute(endpoint, c))
        : Optional.empty();
  }

  private static String base(String publicUrl) {
    return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }
}
