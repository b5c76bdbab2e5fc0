package dev.sidekick.gladlysim.testing;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Validates every Gladly API response a test receives against openapi.json; a non-conforming body fails the test. */
public final class ConformanceFilter implements Filter {
  /** How many responses were validated in this JVM (the conformance test checks the suite really covered them). */
  public static final AtomicInteger CHECKED = new AtomicInteger();

  @Override
  public Response filter(FilterableRequestSpecification req, FilterableResponseSpecification res, FilterContext ctx) {
    Response response = ctx.next(req, res);
    String path = URI.create(req.getURI()).getPath();
    if (path.startsWith("/api/v1/") || path.matches("^/org/[^/]+/api/v1/.*")) {
      List<String> problems = OpenApiConformance.get()
          .checkResponse(req.getMethod(), path, response.getStatusCode(), response.getBody().asString());
      CHECKED.incrementAndGet();
      if (!problems.isEmpty()) {
        throw new AssertionError("response does not conform to Gladly's openapi.json: " + String.join("; ", problems));
      }
    }
    return response;
  }
}
