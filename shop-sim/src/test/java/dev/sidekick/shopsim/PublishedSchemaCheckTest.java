package dev.sidekick.shopsim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidekick.shopsim.schema.PublishedSchemaCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The check that keeps the simulator's schema a subset of Shopify's published one finds each kind of drift. */
class PublishedSchemaCheckTest {
  private static final String PUBLISHED = """
      type QueryRoot { order(id: ID!): Order  orders(first: Int, reverse: Boolean = false): [Order!]! }
      interface Node { id: ID! }
      type Order implements Node & HasEvents { id: ID!  name: String!  email: String  extra: Int }
      interface HasEvents { id: ID! }
      enum OrderReturnStatus { RETURNED NO_RETURN IN_PROGRESS }
      input OrderIdentifierInput { id: ID  customId: String }
      scalar DateTime
      """;

  @Test
  void a_true_subset_has_no_differences() {
    String ours = """
        type QueryRoot { order(id: ID!): Order  orders(first: Int, reverse: Boolean = false): [Order!]! }
        interface Node { id: ID! }
        type Order implements Node { id: ID!  name: String! }
        enum OrderReturnStatus { RETURNED NO_RETURN }
        input OrderIdentifierInput { id: ID }
        scalar DateTime
        """;
    assertThat(PublishedSchemaCheck.differences(ours, PUBLISHED)).isEmpty();
  }

  @Test
  void a_wrong_type_a_missing_field_argument_enum_value_default_or_interface_is_reported() {
    String ours = """
        type QueryRoot { order(id: ID): Order  orders(first: Int, reverse: Boolean = true, after: String): [Order!]! }
        interface Node { id: ID! }
        interface Named { name: String! }
        type Order implements Node & Named { id: ID!  name: String  phone: String }
        enum OrderReturnStatus { RETURNED RETURN_LOST }
        input OrderIdentifierInput { id: String }
        scalar DateTime
        scalar Money
        """;
    List<String> problems = PublishedSchemaCheck.differences(ours, PUBLISHED);
    assertThat(problems).containsExactlyInAnyOrder(
        "QueryRoot.order(id): ID here, ID! published",
        "QueryRoot.orders(reverse): default true here, false published",
        "QueryRoot.orders(after) is not in the published schema",
        "type Named is not in the published schema",
        "Order implements Named, the published type does not",
        "Order.name: String here, String! published",
        "Order.phone is not in the published schema",
        "enum OrderReturnStatus has no value RETURN_LOST in the published schema",
        "OrderIdentifierInput(id): String here, ID published",
        "scalar Money is not in the published schema");
  }
}
