package dev.sidekick.operator.reconciler;

import dev.sidekick.contract.Channel;
import dev.sidekick.contract.WebhookRoute;
import dev.sidekick.operator.api.AdoptSpec;
import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.ResponderSpec;
import dev.sidekick.operator.api.SidekickIntegrationSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the CRD's schema cannot say (Kubernetes 1.20 has no CEL): unique endpoint names, hand-off inboxes
 * among spec.inboxes, one kind of responder each, webhooks to adopt named once each, one address of the store
 * ({@link StoreProblems}), and Gladly's limit of 20 webhooks per organization.
 */
public final class SpecValidator {
  public static final int GLADLY_WEBHOOK_LIMIT = 20;

  private SpecValidator() {}

  /** Problems a person must fix in the spec, in words; empty when the spec is fine. */
  public static List<String> problems(SidekickIntegrationSpec spec) {
    List<String> problems = new ArrayList<>();
    if (spec.gladly == null || spec.gladly.credentialsSecretRef == null) {
      problems.add("spec.gladly.organizationUrl and spec.gladly.credentialsSecretRef are required");
    }
    if (spec.publicUrl == null || !spec.publicUrl.matches(SidekickIntegrationSpec.HTTPS_URL)) {
      problems.add("spec.publicUrl must be an https URL without a trailing slash");
    }
    if (spec.responder == null) {
      problems.add("spec.responder.knowledgeBase.configMapRef is required: the runtime needs a default responder");
    } else {
      problems.addAll(responderProblems("spec.responder", spec.responder));
    }
    List<String> inboxes = spec.inboxes == null ? List.of() : spec.inboxes;
    Set<String> seenInboxes = new HashSet<>();
    for (String inbox : inboxes) {
      if (!seenInboxes.add(inbox)) problems.add("inbox \"" + inbox + "\" is listed twice in spec.inboxes");
    }
    var runtime = spec.runtimeOrDefault();
    if (runtime.replicasOrDefault() > 1 && (runtime.store == null || runtime.store.redis == null)) {
      problems.add("spec.runtime.replicas is " + runtime.replicasOrDefault() + ": more than one replica needs a shared"
          + " store (spec.runtime.store.redis), or they could answer a customer twice; set the store or replicas: 1");
    }
    if (runtime.store != null && runtime.store.redis != null) problems.addAll(StoreProblems.of(runtime.store.redis));
    if (runtime.networkPolicyEnabled()
        && (runtime.networkPolicy.ingressFrom == null || runtime.networkPolicy.ingressFrom.isEmpty())) {
      problems.add("spec.runtime.networkPolicy.ingressFrom needs at least one peer (your ingress controller): without"
          + " one, nothing could reach the webhooks and Gladly's deliveries would be refused");
    }
    if (spec.endpoints == null || spec.endpoints.isEmpty()) {
      problems.add("spec.endpoints needs at least one endpoint");
      return problems;
    }
    Set<String> names = new HashSet<>();
    Map<String, String> entryPoints = new HashMap<>();
    for (int i = 0; i < spec.endpoints.size(); i++) {
      EndpointSpec e = spec.endpoints.get(i);
      String where = "spec.endpoints[" + i + "]";
      if (e.name == null || !e.name.matches(EndpointSpec.DNS_LABEL)) {
        problems.add(where + ".name must be a DNS label (got \"" + e.name + "\")");
      } else if (!names.add(e.name)) {
        problems.add("endpoint name \"" + e.name + "\" is used more than once");
      }
      if (e.channels == null || e.channels.isEmpty()) {
        problems.add(where + ".channels needs CHAT and/or MESSAGING");
      } else if (new HashSet<>(e.channels).size() != e.channels.size()) {
        problems.add(where + ".channels lists a channel twice");
      }
      if (e.handoffInbox != null && !inboxes.contains(e.handoffInbox)) {
        problems.add(
            where + ".handoffInbox \"" + e.handoffInbox + "\" is not one of spec.inboxes " + inboxes);
      }
      if (e.responder != null) {
        problems.addAll(responderProblems(where + ".responder", e.responder));
      }
      if (e.handoffInbox == null && e.channels != null && e.channels.contains(Channel.MESSAGING)) {
        problems.add(where + ".handoffInbox is required for the MESSAGING channel");
      }
      problems.addAll(chatEntryPointProblems(where, e, entryPoints));
    }
    problems.addAll(adoptProblems(spec, names));
    int wanted = webhookCount(spec);
    if (wanted > GLADLY_WEBHOOK_LIMIT) {
      problems.add(
          wanted + " webhooks wanted (endpoints × channels), Gladly allows " + GLADLY_WEBHOOK_LIMIT
              + " per organization");
    }
    return problems;
  }

