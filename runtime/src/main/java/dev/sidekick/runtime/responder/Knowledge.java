package dev.sidekick.runtime.responder;

import dev.sidekick.runtime.responder.knowledge.KnowledgeBase;
import dev.sidekick.runtime.responder.retrieval.Embedder;
import dev.sidekick.runtime.responder.retrieval.Retriever;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A knowledge base and its retriever, which is built in the background at start-up (loading the model and
 * embedding the passages takes a moment): readiness waits for it, and a message that comes earlier waits within
 * its budget.
 */
public final class Knowledge {
  private final KnowledgeBase kb;
  private final Optional<Embedder> embedder;
  private final CompletableFuture<Retriever> retriever = new CompletableFuture<>();
  private volatile String problem = "";

  Knowledge(KnowledgeBase kb, Optional<Embedder> embedder) {
    this.kb = kb;
    this.embedder = embedder;
  }

  /** A knowledge base whose retriever is already built (tests, the calibration command). */
  public static Knowledge of(Retriever retriever) {
    Knowledge k = new Knowledge(retriever.knowledgeBase(), retriever.embedder());
    k.retriever.complete(retriever);
    return k;
  }

  public KnowledgeBase knowledgeBase() {
    return kb;
  }

  public Optional<Embedder> embedder() {
    return embedder;
  }

  public boolean ready() {
    return retriever.isDone() && !retriever.isCompletedExceptionally();
  }

  /** Why it is not ready yet (empty when it is, or while it is being built without trouble). */
  public String problem() {
    return problem;
  }

  void problem(String why) {
    this.problem = why;
  }

  void built(Retriever r) {
    problem = "";
    retriever.complete(r);
  }

  /** The retriever, waiting for it within the budget. */
  public Retriever retriever(Duration budget) {
    try {
      return retriever.get(Math.max(0, budget.toMillis()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new Embedder.EmbeddingFailed("the knowledge base is still loading");
    } catch (ExecutionException e) {
      throw new Embedder.EmbeddingFailed("the knowledge base could not be loaded");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Embedder.EmbeddingFailed("interrupted");
    }
  }
}
