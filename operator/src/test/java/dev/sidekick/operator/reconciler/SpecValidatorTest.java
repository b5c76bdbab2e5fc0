package dev.sidekick.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.contract.Channel;
import dev.sidekick.operator.api.AdoptSpec;
import dev.sidekick.operator.api.CredentialsSecretRef;
import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.GladlySpec;
import dev.sidekick.operator.api.ResponderSpec;
import dev.sidekick.operator.api.RuntimeSpec;
import dev.sidekick.operator.api.SidekickIntegrationSpec;
import dev.sidekick.operator.api.StoreSpec;
import dev.sidekick.operator.api.WebhooksSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {

  static SidekickIntegrationSpec spec(EndpointSpec... endpoints) {
    SidekickIntegrationSpec s = new SidekickIntegrationSpec();
    s.gladly = new GladlySpec();
    s.gladly.organizationUrl = "https://acme.gladly.com";
    s.gladly.credentialsSecretRef = new CredentialsSecretRef();
    s.gladly.credentialsSecretRef.name = "acme-gladly-api";
    s.inboxes = new ArrayList<>(List.of("Support", "Returns"));
    s.publicUrl = "https://hooks.acme.example.com/acme";
    s.endpoints = new ArrayList<>(List.of(endpoints));
    s.responder = new ResponderSpec();
    s.responder.knowledgeBase = new ResponderSpec.KnowledgeBaseSpec();
    s.responder.knowledgeBase.configMapRef = new ResponderSpec.ConfigMapKeyRef();
    s.responder.knowledgeBase.configMapRef.name = "acme-answers";
    return s;
  }

  @Test
  void a_sound_spec_has_no_problem() {
    assertThat(
            SpecValidator.problems(
                spec(
                    new EndpointSpec("us-store", "Support", Channel.CHAT, Channel.MESSAGING),
                    new EndpointSpec("emea-brand", "Returns", Channel.MESSAGING))))
        .isEmpty();
  }

  @Test
  void a_chat_entry_point_belongs_to_one_chat_endpoint() {
    EndpointSpec us = new EndpointSpec("us-store", "Support", Channel.CHAT);
    us.chatEntryPoints = List.of("chat-us-store");
    EndpointSpec eu = new EndpointSpec("eu-store", "Returns", Channel.CHAT);
    eu.chatEntryPoints = List.of("chat-eu-store");
    assertThat(SpecValidator.problems(spec(us, eu))).isEmpty();

    eu.chatEntryPoints = List.of("chat-eu-store", "chat-us-store");
    assertThat(SpecValidator.problems(spec(us, eu))).containsExactly(
        "chat entry point \"chat-us-store\" is listed by endpoints us-store and eu-store: a chat entry point belongs to one endpoint");

    EndpointSpec mail = new EndpointSpec("mail", "Returns", Channel.MESSAGING);
    mail.chatEntryPoints = List.of("chat-mail");
    assertThat(SpecValidator.problems(spec(mail)))
        .containsExactly("spec.endpoints[0].chatEntryPoints is only for an endpoint whose channels include CHAT");
  }

  /** The store's address is a URL or the Sentinels, never both; Sentinels as host:port; a CA only for TLS. */
  @Test
  void the_store_has_one_address_sentinels_as_host_and_port_and_a_ca_only_for_tls() {
    SidekickIntegrationSpec s = spec(new EndpointSpec("us-store", "Support", Channel.CHAT));
    s.runtime = new RuntimeSpec();
    s.runtime.store = new StoreSpec();
    s.runtime.store.redis = redis("""
        sentinel: { masterName: mymaster, hosts: ["s-0.redis:26379", "s-1.redis:26379"], tls: true }
        caSecretRef: { name: redis-ca }
        """);
    assertThat(SpecValidator.problems(s)).isEmpty();
    s.runtime.store.redis = redis("url: rediss://redis:6380/0\ncaSecretRef: { name: redis-ca }");
    assertThat(SpecValidator.problems(s)).isEmpty();

    s.runtime.store.redis = redis("caSecretRef: { name: redis-ca }");
    assertThat(SpecValidator.problems(s)).containsExactly(
        "spec.runtime.store.redis needs exactly one of url (one Redis) and sentinel (Redis behind Sentinel)");
    s.runtime.store.redis = redis("url: redis://redis:6379/0\nsentinel: { masterName: m, hosts: [\"s:26379\"] }");
    assertThat(SpecValidator.problems(s)).containsExactly(
        "spec.runtime.store.redis needs exactly one of url (one Redis) and sentinel (Redis behind Sentinel); with"
            + " sentinel, the database and TLS are sentinel.database and sentinel.tls");

    s.runtime.store.redis = redis("""
        sentinel: { masterName: "my master", hosts: ["redis://s-0:26379", "s-1:26379", "s-1:26379", "s-2:99999"] }
        caSecretRef: { name: redis-ca }
        """);
    assertThat(SpecValidator.problems(s)).containsExactly(
        "spec.runtime.store.redis.sentinel.masterName must be the name the Sentinels monitor, without spaces",
        "spec.runtime.store.redis.sentinel.hosts: \"redis://s-0:26379\" must be host:port, without a scheme",
        "spec.runtime.store.redis.sentinel.hosts lists \"s-1:26379\" twice",
        "spec.runtime.store.redis.sentinel.hosts: \"s-2:99999\" must be host:port, without a scheme",
        "spec.runtime.store.redis.caSecretRef is for TLS: use a rediss:// url (or sentinel.tls: true)");
    s.runtime.store.redis = redis("sentinel: { masterName: m, hosts: [] }");
    assertThat(SpecValidator.problems(s)).containsExactly(
        "spec.runtime.store.redis.sentinel.hosts needs at least one Sentinel as host:port (three or more, on different nodes)");
  }

  private static StoreSpec.Redis redis(String yaml) {
    return io.fabric8.kubernetes.client.utils.Serialization.unmarshal(yaml, StoreSpec.Redis.class);
  }

  @Test
  void endpoint_names_must_be_unique() {
    assertThat(
            SpecValidator.problems(
                spec(new EndpointSpec("us-store", "Support", Channel.CHAT), new EndpointSpec("us-store", "Returns", Channel.MESSAGING))))
        .containsExactly("endpoint name \"us-store\" is used more than once");
  }

  @Test
  void the_handoff_inbox_must_be_one_of_the_inboxes_and_is_required_for_messaging() {
    assertThat(SpecValidator.problems(spec(new EndpointSpec("us-store", "Billing", Channel.CHAT))))
        .containsExactly("spec.endpoints[0].handoffInbox \"Billing\" is not one of spec.inboxes [Support, Returns]");
    assertThat(SpecValidator.problems(spec(new EndpointSpec("us-store", null, Channel.MESSAGING))))
        .containsExactly("spec.endpoints[0].handoffInbox is required for the MESSAGING channel");
    assertThat(SpecValidator.problems(spec(new EndpointSpec("us-store", null, Channel.CHAT)))).isEmpty();
  }

  @Test
  void a_channel_listed_twice_and_a_name_that_is_no_dns_label_are_reported() {
    assertThat(SpecValidator.problems(spec(new EndpointSpec("US_Store", "Support", Channel.CHAT, Channel.CHAT))))
        .containsExactly(
            "spec.endpoints[0].name must be a DNS label (got \"US_Store\")",
            "spec.endpoints[0].channels lists a channel twice");
  }

  @Test
  void the_runtime_needs_a_default_knowledge_base() {
    SidekickIntegrationSpec s = spec(new EndpointSpec("us-store", "Support", Channel.CHAT));
    s.responder = null;
    assertThat(SpecValidator.problems(s))
        .containsExactly("spec.responder.knowledgeBase.configMapRef is required: the runtime needs a default responder");
  }

  @Test
  void more_than_twenty_webhooks_never_fit_in_one_gladly_organization() {
    List<EndpointSpec> endpoints = new ArrayList<>();
    for (int i = 0; i < 10; i++) endpoints.add(new EndpointSpec("brand-" + i, "Support", Channel.CHAT, Channel.MESSAGING));
    assertThat(SpecValidator.problems(spec(endpoints.toArray(EndpointSpec[]::new)))).isEmpty();
    endpoints.add(new EndpointSpec("brand-10", "Support", Channel.CHAT));
    assertThat(SpecValidator.problems(spec(endpoints.toArray(EndpointSpec[]::new))))
        .containsExactly("21 webhooks wanted (endpoints × channels), Gladly allows 20 per organization");
  }

  @Test
  void the_organization_budget_counts_the_webhooks_that_are_not_ours() {
    assertThat(SpecValidator.webhookBudgetProblem(3, 17)).isNull();
    assertThat(SpecValidator.webhookBudgetProblem(3, 18))
        .isEqualTo(
            "3 webhooks wanted (endpoints × channels) and 18 other webhooks already in the Gladly organization"
                + " exceed Gladly's limit of 20 (room for 2)");
  }

  @Test
  void several_replicas_need_a_shared_store() {
    SidekickIntegrationSpec spec = spec(new EndpointSpec("us-store", "Support", Channel.CHAT));
    spec.runtime = new dev.sidekick.operator.api.RuntimeSpec();
    spec.runtime.replicas = 2;
    assertThat(SpecValidator.problems(spec)).containsExactly("spec.runtime.replicas is 2: more than one replica needs a"
        + " shared store (spec.runtime.store.redis), or they could answer a customer twice; set the store or replicas: 1");

    spec.runtime.store = new dev.sidekick.operator.api.StoreSpec();
    spec.runtime.store.redis = new dev.sidekick.operator.api.StoreSpec.Redis();
    spec.runtime.store.redis.url = "redis://redis.support.svc:6379";
    assertThat(SpecValidator.problems(spec)).isEmpty();
    spec.runtime.store = null;
    spec.runtime.replicas = 1;
    assertThat(SpecValidator.problems(spec)).as("one replica keeps its state in memory").isEmpty();
  }

  @Test
  void a_network_policy_names_who_may_call_the_webhooks_or_gladly_could_not() {
    SidekickIntegrationSpec spec = spec(new EndpointSpec("us-store", "Support", Channel.CHAT));
    spec.runtime = new dev.sidekick.operator.api.RuntimeSpec();
    spec.runtime.networkPolicy = new dev.sidekick.operator.api.NetworkPolicySpec();
    spec.runtime.networkPolicy.enabled = true;
    assertThat(SpecValidator.problems(spec)).singleElement().asString()
        .startsWith("spec.runtime.networkPolicy.ingressFrom needs at least one peer");

    spec.runtime.networkPolicy.ingressFrom = List.of(new io.fabric8.kubernetes.api.model.networking.v1
        .NetworkPolicyPeerBuilder().withNewNamespaceSelector().addToMatchLabels("name", "ingress-nginx")
        .endNamespaceSelector().build());
    assertThat(SpecValidator.problems(spec)).isEmpty();
    spec.runtime.networkPolicy.ingressFrom = null;
    spec.runtime.networkPolicy.enabled = false;
    assertThat(SpecValidator.problems(spec)).as("switched off, nothing is asked").isEmpty();
  }

  @Test
  void a_responder_is_one_kind_with_its_knowledge_base_and_timeouts_above_zero() {
    SidekickIntegrationSpec s = spec(new EndpointSpec("us-store", "Support", Channel.CHAT));
    s.responder.chatCompletions = new ResponderSpec.ChatCompletionsSpec();
    s.responder.chatCompletions.url = "https://llm.example.com/v1/chat/completions";
    s.responder.chatCompletions.model = "gpt-4o-mini";
    assertThat(SpecValidator.problems(s))
        .containsExactly("spec.responder must have exactly one of knowledgeBase and chatCompletions");

    s.responder.knowledgeBase = null;
    s.responder.chatCompletions.timeout = "0s";
    assertThat(SpecValidator.problems(s)).containsExactly(
        "spec.responder.chatCompletions.knowledgeBase.configMapRef is required",
        "spec.responder.chatCompletions.timeout must be more than zero (got 0s)");

    s.responder.chatCompletions.timeout = "5s";
    s.responder.chatCompletions.knowledgeBase = new ResponderSpec.KnowledgeBaseSpec();
    s.responder.chatCompletions.knowledgeBase.configMapRef = new ResponderSpec.ConfigMapKeyRef();
    s.responder.chatCompletions.knowledgeBase.configMapRef.name = "acme-answers";
    s.responder.chatCompletions.knowledgeBase.embeddings = new ResponderSpec.EmbeddingsSpec();
    s.responder.chatCompletions.knowledgeBase.embeddings.timeout = "0ms";
    assertThat(SpecValidator.problems(s))
        .containsExactly("spec.responder.chatCompletions.knowledgeBase.embeddings.timeout must be more than zero (got 0ms)");

    s.responder.chatCompletions.knowledgeBase.embeddings.timeout = "2s";
    s.endpoints.get(0).responder = new ResponderSpec();
    assertThat(SpecValidator.problems(s))
        .containsExactly("spec.endpoints[0].responder must have exactly one of knowledgeBase and chatCompletions");
  }

  @Test
  void a_webhook_to_adopt_is_named_once_by_id_or_by_url_for_an_endpoint_of_the_spec() {
    var spec = spec(new EndpointSpec("us-store", "Support", Channel.CHAT));
    spec.webhooks = new WebhooksSpec();
    spec.webhooks.adopt = List.of(AdoptSpec.id("c5yeqK8VTlm9xAXgvq_5-w"), AdoptSpec.url("https://bot.acme.example/hook?brand=us"));
    assertThat(SpecValidator.problems(spec)).isEmpty();

    AdoptSpec both = AdoptSpec.id("c5yeqK8VTlm9xAXgvq_5-w");
    both.url = "https://bot.acme.example/hook";
    spec.webhooks.adopt = List.of(
        both,
        new AdoptSpec(),
        AdoptSpec.id("not/an id"),
        AdoptSpec.url("http://bot.acme.example/hook"),
        AdoptSpec.url("https://hooks.acme.example.com/acme/gladly/us-store/chat"),
        AdoptSpec.id("c5yeqK8VTlm9xAXgvq_5-w").forEndpoint("eu-store"),
        AdoptSpec.id("c5yeqK8VTlm9xAXgvq_5-w"));
    assertThat(SpecValidator.problems(spec)).containsExactly(
        "spec.webhooks.adopt[0] needs exactly one of id (the Gladly webhook id) and url (the exact URL it calls)",
        "spec.webhooks.adopt[1] needs exactly one of id (the Gladly webhook id) and url (the exact URL it calls)",
        "spec.webhooks.adopt[2].id \"not/an id\" is not a Gladly webhook id (letters, digits, - and _, at most 50)",
        "spec.webhooks.adopt[3].url \"http://bot.acme.example/hook\" is not an https URL (Gladly calls only https webhooks)",
        "spec.webhooks.adopt[4].url https://hooks.acme.example.com/acme/gladly/us-store/chat is a URL of this"
            + " resource's own webhooks: such a webhook is the operator's already, remove the entry",
        "spec.webhooks.adopt[5].endpoint \"eu-store\" is not one of spec.endpoints [us-store]",
        "spec.webhooks.adopt[6] names id c5yeqK8VTlm9xAXgvq_5-w a second time");
  }
}
