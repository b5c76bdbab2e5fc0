package dev.sidekick.shopsim.schema;

import graphql.language.AstPrinter;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.ImplementingTypeDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.Type;
import graphql.language.TypeDefinition;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks that the simulator's schema is a subset of a published Shopify Admin schema (an SDL file such as an
 * introspection dump): every type exists with the same kind, every field and argument with the same type (and
 * default), every enum value, every implemented interface. Returns the differences; none means the subset holds.
 */
public final class PublishedSchemaCheck {
  private PublishedSchemaCheck() {}

  public static List<String> differences(String subsetSdl, String publishedSdl) {
    TypeDefinitionRegistry ours = new SchemaParser().parse(subsetSdl);
    TypeDefinitionRegistry published = new SchemaParser().parse(publishedSdl);
    List<String> problems = new ArrayList<>();
    for (TypeDefinition<?> type : ours.types().values()) {
      Optional<TypeDefinition> theirs = published.getType(type.getName());
      if (theirs.isEmpty()) {
        problems.add("type " + type.getName() + " is not in the published schema");
        continue;
      }
      TypeDefinition<?> other = theirs.get();
      if (!other.getClass().equals(type.getClass())) {
        problems.add("type " + type.getName() + " is a " + kind(other) + " in the published schema, not a " + kind(type));
        continue;
      }
      if (type instanceof ImplementingTypeDefinition<?> impl) {
        compareFields(type.getName(), impl.getFieldDefinitions(), ((ImplementingTypeDefinition<?>) other).getFieldDefinitions(), problems);
        List<String> interfaces = names(((ImplementingTypeDefinition<?>) other).getImplements());
        for (String i : names(impl.getImplements())) {
          if (!interfaces.contains(i)) problems.add(type.getName() + " implements " + i + ", the published type does not");
        }
      } else if (type instanceof InputObjectTypeDefinition input) {
        compareInputs(type.getName(), input.getInputValueDefinitions(), ((InputObjectTypeDefinition) other).getInputValueDefinitions(), problems);
      } else if (type instanceof EnumTypeDefinition e) {
        List<String> values = ((EnumTypeDefinition) other).getEnumValueDefinitions().stream().map(EnumValueDefinition::getName).toList();
        for (EnumValueDefinition v : e.getEnumValueDefinitions()) {
          if (!values.contains(v.getName())) problems.add("enum " + type.getName() + " has no value " + v.getName() + " in the published schema");
        }
      }
    }
    for (String scalar : ours.scalars().keySet()) {
      if (!published.scalars().containsKey(scalar)) problems.add("scalar " + scalar + " is not in the published schema");
    }
    return problems;
  }

  private static void compareFields(String type, List<FieldDefinition> ours, List<FieldDefinition> published, List<String> problems) {
    Map<String, FieldDefinition> theirs = published.stream().collect(Collectors.toMap(FieldDefinition::getName, Function.identity()));
    for (FieldDefinition f : ours) {
      FieldDefinition p = theirs.get(f.getName());
      if (p == null) {
        problems.add(type + "." + f.getName() + " is not in the published schema");
        continue;
      }
      if (!print(f.getType()).equals(print(p.getType()))) {
        problems.add(type + "." + f.getName() + ": " + print(f.getType()) + " here, " + print(p.getType()) + " published");
      }
      compareInputs(type + "." + f.getName(), f.getInputValueDefinitions(), p.getInputValueDefinitions(), problems);
    }
  }

  private static void compareInputs(String owner, List<InputValueDefinition> ours, List<InputValueDefinition> published, List<String> problems) {
    Map<String, InputValueDefinition> theirs = published.stream().collect(Collectors.toMap(InputValueDefinition::getName, Function.identity()));
    for (InputValueDefinition a : ours) {
      InputValueDefinition p = theirs.get(a.getName());
      if (p == null) {
        problems.add(owner + "(" + a.getName() + ") is not in the published schema");
        continue;
      }
      if (!print(a.getType()).equals(print(p.getType()))) {
        problems.add(owner + "(" + a.getName() + "): " + print(a.getType()) + " here, " + print(p.getType()) + " published");
      }
      String ourDefault = a.getDefaultValue() == null ? "" : AstPrinter.printAst(a.getDefaultValue());
      String theirDefault = p.getDefaultValue() == null ? "" : AstPrinter.printAst(p.getDefaultValue());
      if (!ourDefault.equals(theirDefault)) {
        problems.add(owner + "(" + a.getName() + "): default " + ourDefault + " here, " + theirDefault + " published");
      }
    }
  }

  private static List<String> names(List<Type> types) {
    return types.stream().map(PublishedSchemaCheck::print).toList();
  }

  private static String print(Type<?> type) {
    return AstPrinter.printAst(type);
  }

  private static String kind(TypeDefinition<?> t) {
    return t.getClass().getSimpleName().replace("TypeDefinition", "").toLowerCase();
  }
}
