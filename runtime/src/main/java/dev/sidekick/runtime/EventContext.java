package dev.sidekick.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidekick.runtime.config.EndpointSettings;
import dev.sidekick.runtime.dedupe.EventProgress;
import dev.sidekick.runtime.gladly.Deadline;

/**
 * One accepted event on its way through a handler. {@code fromCatchUp}: read from Gladly's Events API after an outage
 * rather than delivered, so it is answered only if nothing answered the customer since.
 */
public record EventContext(
    String eventId, String type, JsonNode content, EndpointSettings endpoint, Deadline deadline, EventProgress progress,
    ResponderTime responderTime, boolean fromCatchUp) {}
