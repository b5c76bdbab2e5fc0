package dev.sidekick.shopsim.graphql;

import dev.sidekick.shopsim.state.Customer;
import dev.sidekick.shopsim.state.Order;
import dev.sidekick.shopsim.state.ShopState;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import graphql.execution.DataFetcherResult;
import graphql.execution.RawVariables;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.normalized.ExecutableNormalizedOperationFactory;
import graphql.schema.Coercing;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.validation.ValidationError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The Admin GraphQL API the simulator serves: {@code shopify/admin-subset.graphqls} (a subset of Shopify's published
 * schema) executed by graphql-java, so every query is parsed and validated as a real server would, with Shopify's cost,
 * throttling, access scopes, paging rules and error shapes around it.
 */
public final class AdminSchema {
  public static final String SDL = "shopify/admin-subset.graphqls";
  static final int MAX_QUERY_COST = 1000;
  static final int MAX_PAGE = 250;
  private static final Duration RECENT = Duration.ofDays(60);

  private final GraphQLSchema schema;
  private final GraphQL graphql;
  private final QueryCost cost;

  /** What one request produced: the response body, its cost, and what the call log records. */
  public record Answer(Map<String, Object> body, List<String> rootFields, String operationName, Integer requestedCost,
      Integer actualCost, boolean throttled) {}

  public AdminSchema() {
    TypeDefinitionRegistry types = new SchemaParser().parse(sdl());
    RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring();
    for (String scalar : List.of("DateTime", "Decimal", "UnsignedInt64", "URL")) wiring.scalar(stringScalar(scalar));
    // Node is never a field's type here, but the schema needs to know how to tell its objects apart: by their GID
    wiring.type("Node", t -> t.typeResolver(env -> {
      String gid = String.valueOf(((Map<?, ?>) env.getObject()).get("id"));
      String type = gid.replaceFirst("^gid://shopify/([A-Za-z]+)/.*$", "$1");
      return env.getSchema().getObjectType(type);
    }));
    wiring.type("QueryRoot", t -> t
        .dataFetcher("orders", scoped("orders", "read_orders", env -> orders(env, shop(env).orders())))
        .dataFetcher("order", scoped("order", "read_orders", env -> orderById(env, env.getArgument("id"))))
        .dataFetcher("orderByIdentifier", scoped("orderByIdentifier", "read_orders", env -> {
          Map<String, Object> identifier = env.getArgument("identifier");
          return orderById(env, (String) identifier.get("id"));
        }))
        .dataFetcher("customers", scoped("customers", "read_customers", env -> customers(env)))
        .dataFetcher("customerByIdentifier", scoped("customerByIdentifier", "read_customers", this::customerByIdentifier))
        .dataFetcher("return", scoped("return", "read_returns", env -> {
          Long id = legacyId(env.getArgument("id"), "Return");
          return id == null ? null : shop(env).returnById(id).map(e -> Nodes.ret(e.getValue(), e.getKey())).orElse(null);
        }))
        .dataFetcher("shop", env -> Nodes.shop(shop(env))));
    wiring.type("Order", t -> t
        .dataFetcher("customer", scoped("customer", "read_customers", env -> {
          Long id = (Long) source(env).get(Nodes.CUSTOMER_ID);
          return id == null ? null : shop(env).customer(id).map(c -> Nodes.customer(c, shop(env).ordersOf(c))).orElse(null);
        }))
        .dataFetcher("lineItems", env -> page(env, list(env, "lineItems")))
        .dataFetcher("returns", scoped("returns", "read_returns", env -> page(env, list(env, "returns"))))
        .dataFetcher("fulfillments", env -> firstOf(env, list(env, "fulfillments")))
        .dataFetcher("refunds", env -> firstOf(env, list(env, "refunds"))));
    wiring.type("Fulfillment", t -> t.dataFetcher("trackingInfo", env -> firstOf(env, list(env, "trackingInfo"))));
    wiring.type("Customer", t -> t.dataFetcher("orders", scoped("orders", "read_orders", env -> {
      Long id = (Long) source(env).get(Nodes.ID);
      Customer c = shop(env).customer(id).orElseThrow();
      return orders(env, shop(env).ordersOf(c));
    })));
    wiring.type("Return", t -> t.dataFetcher("order", env -> {
      Long orderId = (Long) source(env).get(Nodes.ORDER_ID);
      return shop(env).order(orderId).map(o -> Nodes.order(o, shop(env))).orElse(null);
    }));
    wiring.type("Refund", t -> t.dataFetcher("return", env -> {
      Long returnId = (Long) source(env).get(Nodes.RETURN_ID);
      return returnId == null ? null : shop(env).returnById(returnId).map(e -> Nodes.ret(e.getValue(), e.getKey())).orElse(null);
    }));
    this.schema = new SchemaGenerator().makeExecutableSchema(types, wiring.build());
    this.graphql = GraphQL.newGraphQL(schema).build();
    this.cost = new QueryCost(schema);
  }

