package dev.sidekick.runtime.store;

/**
 * The shared store cannot be reached in time. The event is refused with 503 so that Gladly redelivers it: the runtime
 * never answers without the store that keeps the answer single.
 */
public class StoreUnavailable extends RuntimeException {
  public StoreUnavailable(String message) {
    super(message, null, false, false);
  }
}
