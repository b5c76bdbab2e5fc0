package dev.sidekick.shopsim.graphql;

import graphql.GraphQLError;
import graphql.language.SourceLocation;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Errors in the shapes Shopify sends (API.md §2 and §4). Validation messages and codes follow graphql-ruby, which
 * Shopify runs: {@code undefinedField} and {@code selectionMismatch} are confirmed (S10); the other codes are
 * graphql-ruby's names [I].
 */
public final class ShopifyErrors {
  static final String RATE_LIMITS_DOC = "https://shopify.dev/api/usage/rate-limits";
  static final String SCOPES_DOC = "https://shopify.dev/api/usage/access-scopes";
  private static final Pattern UNDEFINED = Pattern.compile("Field '(\\w+)' in type '(\\w+)' is undefined");
  private static final Pattern SUB_REQUIRED = Pattern.compile("Subselection required for type '([^']+)' of field '(\\w+)'");
  private static final Pattern SUB_NOT_ALLOWED = Pattern.compile("Subselection not allowed on leaf type '([^']+)' of field '(\\w+)'");

  private ShopifyErrors() {}

  public static Map<String, Object> error(String message, List<SourceLocation> locations, List<Object> path, Map<String, Object> extensions) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("message", message);
    if (locations != null && !locations.isEmpty()) {
      List<Map<String, Object>> locs = new ArrayList<>();
      for (SourceLocation l : locations) locs.add(Map.of("line", l.getLine(), "column", l.getColumn()));
      e.put("locations", locs);
    }
    if (path != null && !path.isEmpty()) e.put("path", path);
    if (extensions != null && !extensions.isEmpty()) e.put("extensions", extensions);
    return e;
  }

  static Map<String, Object> throttled() {
    return error("Throttled", null, null, ext("THROTTLED", "documentation", RATE_LIMITS_DOC));
  }

  static Map<String, Object> maxCostExceeded(int cost, int max) {
    Map<String, Object> ext = new LinkedHashMap<>();
    ext.put("code", "MAX_COST_EXCEEDED");
    ext.put("cost", cost);
    ext.put("maxCost", max);
    ext.put("documentation", RATE_LIMITS_DOC);
    return error("Query cost is " + cost + ", which exceeds the single query max cost limit (" + max
        + ").\n\nSee " + RATE_LIMITS_DOC + " for more information on how the\ncost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk operations should be used instead.\nSee https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n",
        null, null, ext);
  }

  public static Map<String, Object> internalError(String requestId) {
    return error("Internal error. Looks like something went wrong on our end.\nRequest ID: " + requestId
        + " (include this in support requests).", null, null, ext("INTERNAL_SERVER_ERROR", "requestId", requestId));
  }

  static Map<String, Object> syntax(String message, SourceLocation at) {
    return error(message, at == null ? null : List.of(at), null, ext("PARSE_ERROR"));
  }

  static Map<String, Object> invalidVariable(String message) {
    return error(message, null, null, ext("INVALID_VARIABLE"));
  }

  /** A graphql-java validation error, worded and coded as graphql-ruby (and so Shopify) words it. */
  static Map<String, Object> validation(ValidationError v, String operation) {
    String description = v.getDescription();
    List<Object> path = new ArrayList<>();
    path.add(operation);
    if (v.getQueryPath() != null) path.addAll(v.getQueryPath());
    Matcher m;
    if (v.getValidationErrorType() == ValidationErrorType.FieldUndefined && (m = UNDEFINED.matcher(description)).find()) {
      return error("Field '" + m.group(1) + "' doesn't exist on type '" + m.group(2) + "'", v.getLocations(), path,
          ext("undefinedField", "typeName", m.group(2), "fieldName", m.group(1)));
    }
    if (v.getValidationErrorType() == ValidationErrorType.SubselectionRequired && (m = SUB_REQUIRED.matcher(description)).find()) {
      String type = m.group(1);
      return error("Field '" + m.group(2) + "' returns " + type.replace("!", "") + " but has no selections. Did you mean '"
          + m.group(2) + " { ... }'?", v.getLocations(), path, ext("selectionMismatch", "nodeName", "field '" + m.group(2) + "'",
          "typeName", type.replace("!", "")));
    }
    if (v.getValidationErrorType() == ValidationErrorType.SubselectionNotAllowed && (m = SUB_NOT_ALLOWED.matcher(description)).find()) {
      return error("Selections can't be made on scalars (field '" + m.group(2) + "' returns " + m.group(1).replace("!", "")
          + " but has selections)", v.getLocations(), path, ext("selectionMismatch", "nodeName", "field '" + m.group(2) + "'"));
    }
    String code = v.getValidationErrorType() instanceof ValidationErrorType t ? switch (t) {
      case UnknownArgument -> "argumentNotAccepted";
      case MissingFieldArgument -> "missingRequiredArguments";
      case WrongType -> "argumentLiteralsIncompatible";
      case VariableTypeMismatch -> "variableMismatch";
      case UndefinedVariable -> "variableNotDefined";
      case UnusedVariable -> "variableNotUsed";
      case UnknownType -> "undefinedType";
      case UndefinedFragment -> "undefinedFragment";
      case UnusedFragment -> "useAndDefineFragment";
      default -> "validationError";
    } : "validationError";
    return error(description, v.getLocations(), path, ext(code));
  }

  /** An error a data fetcher reported (already in Shopify's shape, built with GraphqlErrorBuilder). */
  static Map<String, Object> fromFetcher(GraphQLError e) {
    return error(e.getMessage(), e.getLocations(), e.getPath(), e.getExtensions());
  }

  static Map<String, Object> ext(String code, Object... pairs) {
    Map<String, Object> ext = new LinkedHashMap<>();
    ext.put("code", code);
    for (int i = 0; i + 1 < pairs.length; i += 2) ext.put((String) pairs[i], pairs[i + 1]);
    return ext;
  }
}