  public GraphQLSchema schema() {
    return schema;
  }

  /** The SDL this simulator serves. */
  public static String sdl() {
    try (InputStream in = AdminSchema.class.getClassLoader().getResourceAsStream(SDL)) {
      if (in == null) throw new IllegalStateException(SDL + " is missing from the class path");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + SDL, e);
    }
  }

  /** Runs one request: parse, validate, cost and throttle, execute, cost again. */
  public Answer run(String query, Map<String, Object> variables, String operationName, Set<String> scopes, ShopState shop,
      CostBucket bucket) {
    Map<String, Object> vars = variables == null ? Map.of() : variables;
    ExecutionInput.Builder input = ExecutionInput.newExecutionInput().query(query).variables(vars);
    if (operationName != null) input.operationName(operationName);
    ParseAndValidateResult parsed = ParseAndValidate.parse(input.build());
    if (parsed.getSyntaxException() != null) {
      var syntax = parsed.getSyntaxException();
      return refused(ShopifyErrors.syntax(syntax.getMessage(), syntax.getLocation()), List.of(), operationName);
    }
    Document document = parsed.getDocument();
    String operation = operationLabel(document, operationName);
    String ran = operationName != null ? operationName : soleOperationName(document);
    List<ValidationError> invalid = ParseAndValidate.validate(schema, document);
    if (!invalid.isEmpty()) {
      List<Map<String, Object>> errors = invalid.stream().map(v -> ShopifyErrors.validation(v, operation)).toList();
      return new Answer(Map.of("errors", errors), List.of(), ran, null, null, false);
    }
    ExecutableNormalizedOperation normalized;
    try {
      normalized = ExecutableNormalizedOperationFactory.createExecutableNormalizedOperationWithRawVariables(
          schema, document, operationName, RawVariables.of(vars));
    } catch (RuntimeException e) {
      return refused(ShopifyErrors.invalidVariable(e.getMessage()), List.of(), ran);
    }
    List<String> roots = normalized.getTopLevelFields().stream().map(f -> f.getName()).toList();
    int requested = cost.requested(normalized);
    if (requested > MAX_QUERY_COST) {
      return refused(ShopifyErrors.maxCostExceeded(requested, MAX_QUERY_COST), roots, ran);
    }
    if (!bucket.tryTake(requested)) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("errors", List.of(ShopifyErrors.throttled()));
      body.put("extensions", Map.of("cost", costExtension(requested, null, bucket)));
      return new Answer(body, roots, ran, requested, null, true);
    }
    List<Map<String, Object>> searchWarnings = new ArrayList<>();
    ExecutionResult result = graphql.execute(input.graphQLContext(Map.of("shop", shop, "scopes", scopes, "search", searchWarnings)).build());
    Map<String, Object> data = result.getData();
    int actual = cost.actual(normalized, data);
    bucket.refund(requested - actual);
    Map<String, Object> body = new LinkedHashMap<>();
    if (!result.getErrors().isEmpty()) body.put("errors", result.getErrors().stream().map(ShopifyErrors::fromFetcher).toList());
    body.put("data", data);
    Map<String, Object> extensions = new LinkedHashMap<>();
    extensions.put("cost", costExtension(requested, actual, bucket));
    if (!searchWarnings.isEmpty()) extensions.put("search", searchWarnings);
    body.put("extensions", extensions);
    return new Answer(body, roots, ran, requested, actual, false);
  }

  /** The name of the document's only operation (what runs when the request names none); null when anonymous. */
  private static String soleOperationName(Document document) {
    List<OperationDefinition> ops = document.getDefinitionsOfType(OperationDefinition.class);
    return ops.size() == 1 ? ops.get(0).getName() : null;
  }

  private static Answer refused(Map<String, Object> error, List<String> roots, String operationName) {
    return new Answer(Map.of("errors", List.of(error)), roots, operationName, null, null, false);
  }

  private static Map<String, Object> costExtension(int requested, Integer actual, CostBucket bucket) {
    CostBucket.Status s = bucket.status();
    Map<String, Object> cost = new LinkedHashMap<>();
    cost.put("requestedQueryCost", requested);
    cost.put("actualQueryCost", actual);
    cost.put("throttleStatus", Map.of("maximumAvailable", s.maximumAvailable(), "currentlyAvailable", (int) s.currentlyAvailable(),
        "restoreRate", s.restoreRate()));
    return cost;
  }

  /** graphql-ruby names a path's first element after the operation ("query Recent", or "query" when anonymous). */
  private static String operationLabel(Document document, String operationName) {
    for (OperationDefinition op : document.getDefinitionsOfType(OperationDefinition.class)) {
      if (operationName == null || operationName.equals(op.getName())) {
        String kind = op.getOperation().name().toLowerCase(java.util.Locale.ROOT);
        return op.getName() == null ? kind : kind + " " + op.getName();
      }
    }
    return "query";
  }

  // ---- data fetchers

  private static ShopState shop(DataFetchingEnvironment env) {
    return env.getGraphQlContext().get("shop");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> source(DataFetchingEnvironment env) {
    return (Map<String, Object>) env.getSource();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(DataFetchingEnvironment env, String field) {
    Object value = source(env).get(field);
    return value == null ? List.of() : (List<Map<String, Object>>) value;
  }

  /** Refuses a field the token's scopes do not cover, as Shopify does: the field is null with an ACCESS_DENIED error. */
  private static DataFetcher<Object> scoped(String field, String scope, DataFetcher<Object> fetcher) {
    return env -> {
      Set<String> scopes = env.getGraphQlContext().get("scopes");
      if (!scopes.contains(scope) && !scopes.contains(scope.replace("read_", "write_"))) {
        String required = "`" + scope + "` access scope.";
        return DataFetcherResult.newResult().error(GraphqlErrorBuilder.newError(env)
            .message("Access denied for " + field + " field. Required access: " + required)
            .extensions(ShopifyErrors.ext("ACCESS_DENIED", "documentation", ShopifyErrors.SCOPES_DOC, "requiredAccess", required))
            .build()).build();
      }
      return fetcher.get(env);
    };
  }

  /** Orders older than 60 days are invisible without read_all_orders (API.md §2, §8.5). */
  private static boolean visible(DataFetchingEnvironment env, Order o) {
    Set<String> scopes = env.getGraphQlContext().get("scopes");
    return scopes.contains("read_all_orders") || o.processedAt().isAfter(Instant.now().minus(RECENT));
  }

  private Object orders(DataFetchingEnvironment env, List<Order> all) {
    ShopState shop = shop(env);
    String query = env.getArgument("query");
    SearchQuery<Order> search;
    try {
      search = Searches.orders(query, shop);
    } catch (IllegalArgumentException e) {
      return fail(env, "Invalid search query: " + e.getMessage(), "BAD_REQUEST");
    }
    warn(env, query, search.warnings());
    Comparator<Order> order = switch (String.valueOf(env.<Object>getArgument("sortKey"))) {
      case "CREATED_AT" -> Comparator.comparing(Order::createdAt);
      case "UPDATED_AT" -> Comparator.comparing(Order::updatedAt);
      case "ORDER_NUMBER" -> Comparator.comparing(Order::number);
      case "TOTAL_PRICE" -> Comparator.comparing(o -> o.totalPrice(shop.currency()).amount());
      case "PROCESSED_AT" -> Comparator.comparing(Order::processedAt);
      default -> Comparator.comparing(Order::legacyId);
    };
    List<Map<String, Object>> nodes = all.stream().filter(o -> visible(env, o)).filter(search::matches)
        .sorted(order.thenComparing(Order::legacyId)).map(o -> Nodes.order(o, shop)).toList();
    return page(env, nodes);
  }

  private Object customers(DataFetchingEnvironment env) {
    ShopState shop = shop(env);
    String query = env.getArgument("query");
    SearchQuery<Customer> search;
    try {
      search = Searches.customers(query);
    } catch (IllegalArgumentException e) {
      return fail(env, "Invalid search query: " + e.getMessage(), "BAD_REQUEST");
    }
    warn(env, query, search.warnings());
    List<Map<String, Object>> nodes = shop.customers().stream().filter(search::matches)
        .map(c -> Nodes.customer(c, shop.ordersOf(c))).toList();
    return page(env, nodes);
  }

  private Object orderById(DataFetchingEnvironment env, String gid) {
    Long id = legacyId(gid, "Order");
    if (id == null) return null;
    return shop(env).order(id).filter(o -> visible(env, o)).map(o -> Nodes.order(o, shop(env))).orElse(null);
  }

  private Object customerByIdentifier(DataFetchingEnvironment env) {
    Map<String, Object> identifier = env.getArgument("identifier");
    Map<String, Object> given = new LinkedHashMap<>();
    identifier.forEach((k, v) -> {
      if (v != null && !v.toString().isBlank()) given.put(k, v);
    });
    if (given.size() != 1) {
      return fail(env, "Variable $identifier of type CustomerIdentifierInput! was provided invalid value: exactly one of id, "
          + "emailAddress, phoneNumber, customId is required", "INVALID_VARIABLE");
    }
    ShopState shop = shop(env);
    String key = given.keySet().iterator().next();
    String value = given.get(key).toString();
    Function<Customer, Boolean> match = switch (key) {
      case "emailAddress" -> c -> c.email() != null && c.email().equalsIgnoreCase(value.trim());
      case "phoneNumber" -> c -> c.phone() != null && c.phone().replaceAll("[^0-9+]", "").equals(value.replaceAll("[^0-9+]", ""));
      default -> c -> c.gid().equals(value);
    };
    return shop.customers().stream().filter(match::apply).findFirst().map(c -> Nodes.customer(c, shop.ordersOf(c))).orElse(null);
  }

  private static Long legacyId(String gid, String type) {
    String prefix = "gid://shopify/" + type + "/";
    if (gid == null || !gid.startsWith(prefix)) return null;
    try {
      return Long.parseLong(gid.substring(prefix.length()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static void warn(DataFetchingEnvironment env, String query, List<SearchQuery.Warning> warnings) {
    if (warnings.isEmpty()) return;
    List<Map<String, Object>> search = env.getGraphQlContext().get("search");
    List<Map<String, Object>> list = new ArrayList<>();
    Map<String, Object> parsed = new LinkedHashMap<>();
    for (SearchQuery.Warning w : warnings) {
      list.add(Map.of("field", w.field(), "message", "Invalid search field for this query.", "code", "invalid_field"));
      parsed.put("field", w.field());
      parsed.put("match_all", w.value());
    }
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("path", env.getExecutionStepInfo().getPath().toList());
    entry.put("query", query);
    entry.put("parsed", parsed);
    entry.put("warnings", list);
    search.add(entry);
  }

  /** A connection page: first/last (one of them required, at most 250), after/before cursors, reverse. */
  private static Object page(DataFetchingEnvironment env, List<Map<String, Object>> items) {
    Integer first = env.getArgument("first");
    Integer last = env.getArgument("last");
    if (first == null && last == null) return fail(env, "you must provide one of first or last", "BAD_REQUEST");
    for (var n : new Object[][] {{"first", first}, {"last", last}}) {
      if (n[1] != null && (Integer) n[1] > MAX_PAGE) {
        return fail(env, n[0] + " cannot exceed " + MAX_PAGE + ". To query larger amounts of data with fewer limits, bulk "
            + "operations should be used instead.", "BAD_REQUEST");
      }
    }
    List<Map<String, Object>> list = new ArrayList<>(items);
    if (Boolean.TRUE.equals(env.getArgument("reverse"))) java.util.Collections.reverse(list);
    int from = 0;
    int to = list.size();
    String after = env.getArgument("after");
    String before = env.getArgument("before");
    try {
      if (after != null) from = indexOf(list, after) + 1;
      if (before != null) to = indexOf(list, before);
    } catch (IllegalArgumentException e) {
      return fail(env, "Invalid cursor for current pagination sort.", "BAD_REQUEST");
    }
    List<Map<String, Object>> window = from >= to ? List.of() : list.subList(from, to);
    int start = 0;
    int end = window.size();
    if (first != null) end = Math.min(end, Math.max(0, first));
    if (last != null) start = Math.max(0, end - Math.max(0, last));
    List<Map<String, Object>> nodes = window.subList(start, end);
    List<Map<String, Object>> edges = nodes.stream().map(n -> Map.<String, Object>of("cursor", cursor(n), "node", n)).toList();
    Map<String, Object> pageInfo = new LinkedHashMap<>();
    pageInfo.put("hasNextPage", from + end < to);
    pageInfo.put("hasPreviousPage", from + start > 0);
    pageInfo.put("startCursor", nodes.isEmpty() ? null : cursor(nodes.get(0)));
    pageInfo.put("endCursor", nodes.isEmpty() ? null : cursor(nodes.get(nodes.size() - 1)));
    return Map.of("edges", edges, "nodes", nodes, "pageInfo", pageInfo);
  }

  private static List<Map<String, Object>> firstOf(DataFetchingEnvironment env, List<Map<String, Object>> items) {
    Integer first = env.getArgument("first");
    return first == null || first >= items.size() ? items : items.subList(0, Math.max(0, first));
  }

  /** Opaque to clients; decodes to {"last_id":…,"last_value":…} like Shopify's (API.md §4). */
  private static String cursor(Map<String, Object> node) {
    Object id = node.get(Nodes.ID);
    String json = "{\"last_id\":" + id + ",\"last_value\":" + id + "}";
    return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static int indexOf(List<Map<String, Object>> list, String cursor) {
    String json;
    try {
      json = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not base64");
    }
    var m = java.util.regex.Pattern.compile("\"last_id\":(\\d+)").matcher(json);
    if (!m.find()) throw new IllegalArgumentException("no last_id");
    long id = Long.parseLong(m.group(1));
    for (int i = 0; i < list.size(); i++) if (Long.valueOf(id).equals(list.get(i).get(Nodes.ID))) return i;
    throw new IllegalArgumentException("unknown id");
  }

  private static DataFetcherResult<Object> fail(DataFetchingEnvironment env, String message, String code) {
    GraphQLError error = GraphqlErrorBuilder.newError(env).message(message).extensions(ShopifyErrors.ext(code)).build();
    return DataFetcherResult.newResult().error(error).build();
  }

  /** Shopify's custom scalars travel as strings; instants are written to the second, in UTC. */
  @SuppressWarnings("deprecation")
  private static GraphQLScalarType stringScalar(String name) {
    return GraphQLScalarType.newScalar().name(name).coercing(new Coercing<Object, String>() {
      @Override
      public String serialize(Object value) {
        return value instanceof Instant i ? i.truncatedTo(ChronoUnit.SECONDS).toString() : value.toString();
      }

      @Override
      public Object parseValue(Object input) {
        return input.toString();
      }

      @Override
      public Object parseLiteral(Object input) {
        return input instanceof graphql.language.StringValue s ? s.getValue() : input.toString();
      }
    }).build();
  }
}
