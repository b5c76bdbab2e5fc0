package dev.sidekick.runtime.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sidekick.runtime.config.ConfigException;
import dev.sidekick.runtime.config.ConfigLoader;
import dev.sidekick.runtime.config.ResponderSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The responder section of runtime.yaml: an embeddings endpoint for retrieval, and the grounded model. */
class ResponderConfigTest {
  @TempDir Path dir;

  @BeforeEach
  void files() throws IOException {
    Files.createDirectories(dir.resolve("keys"));
    Files.writeString(dir.resolve("keys/us-store"), "k1\n");
    Files.writeString(dir.resolve("email"), "sidekick@acme.example\n");
    Files.writeString(dir.resolve("token"), "t\n");
    Files.writeString(dir.resolve("embed-key"), "e\n");
    Files.writeString(dir.resolve("kb.yaml"), "entries: [{id: a, phrases: [x], answer: y}]\n");
  }

  private ResponderSettings responder(String responder) throws IOException {
    Path file = Files.writeString(dir.resolve("runtime.yaml"), """
        gladly:
          baseUrl: https://acme.gladly.com
          credentials: { emailFile: email, tokenFile: token }
        keysDir: keys
        responder:
        %s
        endpoints: [{ name: us-store, channels: [CHAT] }]
        """.formatted(responder.indent(2)));
    return ConfigLoader.load(file).endpoints().get(0).responder();
  }

  @Test
  void a_knowledge_base_may_name_an_embeddings_endpoint_for_its_semantic_stage() throws IOException {
    ResponderSettings r = responder("""
        knowledgeBase:
          file: kb.yaml
          embeddings: { url: "http://embeddings.local:8000/v1/embeddings", model: all-minilm-l6-v2, apiKeyFile: embed-key }
        """);
    assertThat(r).isEqualTo(new ResponderSettings.KnowledgeBase(dir.resolve("kb.yaml"), Optional.of(
        new ResponderSettings.Embeddings(URI.create("http://embeddings.local:8000/v1/embeddings"), "all-minilm-l6-v2",
            Optional.of(dir.resolve("embed-key")), Duration.ofSeconds(2)))));
  }

  @Test
  void the_model_needs_a_knowledge_base_to_be_grounded_in() {
    assertThatThrownBy(() -> responder("chatCompletions: { url: \"https://llm.example.com/v1/chat/completions\", model: m }"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("responder.chatCompletions.knowledgeBase: is required");
  }

  @Test
  void an_embeddings_endpoint_without_a_model_or_with_a_bad_url_is_refused() {
    assertThatThrownBy(() -> responder("knowledgeBase: { file: kb.yaml, embeddings: { url: \"http://e.local/v1/embeddings\" } }"))
        .hasMessageContaining("responder.knowledgeBase.embeddings.model: is required");
    assertThatThrownBy(() -> responder("knowledgeBase: { file: kb.yaml, embeddings: { url: \"ftp://e.local\", model: m } }"))
        .hasMessageContaining("responder.knowledgeBase.embeddings.url: must be an http(s) URL");
  }
}
