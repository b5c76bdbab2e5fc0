package dev.sidekick.gladlysim.control;

import java.time.Instant;

/** One Gladly API call the simulator received. {@code path} is without the {@code /org/{key}} prefix and query. */
public record ApiCall(String method, String path, int status, String orgKey, String agentId, Instant at) {}
