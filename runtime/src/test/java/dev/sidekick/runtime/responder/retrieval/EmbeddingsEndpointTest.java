package dev.sidekick.runtime.responder.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidekick.runtime.config.SecretFile;
import dev.sidekick.runtime.responder.Inquiry;
import dev.sidekick.runtime.responder.Knowledge;
import dev.sidekick.runtime.responder.KnowledgeBaseResponder;
import dev.sidekick.runtime.responder.Reply;
import dev.sidekick.runtime.responder.knowledge.KnowledgeBase;
import dev.sidekick.runtime.support.FakeModel;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retrieval's semantic stage through an OpenAI-compatible /v1/embeddings endpoint (a scripted one on 127.0.0.1,
 * whose bag-of-words embeddings make texts that share words close): what the native image uses instead of the
 * in-process model, and what a JVM image may use too.
 */
class EmbeddingsEndpointTest {
  private static FakeModel model;
  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    model = FakeModel.start();
  }

  @AfterAll
  static void stop() {
    model.close();
  }

  private static EmbeddingsEndpoint endpoint(String key, Duration timeout) throws IOException {
    Path keyFile = Files.writeString(dir.resolve("key-" + key), key + "\n");
    return new EmbeddingsEndpoint(URI.create(model.embeddingsUrl()), "bag-of-words",
        Optional.of(SecretFile.readOnce(keyFile)), timeout, new ObjectMapper());
  }

  @Test
  void the_knowledge_base_is_embedded_through_the_endpoint_and_a_customer_is_answered_with_it() throws IOException {
    KnowledgeBase kb = KnowledgeBase.load(Path.of("src/test/resources/kb.yaml"));
    int before = model.embeddingCalls();
    Retriever retriever = Retriever.build(kb, Optional.of(endpoint(FakeModel.KEY, Duration.ofSeconds(2))), Duration.ofSeconds(10));
    assertThat(model.embeddingCalls() - before).as("the passages, in batches of %d", EmbeddingsEndpoint.BATCH)
        .isEqualTo((retriever.passages().size() + EmbeddingsEndpoint.BATCH - 1) / EmbeddingsEndpoint.BATCH);

    KnowledgeBaseResponder responder = new KnowledgeBaseResponder(kb, Knowledge.of(retriever));
    Reply reply = responder.respond(Inquiry.of("I forgot my password and cannot log in"), Duration.ofSeconds(2));
    assertThat(reply).isInstanceOfSatisfying(Reply.Answer.class, a -> assertThat(a.text()).contains("account/reset"));
  }

  @Test
  void vectors_come_back_in_the_order_of_the_texts_whatever_order_the_endpoint_answers_in() throws IOException {
    List<float[]> v = endpoint(FakeModel.KEY, Duration.ofSeconds(2))
        .embed(List.of("track my order", "reset my password", "track my order"), Duration.ofSeconds(2));
    assertThat(v).hasSize(3);
    assertThat(Retriever.dot(v.get(0), v.get(2))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(Retriever.dot(v.get(0), v.get(1))).isLessThan(0.5);
  }

  @Test
  void an_endpoint_that_fails_or_refuses_the_key_is_a_hand_off_not_a_guess() throws IOException {
    KnowledgeBase kb = KnowledgeBase.load(Path.of("src/test/resources/kb.yaml"));
    Retriever retriever = Retriever.build(kb, Optional.of(endpoint(FakeModel.KEY, Duration.ofSeconds(2))), Duration.ofSeconds(10));
    KnowledgeBaseResponder responder = new KnowledgeBaseResponder(kb, Knowledge.of(retriever));

    model.failEmbeddings(1, 503);
    assertThat(responder.respond(Inquiry.of("how long does shipping take"), Duration.ofSeconds(2)))
        .isInstanceOfSatisfying(Reply.Handoff.class, h -> assertThat(h.reason()).contains("the embeddings endpoint answered 503"));

    assertThatThrownBy(() -> endpoint("wrong-key", Duration.ofSeconds(2)).embed(List.of("hello there"), Duration.ofSeconds(2)))
        .isInstanceOf(Embedder.EmbeddingFailed.class).hasMessageContaining("answered 401");
  }

  @Test
  void a_budget_too_short_for_the_endpoint_is_refused_before_calling_it() throws IOException {
    int before = model.embeddingCalls();
    assertThatThrownBy(() -> endpoint(FakeModel.KEY, Duration.ofSeconds(2)).embed(List.of("where is my order"), Duration.ofMillis(5)))
        .isInstanceOf(Embedder.EmbeddingFailed.class).hasMessageContaining("no time left");
    assertThat(model.embeddingCalls()).isEqualTo(before);
  }
}
