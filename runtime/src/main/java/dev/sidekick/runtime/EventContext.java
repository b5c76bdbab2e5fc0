package dev.sidekick.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidekick.runtime.config.EndpointSettings;
import dev.sidekick.runtime.dedupe.EventProgress;
import dev.sidekick.runtime.gladly.Deadline;

/** One accepted event on its way through a handler. */
public record EventContext(
    String eventId, String type, JsonNode content, EndpointSettings endpoint, Deadline deadline, EventProgress progress,
    ResponderTime responderTime) {}
