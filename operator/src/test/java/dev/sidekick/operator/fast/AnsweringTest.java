package dev.sidekick.operator.fast;

import static dev.sidekick.contract.Channel.CHAT;
import static dev.sidekick.contract.Channel.MESSAGING;
import static dev.sidekick.operator.fast.RuntimeReadinessResource.loading;
import static dev.sidekick.operator.fast.RuntimeReadinessResource.ready;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.gladlysim.state.Webhook;
import dev.sidekick.operator.api.EndpointSpec;
import dev.sidekick.operator.api.ResponderSpec;
import dev.sidekick.operator.api.SidekickIntegration;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How Sidekick answers, as a platform engineer sets it up and sees it: a brand tried out in shadow before it goes
 * live, a chat-completions model behind an API key kept in a Secret, and the runtime's check of its knowledge base against the knowledge base's own examples, shown
 * as the condition KnowledgeBaseChecked.
 */
@QuarkusTest
@QuarkusTestResource(MockApiServer.class)
@QuarkusTestResource(GladlySimResource.class)
@QuarkusTestResource(RuntimeReadinessResource.class)
class AnsweringTest extends OperatorTestBase {
  private static final String ONE_WRONG =
      "examples 51: correct 44, menu 2, missed 2, handed off 11, wrong entry 1, false answer 1 (threshold 0.54, margin 0.03)";
  private static final String NONE_WRONG =
      "examples 51: correct 45, menu 2, missed 2, handed off 12, wrong entry 0, false answer 0 (threshold 0.54, margin 0.03)";

  @Test
  void the_runtimes_check_of_its_knowledge_base_is_a_condition_and_examples_answered_wrongly_a_warning() {
    String service = name + "-sidekick";
    runtimes().answer(NS, service, 503, loading("us-store"));
    createWithCredentials(integration(endpoint("us-store", "Support", CHAT)));

    // the integration is Ready whatever the check says: the runtime hands off what it is unsure of
    awaitReady();
    var notYet = awaitCondition("KnowledgeBaseChecked", "Unknown", "NotReported");
    assertThat(notYet.getMessage()).contains("has not reported");

    // the runtime reports two of the knowledge base's own examples that it would answer wrongly (next resync)
    runtimes().answer(NS, service, 200, ready("\"us-store.wronglyAnswered\": 2, \"us-store\": \"" + ONE_WRONG + "\""));
    var wrong = awaitCondition("KnowledgeBaseChecked", "False", "ExamplesAnsweredWrongly");
    assertThat(wrong.getMessage())
        .contains("us-store: 2 would be answered wrongly (" + ONE_WRONG + ")")
        .contains("scripts/knowledge-base calibrate");
    awaitLong().until(() -> events("KnowledgeBaseExamplesWrong").size() == 1);
    assertThat(events("KnowledgeBaseExamplesWrong").get(0).getType()).isEqualTo("Warning");
    assertThat(condition("Ready").orElseThrow().getStatus()).isEqualTo("True");

    // known for this pod template: resyncs come and go (Gladly is read again) and the runtime is not asked again
    int reads = runtimes().reads(NS, service);
    int organizationReads = sim().apiCalls().count("GET", "/api/v1/organization");
    awaitLong().until(() -> sim().apiCalls().count("GET", "/api/v1/organization") >= organizationReads + 2);
    assertThat(runtimes().reads(NS, service)).isEqualTo(reads);

    // the author mends the knowledge base: the pods roll, and the new ones report no example answered wrongly
    runtimes().answer(NS, service, 200, ready("\"us-store.wronglyAnswered\": 0, \"us-store\": \"" + NONE_WRONG + "\""));
    client.configMaps().inNamespace(NS).withName(name + "-answers")
        .edit(c -> new ConfigMapBuilder(c).withData(Map.of("answers.yaml", "greeting: Hi\n" + KNOWLEDGE_BASE)).build());
    var fine = awaitCondition("KnowledgeBaseChecked", "True", "Checked");
    assertThat(fine.getMessage()).isEqualTo("no example would be answered wrongly: us-store: " + NONE_WRONG);
    assertThat(events("KnowledgeBaseExamplesWrong")).hasSize(1);
  }

  @Test
  void a_runtime_the_operator_cannot_read_leaves_the_check_unknown_and_the_integration_ready() {
    // no runtime answers at this Service's address (404)
    createWithCredentials(integration(endpoint("us-store", "Support", CHAT)));
    awaitReady();
    var unknown = awaitCondition("KnowledgeBaseChecked", "Unknown", "RuntimeUnreachable");
    assertThat(unknown.getMessage()).contains("/" + NS + "/" + name + "-sidekick/q/health/ready").contains("answered 404");
    assertThat(events("KnowledgeBaseExamplesWrong")).isEmpty();
  }

