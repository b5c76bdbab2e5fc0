package dev.sidekick.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.sidekick.contract.ShopifyShop;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * An endpoint's commerce backend: where Sidekick looks up a customer's orders, tracking and returns (only for a
 * customer whose contact in Gladly matches the order, or who proves it). The first and only backend is Shopify.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CommerceSpec {
  public static final int DEFAULT_RETURN_WINDOW_DAYS = 30;

  @Required
  @JsonPropertyDescription("Shopify's Admin GraphQL API of the brand's shop.")
  public Shopify shopify;

  @Min(0)
  @Max(3650)
  @Default("30")
  @JsonPropertyDescription("How many days after delivery an order can be returned. Default: 30.")
  public Integer returnWindowDays;

  @Pattern(SidekickIntegrationSpec.HTTPS_URL)
  @JsonPropertyDescription("Where a customer starts a return (https). Default: the order's status page.")
  public String returnsUrl;

  public int returnWindowDaysOrDefault() {
    return returnWindowDays == null ? DEFAULT_RETURN_WINDOW_DAYS : returnWindowDays;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Shopify {
    @Required
    @Pattern(ShopifyShop.DOMAIN)
    @JsonPropertyDescription(
        "The shop's myshopify domain (acme-outfitters.myshopify.com, not the custom domain); called over https.")
    public String shopDomain;

    @Pattern(ShopifyShop.API_VERSION)
    @Default(ShopifyShop.DEFAULT_API_VERSION)
    @JsonPropertyDescription("The pinned Admin API version (YYYY-01/04/07/10 or unstable). Default: "
        + ShopifyShop.DEFAULT_API_VERSION + ".")
    public String apiVersion;

    @Required
    @JsonPropertyDescription(
        "A Secret (same namespace) with the Admin API access token (scopes read_orders, read_customers, read_returns).")
    public TokenSecretRef credentialsSecretRef;

    public String apiVersionOrDefault() {
      return apiVersion == null || apiVersion.isBlank() ? ShopifyShop.DEFAULT_API_VERSION : apiVersion;
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class TokenSecretRef {
    @Required
    @Pattern(EndpointSpec.DNS_SUBDOMAIN)
    @JsonPropertyDescription("Name of the Secret.")
    public String name;

    @Default("token")
    @JsonPropertyDescription("Key of the access token in the Secret. Default: token.")
    public String tokenKey = "token";

    public String tokenKeyOrDefault() {
      return tokenKey == null || tokenKey.isBlank() ? "token" : tokenKey;
    }
  }
}
