package dev.sidekick.runtime.bench;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The second reference of the ingest benchmark: {@code POST /bench/bare-rest}, a bare Quarkus REST
 * endpoint on the same stack as the webhook: it takes the body as {@code byte[]} and runs on the I/O thread
 * (the webhook returns a {@code Uni}, which Quarkus REST also runs there), ignores the body and answers 200
 * with no body: no auth, no parsing, no metrics. With
 * {@code sidekick.bench.bare-endpoint} off (the default) it answers 404, exactly like an unknown path,
 * before looking at anything.
 */
@Path("/bench/bare-rest")
public class BareResource {
  @ConfigProperty(name = BareEndpoint.FLAG, defaultValue = "false")
  boolean enabled;

  @POST
  @NonBlocking
  public Response bare(byte[] ignored) {
    if (!enabled) {
      throw new NotFoundException();
    }
    return Response.ok().build();
  }
}
