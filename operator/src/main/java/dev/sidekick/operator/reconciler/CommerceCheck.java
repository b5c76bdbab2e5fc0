package dev.sidekick.operator.reconciler;

import dev.sidekick.operator.api.Conditions;
import dev.sidekick.operator.api.Conditions.EventReason;
import dev.sidekick.operator.api.Conditions.Reason;
import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.SidekickIntegration;
import dev.sidekick.operator.dependent.IntegrationFacts;
import dev.sidekick.operator.dependent.SecretData;
import dev.sidekick.operator.dependent.WatchedResources;
import dev.sidekick.operator.shopify.ShopFindings;
import dev.sidekick.operator.shopify.ShopifyProbe;
import dev.sidekick.operator.status.StatusCondition;
import dev.sidekick.operator.status.StatusReport;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * What each endpoint's shop says about Sidekick's access token ({@link ShopifyProbe}, remembered by {@link ShopFindings}):
 * CommerceBackendsValid, with the first problem's reason and every endpoint's problem in the message (and a Warning
 * Event when that is news), or Unknown while a shop does not answer. A wrong token or a missing scope does not stop the
 * runtime: it hands order questions to a person until the shop answers. Only an endpoint whose token Secret is missing
 * goes without its backend, since the pod could not mount it.
 */
@ApplicationScoped
class CommerceCheck {
  private final ShopFindings findings;

  CommerceCheck(ShopFindings findings) {
    this.findings = findings;
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
    // every shop is asked first, then each answer read: the reconcile waits for the slowest shop, not their sum
    Map<EndpointSpec, CompletableFuture<ShopifyProbe.Finding>> asked = new LinkedHashMap<>();
    for (EndpointSpec e : withCommerce) {
      var ref = e.commerce.shopify.credentialsSecretRef;
      Optional<Secret> secret = WatchedResources.secret(context, sk, ref.name);
      Optional<String> token = secret.map(s -> SecretData.value(s, ref.tokenKeyOrDefault())).filter(t -> !t.isEmpty());
      if (token.isEmpty()) {
        asked.put(e, CompletableFuture.completedFuture(new ShopifyProbe.Problem(
            secret.isEmpty() ? Reason.SECRET_NOT_FOUND : Reason.SECRET_KEY_MISSING,
            (secret.isEmpty() ? "Secret " + ref.name + " not found" : "Secret " + ref.name + " lacks key " + ref.tokenKeyOrDefault())
                + "; its order questions go to the knowledge base until it is there")));
        continue;
      }
      usable.add(e.name);
      asked.put(e, findings.find(e.commerce.shopify.shopDomain, e.commerce.shopify.apiVersionOrDefault(), token.get()));
    }
    for (var a : asked.entrySet()) {
      String where = "endpoint " + a.getKey().name + " (" + a.getKey().commerce.shopify.shopDomain + ")";
      ShopifyProbe.Finding finding = a.getValue().join();
      if (finding instanceof ShopifyProbe.Problem p) {
        reason = reason == null ? p.reason() : reason;
        problems.add(where + ": " + p.message());
      } else if (finding instanceof ShopifyProbe.NotAnswering n) {
        notAnswering.add(where + ": " + n.message());
      } else {
        fine.add(a.getKey().name + " (" + ((ShopifyProbe.Answers) finding).shopName() + ")");
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