  @Test
  void a_chat_completions_model_gets_its_api_key_as_a_file_and_a_new_key_rolls_the_pods() {
    SidekickIntegration sk = integration(endpoint("us-store", "Support", CHAT));
    ResponderSpec.KnowledgeBaseSpec kb = sk.getSpec().responder.knowledgeBase;
    sk.getSpec().responder = new ResponderSpec();
    sk.getSpec().responder.chatCompletions = new ResponderSpec.ChatCompletionsSpec();
    sk.getSpec().responder.chatCompletions.url = "https://llm.example.com/v1/chat/completions";
    sk.getSpec().responder.chatCompletions.model = "gpt-4o-mini";
    sk.getSpec().responder.chatCompletions.apiKeySecretRef = new ResponderSpec.ApiKeySecretRef();
    sk.getSpec().responder.chatCompletions.apiKeySecretRef.name = name + "-llm";
    sk.getSpec().responder.chatCompletions.timeout = "4s";
    sk.getSpec().responder.chatCompletions.knowledgeBase = kb;
    createWithCredentials(sk);

    // no Secret yet: named, nothing started
    var invalid = awaitCondition("Ready", "False", "InvalidSpec");
    assertThat(invalid.getMessage()).contains("API key: Secret " + name + "-llm not found");
    assertThat(client.apps().deployments().inNamespace(NS).withName(name + "-sidekick").get()).isNull();

    client.secrets().inNamespace(NS).resource(new SecretBuilder()
        .withMetadata(new ObjectMetaBuilder().withName(name + "-llm").withNamespace(NS).build())
        .withData(Map.of("api-key", b64("sk-first"))).build()).create();
    awaitReady();
    String runtimeYaml = client.configMaps().inNamespace(NS).withName(name + "-sidekick-config").get()
        .getData().get("runtime.yaml");
    assertThat(runtimeYaml).contains("""
        responder:
          chatCompletions:
            url: https://llm.example.com/v1/chat/completions
            model: gpt-4o-mini
            apiKeyFile: /etc/sidekick/api-keys/responder/chat-completions-api-key
            timeout: 4s
            knowledgeBase:
              file: /etc/sidekick/config/kb-default.yaml
        """).doesNotContain("sk-first");
    var pod = client.apps().deployments().inNamespace(NS).withName(name + "-sidekick").get().getSpec().getTemplate();
    Volume keys = pod.getSpec().getVolumes().stream().filter(v -> "api-keys".equals(v.getName())).findFirst().orElseThrow();
    assertThat(keys.getProjected().getSources().get(0).getSecret().getName()).isEqualTo(name + "-llm");
    assertThat(keys.getProjected().getSources().get(0).getSecret().getItems().get(0).getPath())
        .isEqualTo("responder/chat-completions-api-key");
    assertThat(pod.getSpec().getContainers().get(0).getVolumeMounts())
        .anyMatch(m -> "api-keys".equals(m.getName()) && "/etc/sidekick/api-keys".equals(m.getMountPath()) && m.getReadOnly());
    String hash = pod.getMetadata().getAnnotations().get("sidekick.dev/config-hash");

    // a new key in the Secret: the pods roll to read it
    client.secrets().inNamespace(NS).withName(name + "-llm")
        .edit(s -> new SecretBuilder(s).withData(Map.of("api-key", b64("sk-second"))).build());
    awaitLong().atMost(Duration.ofSeconds(30)).until(() -> !hash.equals(client.apps().deployments().inNamespace(NS)
        .withName(name + "-sidekick").get().getSpec().getTemplate().getMetadata().getAnnotations()
        .get("sidekick.dev/config-hash")));
    awaitReady();
  }

  @Test
  void a_brand_tried_out_in_shadow_goes_live_with_one_edit_of_the_spec() {
    EndpointSpec emea = endpoint("emea-brand", "Returns", MESSAGING);
    emea.mode = EndpointSpec.Mode.SHADOW;
    createWithCredentials(integration(endpoint("us-store", "Support", CHAT), emea));
    awaitReady();
    assertThat(current().getStatus().mode).as("kubectl get sk, column Mode").isEqualTo("shadow: emea-brand");
    assertThat(runtimeYaml())
        .contains("- name: emea-brand\n  mode: shadow\n")
        .doesNotContain("- name: us-store\n  mode:");
    List<String> webhookIds = webhooks().stream().map(Webhook.View::id).toList();
    assertThat(webhookIds).as("Gladly delivers to a brand in shadow as to a live one").hasSize(2);
    String hash = configHash();

    editSpec(s -> s.endpoints.get(1).mode = EndpointSpec.Mode.LIVE);
    awaitLong().until(() -> "live".equals(current().getStatus().mode));
    awaitReady();
    assertThat(runtimeYaml()).doesNotContain("mode:");
    assertThat(configHash()).as("the runtime rolls onto the live configuration").isNotEqualTo(hash);
    assertThat(webhooks()).extracting(Webhook.View::id).as("the webhooks stay as they are").isEqualTo(webhookIds);
  }

  private String runtimeYaml() {
    return client.configMaps().inNamespace(NS).withName(name + "-sidekick-config").get().getData().get("runtime.yaml");
  }

  private String configHash() {
    return client.apps().deployments().inNamespace(NS).withName(name + "-sidekick").get()
        .getSpec().getTemplate().getMetadata().getAnnotations().get("sidekick.dev/config-hash");
  }

  private static RuntimeReadinessResource runtimes() {
    return RuntimeReadinessResource.runtimes;
  }
}
