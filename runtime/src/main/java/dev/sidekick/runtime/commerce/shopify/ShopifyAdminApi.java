package dev.sidekick.runtime.commerce.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Shopify's Admin GraphQL endpoint (API.md §1), as a Quarkus REST client: one per shop, built by {@link ShopifyCommerce}
 * with the access-token filter and the HTTP-status mapper around it. The answer is the GraphQL envelope as a tree.
 */
@Path("/admin/api/{version}/graphql.json")
public interface ShopifyAdminApi {

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  Uni<JsonNode> graphql(@PathParam("version") String version, ObjectNode request);
}
