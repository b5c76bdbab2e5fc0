package dev.sidekick.runtime.dedupe;

/**
 * The customer messages whose event was handled, by message id, kept 24 hours: Gladly's webhook delivery and
 * catch-up's copy from the Events API carry one message under two event ids, and whichever comes second must find the
 * message handled (the event ledger knows event ids only). In this process for one replica
 * ({@link InMemoryHandledMessages}), in Redis for several ({@code store.RedisHandledMessages}).
 */
public interface HandledMessages {
  void add(String messageId);

  boolean contains(String messageId);
}
