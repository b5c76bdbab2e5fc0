package dev.sidekick.operator.fast;

import static dev.sidekick.contract.Channel.CHAT;
import static dev.sidekick.contract.Channel.MESSAGING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.operator.api.CommerceSpec;
import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.SidekickIntegration;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A platform engineer gives an endpoint its Shopify shop: the operator asks the shop (here the simulated one) whether
 * the access token works, says so in CommerceBackendsValid with a reason a person can act on, and gives the runtime
 * the shop and its token.
 */
@QuarkusTest
@QuarkusTestResource(MockApiServer.class)
@QuarkusTestResource(GladlySimResource.class)
@QuarkusTestResource(ShopSimResource.class)
class CommerceBackendsTest extends OperatorTestBase {

  @BeforeEach
  void freshShop() {
    ShopSimResource.shop.reset();
  }

  private String shopDomain() {
    URI u = URI.create(ShopSimResource.shop.baseUrl());
    return u.getHost() + ":" + u.getPort();
  }

  private SidekickIntegration withShop(String domain) {
    EndpointSpec us = endpoint("us-store", "Support", CHAT);
    us.commerce = new CommerceSpec();
    us.commerce.shopify = new CommerceSpec.Shopify();
    us.commerce.shopify.shopDomain = domain;
    us.commerce.shopify.credentialsSecretRef = new CommerceSpec.TokenSecretRef();
    us.commerce.shopify.credentialsSecretRef.name = name + "-shopify";
    return integration(us);
  }

  private void shopToken(String token) {
    client.secrets().inNamespace(NS).resource(new SecretBuilder()
            .withMetadata(new ObjectMetaBuilder().withName(name + "-shopify").withNamespace(NS).build())
            .withData(Map.of("token", b64(token))).build())
        .createOr(r -> r.update());
  }

  private String runtimeYaml() {
    return client.configMaps().inNamespace(NS).withName(name + "-sidekick-config").get().getData().get("runtime.yaml");
  }

  @Test
  void a_wrong_shop_token_is_reported_without_leaking_it_and_recovers_when_the_secret_is_fixed() {
    shopToken("shpat_not_the_token");
    createWithCredentials(withShop(shopDomain()));

    var condition = awaitCondition("CommerceBackendsValid", "False", "ShopifyUnauthorized");
    assertThat(condition.getMessage()).contains("endpoint us-store (" + shopDomain() + ")").contains("refused the access token (401)");
    awaitLong().until(() -> !events("CommerceBackendInvalid").isEmpty());
    assertThat(events("CommerceBackendInvalid").get(0).getType()).isEqualTo("Warning");
    assertThat(condition("Ready").orElseThrow().getReason()).isEqualTo("ShopifyUnauthorized");
    // the runtime still runs (order questions go to a person until the shop answers), with its shop
    awaitLong().until(() -> client.apps().deployments().inNamespace(NS).withName(name + "-sidekick").get() != null);
    assertThat(runtimeYaml()).contains("shopUrl: " + ShopSimResource.shop.baseUrl())
        .contains("accessTokenFile: /etc/sidekick/commerce/us-store/token");
    assertThat(Serialization.asJson(current().getStatus())).doesNotContain("shpat_not_the_token");
    assertThat(events()).extracting(Event::getMessage).noneMatch(m -> m.contains("shpat_not_the_token"));

    shopToken("shpat_acme_sidekick");

    awaitCondition("CommerceBackendsValid", "True", "Verified");
    assertThat(condition("CommerceBackendsValid").orElseThrow().getMessage()).contains("us-store (Acme Outfitters)");
    awaitReady();
  }

  @Test
  void a_verified_shop_is_not_asked_again_at_every_reconcile() {
    shopToken("shpat_acme_sidekick");
    createWithCredentials(withShop(shopDomain()));
    awaitCondition("CommerceBackendsValid", "True", "Verified");
    awaitReady();
    int asked = ShopSimResource.shop.calls().count();

    editSpec(spec -> spec.endpoints.add(endpoint("emea-brand", "Returns", MESSAGING)));
    awaitReady();
    editSpec(spec -> spec.endpoints.remove(1));
    awaitReady();

    assertThat(ShopSimResource.shop.calls().count()).as("the shop's answer is remembered (sidekick.shopify.recheck-interval)")
        .isEqualTo(asked);
    assertThat(condition("CommerceBackendsValid").orElseThrow().getReason()).isEqualTo("Verified");
  }

  @Test
  void a_token_without_a_scope_names_the_scope() {
    shopToken("shpat_acme_orders_only");
    createWithCredentials(withShop(shopDomain()));

    var condition = awaitCondition("CommerceBackendsValid", "False", "ShopifyScopeMissing");
    assertThat(condition.getMessage()).contains("lacks the scopes read_customers, read_returns");
  }

  @Test
  void a_missing_token_secret_leaves_the_endpoint_without_its_shop_until_the_secret_is_there() {
    createWithCredentials(withShop(shopDomain()));

    var condition = awaitCondition("CommerceBackendsValid", "False", "SecretNotFound");
    assertThat(condition.getMessage()).contains("Secret " + name + "-shopify not found");
    awaitLong().until(() -> client.configMaps().inNamespace(NS).withName(name + "-sidekick-config").get() != null);
    assertThat(runtimeYaml()).doesNotContain("commerce");

    shopToken("shpat_acme_sidekick");

    awaitCondition("CommerceBackendsValid", "True", "Verified");
    awaitLong().until(() -> runtimeYaml().contains("accessTokenFile: /etc/sidekick/commerce/us-store/token"));
    awaitLong().until(() -> client.apps().deployments().inNamespace(NS).withName(name + "-sidekick").get().getSpec()
        .getTemplate().getSpec().getVolumes().stream().anyMatch(v -> v.getName().equals("commerce-tokens")));
  }

  @Test
  void a_shop_that_cannot_be_reached_is_named() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    shopToken("shpat_acme_sidekick");
    createWithCredentials(withShop("127.0.0.1:" + closed));

    var condition = awaitCondition("CommerceBackendsValid", "False", "ShopUnreachable");
    assertThat(condition.getMessage()).contains("cannot connect to 127.0.0.1:" + closed);
  }
}
