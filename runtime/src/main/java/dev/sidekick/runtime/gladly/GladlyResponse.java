package dev.sidekick.runtime.gladly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Optional;

/** A successful Gladly answer: its status, its JSON body (missing when none) and its Location. */
public record GladlyResponse(int status, JsonNode body, Optional<String> location) {
  public static GladlyResponse empty(int status) {
    return new GladlyResponse(status, MissingNode.getInstance(), Optional.empty());
  }
}
