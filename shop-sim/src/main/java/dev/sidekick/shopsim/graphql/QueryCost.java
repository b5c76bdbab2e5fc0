package dev.sidekick.shopsim.graphql;

import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import java.util.List;
import java.util.Map;

/**
 * Shopify's cost of a query (API.md §5, S4/S12): scalars and enums 0, an object 1, a connection 2 + n × the cost of one
 * node (n = {@code first} or {@code last}), a list with {@code first} n × the cost of one element (a list without it
 * counts one element). The requested cost is computed from the query before it runs; the actual cost walks the result
 * the same way with the numbers of objects really returned. Shopify's real figures are often lower: tests must not pin
 * them (API.md §5).
 */
public final class QueryCost {
  private final GraphQLSchema schema;

  public QueryCost(GraphQLSchema schema) {
    this.schema = schema;
  }

  public int requested(ExecutableNormalizedOperation operation) {
    int cost = 0;
    for (ExecutableNormalizedField f : operation.getTopLevelFields()) cost += requested(f);
    return cost;
  }

  private int requested(ExecutableNormalizedField f) {
    GraphQLOutputType type = f.getType(schema);
    GraphQLType named = unwrap(type);
    if (!(named instanceof GraphQLObjectType object)) return 0;
    int n = count(f);
    if (isConnection(object)) return 2 + n * connectionNode(f);
    if (isList(type)) return n * (1 + children(f));
    return 1 + children(f);
  }

  private int children(ExecutableNormalizedField f) {
    int cost = 0;
    for (ExecutableNormalizedField c : f.getChildren()) cost += requested(c);
    return cost;
  }

  /** The cost of one node of a connection: {@code nodes {…}} and {@code edges { node {…} }}, each an object. */
  private int connectionNode(ExecutableNormalizedField connection) {
    int cost = 0;
    for (ExecutableNormalizedField c : connection.getChildren()) {
      if (c.getName().equals("nodes")) cost += 1 + children(c);
      if (c.getName().equals("edges")) {
        for (ExecutableNormalizedField e : c.getChildren()) if (e.getName().equals("node")) cost += 1 + children(e);
      }
    }
    return cost;
  }

  /** The cost of what a query returned: the same rules, counting the objects in {@code data}. */
  public int actual(ExecutableNormalizedOperation operation, Map<String, Object> data) {
    if (data == null) return 0;
    int cost = 0;
    for (ExecutableNormalizedField f : operation.getTopLevelFields()) cost += actual(f, data.get(f.getResultKey()));
    return cost;
  }

  private int actual(ExecutableNormalizedField f, Object value) {
    if (value == null) return 0;
    GraphQLType named = unwrap(f.getType(schema));
    if (!(named instanceof GraphQLObjectType object)) return 0;
    if (isConnection(object)) {
      int cost = 2;
      Map<?, ?> conn = (Map<?, ?>) value;
      for (ExecutableNormalizedField c : f.getChildren()) {
        Object v = conn.get(c.getResultKey());
        if (!(v instanceof List<?> list)) continue;
        for (Object item : list) {
          if (c.getName().equals("nodes")) cost += 1 + actualChildren(c, item);
          if (c.getName().equals("edges")) {
            for (ExecutableNormalizedField e : c.getChildren()) {
              if (e.getName().equals("node")) cost += 1 + actualChildren(e, ((Map<?, ?>) item).get(e.getResultKey()));
            }
          }
        }
      }
      return cost;
    }
    if (value instanceof List<?> list) {
      int cost = 0;
      for (Object item : list) cost += 1 + actualChildren(f, item);
      return cost;
    }
    return 1 + actualChildren(f, value);
  }

  private int actualChildren(ExecutableNormalizedField f, Object value) {
    if (!(value instanceof Map<?, ?> map)) return 0;
    int cost = 0;
    for (ExecutableNormalizedField c : f.getChildren()) cost += actual(c, map.get(c.getResultKey()));
    return cost;
  }

  private static int count(ExecutableNormalizedField f) {
    Object first = f.getResolvedArguments().get("first");
    Object last = f.getResolvedArguments().get("last");
    Object n = first != null ? first : last;
    return n instanceof Number num ? Math.max(0, num.intValue()) : 1;
  }

  private static boolean isConnection(GraphQLObjectType type) {
    return type.getName().endsWith("Connection");
  }

  private static boolean isList(GraphQLType type) {
    GraphQLType t = type instanceof GraphQLNonNull nn ? nn.getWrappedType() : type;
    return t instanceof GraphQLList;
  }

  private static GraphQLType unwrap(GraphQLType type) {
    GraphQLType t = type;
    while (t instanceof GraphQLNonNull || t instanceof GraphQLList) {
      t = t instanceof GraphQLNonNull nn ? nn.getWrappedType() : ((GraphQLList) t).getWrappedType();
    }
    return t;
  }
}
