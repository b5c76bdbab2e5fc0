package dev.sidekick.runtime.commerce.shopify;

import dev.sidekick.runtime.config.SecretFile;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.Response;

/**
 * Puts the shop's access token on every call, read from its file each time (a rotated Secret takes effect without a
 * restart) and sent raw in {@code X-Shopify-Access-Token}, never as a bearer token (API.md §2). A missing token file
 * ends the call as a 401 without sending it.
 */
final class AccessTokenFilter implements ClientRequestFilter {
  static final String HEADER = "X-Shopify-Access-Token";
  private final SecretFile token;

  AccessTokenFilter(SecretFile token) {
    this.token = token;
  }

  @Override
  public void filter(ClientRequestContext request) {
    var value = token.text();
    if (value.isEmpty()) {
      request.abortWith(Response.status(401).build());
      return;
    }
    request.getHeaders().putSingle(HEADER, value.get());
  }
}
