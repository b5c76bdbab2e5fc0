package dev.sidekick.operator.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidekick.contract.ShopifyShop;
import dev.sidekick.operator.api.Conditions.Reason;
import dev.sidekick.operator.config.OperatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a shop, as the runtime will, whether Sidekick's access token works: one small Admin GraphQL query (API.md §1,
 * §2) touching each root the runtime reads (orders, customers, returns), so that a missing scope shows now rather than
 * in a customer's conversation. What it finds is said in words for a condition; never the token, never the shop's data.
 */
@ApplicationScoped
public class ShopifyProbe {
  static final String QUERY = "query SidekickProbe { shop { name } orders(first: 1) { nodes { id } } "
      + "customers(first: 1) { nodes { id } } return(id: \"gid://shopify/Return/0\") { id } }";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SCOPE = Pattern.compile("`([a-z_]+)`");

  private final HttpClient http;
  private final Duration timeout;

  public ShopifyProbe(OperatorConfig config) {
    this.timeout = config.shopify().callTimeout();
    this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** What the shop said. */
  public sealed interface Finding {}

  /** The token works and has every scope the runtime needs. */
  public record Answers(String shopName) implements Finding {}

  /** Something a person must fix (the token, its scopes, the domain or version, the shop's state). */
  public record Problem(String reason, String message) implements Finding {}

  /** The shop did not answer properly this time (throttled, 5xx, timeout): try again later. */
  public record NotAnswering(String message) implements Finding {}

  /** What the shop says, without holding the calling thread: several shops are asked at once. Never completes exceptionally. */
  public CompletableFuture<Finding> checkAsync(String domain, String apiVersion, String token) {
    URI url = ShopifyShop.url(domain).resolve(ShopifyShop.graphqlPath(apiVersion));
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .header("X-Shopify-Access-Token", token)
        .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("query", QUERY)
            .set("variables", JSON.createObjectNode()).toString()))
        .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> failure == null
        ? finding(domain, apiVersion, response.statusCode(), response.body())
        : failed(domain, failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure));
  }

  private Finding failed(String domain, Throwable e) {
    if (e instanceof HttpTimeoutException) {
      return new NotAnswering(domain + " did not answer within " + timeout.toSeconds() + " s");
    }
    if (causedByUnresolvedHost(e)) {
      return new Problem(Reason.SHOP_UNREACHABLE, "cannot connect to " + domain + ": the name does not resolve");
    }
    if (e instanceof ConnectException) {
      return new Problem(Reason.SHOP_UNREACHABLE, "cannot connect to " + domain + ": check spec shopDomain (the"
          + " shop's myshopify domain) and that the operator can reach it");
    }
    return new NotAnswering("the connection to " + domain + " failed (" + e.getClass().getSimpleName() + ")");
  }

  static Finding finding(String domain, String apiVersion, int status, String body) {
    switch (status) {
      case 401:
        return new Problem(Reason.SHOPIFY_UNAUTHORIZED, domain + " refused the access token (401): check the token"
            + " (an Admin API access token of the shop's app, sent as X-Shopify-Access-Token)");
      case 402:
        return new Problem(Reason.SHOP_UNAVAILABLE, domain + " is frozen (402, unpaid): Shopify serves no data for it");
      case 403:
        return new Problem(Reason.SHOPIFY_FORBIDDEN, domain + " refused the request (403): the app or the shop is"
            + " not allowed to use the Admin API");
      case 404:
        return new Problem(Reason.SHOP_NOT_FOUND, domain + " has no Admin API at version " + apiVersion + " (404):"
            + " check shopDomain (the myshopify domain) and apiVersion");
      case 423:
        return new Problem(Reason.SHOP_UNAVAILABLE, domain + " is locked (423): Shopify serves no data for it");
      default:
        break;
    }
    if (status == 429 || status >= 500) {
      return new NotAnswering(domain + " answered HTTP " + status);
    }
    if (status != 200) {
      return new Problem(Reason.SHOPIFY_FORBIDDEN, domain + " answered HTTP " + status + " to the Admin API");
    }
    JsonNode envelope;
    try {
      envelope = JSON.readTree(body);
    } catch (IOException e) {
      return new NotAnswering(domain + " answered something that is not JSON");
    }
    Set<String> scopes = new LinkedHashSet<>();
    List<String> codes = new ArrayList<>();
    for (JsonNode error : envelope.path("errors")) {
      String code = error.path("extensions").path("code").asText("");
      codes.add(code);
      if (code.equals("ACCESS_DENIED")) {
        Matcher m = SCOPE.matcher(error.path("extensions").path("requiredAccess").asText(error.path("message").asText("")));
        while (m.find()) scopes.add(m.group(1));
      }
    }
    if (!scopes.isEmpty() || codes.contains("ACCESS_DENIED")) {
      return new Problem(Reason.SHOPIFY_SCOPE_MISSING, "the access token for " + domain + " lacks the scope"
          + (scopes.size() == 1 ? " " : "s ") + (scopes.isEmpty() ? "Sidekick needs" : String.join(", ", scopes))
          + " (Sidekick needs read_orders, read_customers and read_returns)");
    }
    if (codes.contains("SHOP_INACTIVE")) {
      return new Problem(Reason.SHOP_UNAVAILABLE, domain + " is not active (SHOP_INACTIVE)");
    }
    if (codes.contains("THROTTLED") || codes.contains("INTERNAL_SERVER_ERROR")) {
      return new NotAnswering(domain + " answered " + String.join(", ", codes));
    }
    if (!codes.isEmpty()) {
      return new Problem(Reason.SHOPIFY_FORBIDDEN, domain + " refused Sidekick's query (" + String.join(", ", codes)
          + "): check apiVersion " + apiVersion);
    }
    return new Answers(envelope.path("data").path("shop").path("name").asText(domain));
  }

  private static boolean causedByUnresolvedHost(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
        return true;
      }
    }
    return false;
  }
}
