package dev.sidekick.operator.reconciler;

import dev.sidekick.operator.api.CommerceSpec;
import dev.sidekick.operator.api.Conditions;
import dev.sidekick.operator.api.Conditions.EventReason;
import dev.sidekick.operator.api.Conditions.Reason;
import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.dependent.IntegrationFacts;
import dev.sidekick.operator.dependent.SecretData;
import dev.sidekick.operator.dependent.WatchedResources;
import dev.sidekick.operator.shopify.ShopifyProbe;
import dev.sidekick.operator.status.StatusCondition;
import dev.sidekick.operator.status.StatusReport;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What each endpoint's shop says about Sidekick's access token, asked once per reconcile ({@link ShopifyProbe}):
 * CommerceBackendsValid, with the first problem's reason and every endpoint's problem in the message (and a Warning
 * Event when that is news), or Unknown while a shop does not answer. A wrong token or a missing scope does not stop the
 * runtime: it hands order questions to a person until the shop answers. Only an endpoint whose token Secret is missing
 * goes without its backend, since the pod could not mount it.
 */
@ApplicationScoped
class CommerceCheck {
  private final ShopifyProbe probe;

  CommerceCheck(ShopifyProbe probe) {
    this.probe = probe;
  }

  IntegrationFacts check(
      SidekickIntegration sk, Context<SidekickIntegration> context, IntegrationFacts facts, StatusReport report) {
    List<EndpointSpec> withCommerce = sk.getSpec().endpoints.stream().filter(e -> e.commerce != null).toList();
    if (withCommerce.isEmpty()) {
      report.forget(Conditions.COMMERCE_BACKENDS_VALID);
      return facts.withCommerce(Set.of());
    }
    Set<String> usable = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    List<String> notAnswering = new ArrayList<>();
    List<String> fine = new ArrayList<>();
    String reason = null;
    for (EndpointSpec e : withCommerce) {
      CommerceSpec.Shopify shop = e.commerce.shopify;
      String where = "endpoint " + e.name + " (" + shop.shopDomain + ")";
      var ref = shop.credentialsSecretRef;
      Optional<Secret> secret = WatchedResources.secret(context, sk, ref.name);
      Optional<String> token = secret.map(s -> SecretData.value(s, ref.tokenKeyOrDefault())).filter(t -> !t.isEmpty());
      if (token.isEmpty()) {
        reason = reason == null ? (secret.isEmpty() ? Reason.SECRET_NOT_FOUND : Reason.SECRET_KEY_MISSING) : reason;
        problems.add(where + ": " + (secret.isEmpty() ? "Secret " + ref.name + " not found"
            : "Secret " + ref.name + " lacks key " + ref.tokenKeyOrDefault())
            + "; its order questions go to the knowledge base until it is there");
        continue;
      }
      usable.add(e.name);
      ShopifyProbe.Finding finding = probe.check(shop.shopDomain, shop.apiVersionOrDefault(), token.get());
      if (finding instanceof ShopifyProbe.Problem p) {
        reason = reason == null ? p.reason() : reason;
        problems.add(where + ": " + p.message());
      } else if (finding instanceof ShopifyProbe.NotAnswering n) {
        notAnswering.add(where + ": " + n.message());
      } else {
        fine.add(e.name + " (" + ((ShopifyProbe.Answers) finding).shopName() + ")");
      }
    }
    if (!problems.isEmpty()) {
      List<String> all = new ArrayList<>(problems);
      all.addAll(notAnswering);
      report.record(StatusCondition.failed(Conditions.COMMERCE_BACKENDS_VALID, reason, String.join("; ", all)),
          EventReason.COMMERCE_BACKEND_INVALID);
    } else if (!notAnswering.isEmpty()) {
      report.record(StatusCondition.unknown(Conditions.COMMERCE_BACKENDS_VALID, Reason.SHOPIFY_NOT_ANSWERING,
          String.join("; ", notAnswering) + " (asked again at the next reconcile)"));
    } else {
      report.record(StatusCondition.met(Conditions.COMMERCE_BACKENDS_VALID, Reason.VERIFIED,
          "the access token works with the scopes Sidekick needs: " + String.join(", ", fine)));
    }
    return facts.withCommerce(usable);
  }
}