  /** Each webhook to adopt is named once, by id or by URL, for an endpoint of the spec, and is not already ours. */
  private static List<String> adoptProblems(SidekickIntegrationSpec spec, Set<String> endpoints) {
    List<String> problems = new ArrayList<>();
    List<AdoptSpec> adopt = spec.webhooksOrDefault().adoptOrEmpty();
    Set<String> named = new HashSet<>();
    for (int i = 0; i < adopt.size(); i++) {
      AdoptSpec a = adopt.get(i);
      String where = "spec.webhooks.adopt[" + i + "]";
      if (a == null || (a.id == null) == (a.url == null)) {
        problems.add(where + " needs exactly one of id (the Gladly webhook id) and url (the exact URL it calls)");
        continue;
      }
      if (a.id != null && !a.id.matches(AdoptSpec.WEBHOOK_ID)) {
        problems.add(where + ".id \"" + a.id + "\" is not a Gladly webhook id (letters, digits, - and _, at most 50)");
      }
      if (a.url != null && !a.url.matches(AdoptSpec.WEBHOOK_URL)) {
        problems.add(where + ".url \"" + a.url + "\" is not an https URL (Gladly calls only https webhooks)");
      }
      if (a.url != null && spec.publicUrl != null && WebhookRoute.under(spec.publicUrl, a.url).isPresent()) {
        problems.add(where + ".url " + a.url + " is a URL of this resource's own webhooks: such a webhook is the"
            + " operator's already, remove the entry");
      }
      if (!named.add(a.describe())) {
        problems.add(where + " names " + a.describe() + " a second time");
      }
      if (a.endpoint != null && !endpoints.contains(a.endpoint)) {
        problems.add(where + ".endpoint \"" + a.endpoint + "\" is not one of spec.endpoints " + endpoints.stream().sorted().toList());
      }
    }
    return problems;
  }

  /** A chat entry point is answered by one endpoint, which must take chats. */
  private static List<String> chatEntryPointProblems(String where, EndpointSpec e, Map<String, String> listedBy) {
    List<String> problems = new ArrayList<>();
    if (e.chatEntryPoints == null || e.chatEntryPoints.isEmpty()) {
      return problems;
    }
    if (e.channels == null || !e.channels.contains(Channel.CHAT)) {
      problems.add(where + ".chatEntryPoints is only for an endpoint whose channels include CHAT");
    }
    for (String address : e.chatEntryPoints) {
      if (address == null || address.isBlank()) {
        problems.add(where + ".chatEntryPoints has an empty address");
        continue;
      }
      String other = listedBy.putIfAbsent(address.trim(), e.name);
      if (other != null) {
        problems.add("chat entry point \"" + address + "\" is listed by endpoints " + other + " and " + e.name
            + ": a chat entry point belongs to one endpoint");
      }
    }
    return problems;
  }

  /** A responder is one kind, whose knowledge base is in a ConfigMap, and whose timeouts are not zero. */
  private static List<String> responderProblems(String where, ResponderSpec r) {
    List<String> problems = new ArrayList<>();
    if ((r.knowledgeBase == null) == (r.chatCompletions == null)) {
      problems.add(where + " must have exactly one of knowledgeBase and chatCompletions");
      return problems;
    }
    String kb = r.chatCompletions == null ? where + ".knowledgeBase" : where + ".chatCompletions.knowledgeBase";
    if (r.configMapRef() == null) {
      problems.add(kb + ".configMapRef is required");
    }
    if (r.chatCompletions != null) {
      zeroTimeout(where + ".chatCompletions.timeout", r.chatCompletions.timeout).ifPresent(problems::add);
    }
    var embeddings = r.knowledgeBaseOfEitherKind() == null ? null : r.knowledgeBaseOfEitherKind().embeddings;
    if (embeddings != null) {
      zeroTimeout(kb + ".embeddings.timeout", embeddings.timeout).ifPresent(problems::add);
    }
    return problems;
  }

  private static java.util.Optional<String> zeroTimeout(String where, String timeout) {
    return timeout != null && timeout.matches("^0+(ms|s|m)$")
        ? java.util.Optional.of(where + " must be more than zero (got " + timeout + ")")
        : java.util.Optional.empty();
  }

  public static int webhookCount(SidekickIntegrationSpec spec) {
    return spec.endpoints == null
        ? 0
        : spec.endpoints.stream()
            .mapToInt(e -> e.channels == null ? 0 : new HashSet<>(e.channels).size())
            .sum();
  }

  /**
   * Gladly's limit, counting the organization's webhooks that are not ours; empty when it fits.
   */
  public static String webhookBudgetProblem(int wanted, int others) {
    if (wanted + others <= GLADLY_WEBHOOK_LIMIT) return null;
    return wanted + " webhooks wanted (endpoints × channels) and " + others
        + " other webhooks already in the Gladly organization exceed Gladly's limit of "
        + GLADLY_WEBHOOK_LIMIT + " (room for " + Math.max(0, GLADLY_WEBHOOK_LIMIT - others) + ")";
  }
}
