package dev.sidekick.runtime.outcomes;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The answered conversations waiting to be counted as resolved: in this process for one replica
 * ({@link InMemoryResolutions}), in Redis for several ({@code store.RedisResolutions}), where each watch is claimed by
 * one replica only.
 */
public interface Resolutions {
  /** One answer under watch: resolved when, by {@code due}, the customer did not write again and no person took over. */
  record Watch(String conversation, String endpoint, String channel, Instant due) {}

  /** Watches the conversation (a later answer replaces an earlier watch of it). */
  void watch(Watch watch);

  /** Ends the conversation's watch, if any: the customer wrote again, or Sidekick handed the conversation off. */
  Optional<Watch> end(String conversation);

  /** Claims up to {@code max} watches due by {@code now}: each is returned to one caller once. */
  List<Watch> claimDue(Instant now, int max);
}
