package dev.sidekick.runtime.commerce.shopify;

import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * A refusal at the HTTP level (API.md §4 "HTTP errors"): the status and, for 429/503, {@code Retry-After}. Carries
 * nothing of the body or the request, so it can be logged.
 */
final class ShopifyHttpError extends RuntimeException {
  private final int status;
  private final Optional<Double> retryAfterSeconds;

  ShopifyHttpError(int status, Optional<Double> retryAfterSeconds) {
    super("Shopify answered HTTP " + status, null, false, false);
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  int status() {
    return status;
  }

  Optional<Double> retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** The REST client's mapper: every status from 400 up becomes a {@link ShopifyHttpError}. */
  static final class Mapper implements ResponseExceptionMapper<ShopifyHttpError> {
    @Override
    public ShopifyHttpError toThrowable(Response response) {
      String retryAfter = response.getHeaderString("Retry-After");
      Optional<Double> seconds = Optional.empty();
      if (retryAfter != null) {
        try {
          seconds = Optional.of(Double.parseDouble(retryAfter.trim()));
        } catch (NumberFormatException e) {
          // an HTTP date: use the default pause
        }
      }
      return new ShopifyHttpError(response.getStatus(), seconds);
    }

    @Override
    public boolean handles(int status, jakarta.ws.rs.core.MultivaluedMap<String, Object> headers) {
      return status >= 400;
    }
  }
}
