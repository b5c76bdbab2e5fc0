package dev.sidekick.shopsim.control;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One Admin API call the simulator received: the version asked for, the operation that ran (the request's
 * {@code operationName}, else the document's only operation) and its root fields, the variables,
 * the HTTP status, the cost and whether it was throttled. The access token is never recorded.
 */
public record ShopCall(
    Instant at,
    String apiVersion,
    String operationName,
    List<String> rootFields,
    Map<String, Object> variables,
    int status,
    Integer requestedCost,
    Integer actualCost,
    boolean throttled,
    String fault) {

  /** As the control API shows it ({@code GET /sim/calls}): the time as ISO-8601 text. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("at", at.toString());
    m.put("apiVersion", apiVersion);
    m.put("operationName", operationName);
    m.put("rootFields", rootFields);
    m.put("variables", variables);
    m.put("status", status);
    m.put("requestedCost", requestedCost);
    m.put("actualCost", actualCost);
    m.put("throttled", throttled);
    m.put("fault", fault);
    return m;
  }
}
