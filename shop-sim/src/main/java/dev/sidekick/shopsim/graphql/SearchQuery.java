package dev.sidekick.shopsim.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Shopify's search syntax for a connection's {@code query:} argument (API.md §3.1 "Syntax"): whitespace is AND,
 * {@code OR}, {@code -term} and {@code NOT term} negate, parentheses group, terms are {@code field:value} with
 * {@code :>}, {@code :>=}, {@code :<}, {@code :<=}, values may be quoted. A field the connection does not know is
 * ignored with an {@code invalid_field} warning, as Shopify does (so the term matches everything).
 */
public final class SearchQuery<T> {
  /** One {@code field:value} term; {@code field} is null for bare text. */
  public record Term(String field, String comparator, String value) {}

  /** A warning for {@code extensions.search}. */
  public record Warning(String field, String value) {}

  private sealed interface Expr permits Match, And, Or, Not {}

  private record Match(Term term) implements Expr {}

  private record And(List<Expr> all) implements Expr {}

  private record Or(List<Expr> any) implements Expr {}

  private record Not(Expr inner) implements Expr {}

  private final Expr expr;
  private final Map<String, BiPredicate<T, Term>> fields;
  private final BiPredicate<T, Term> text;
  private final List<Warning> warnings = new ArrayList<>();

  private SearchQuery(Expr expr, Map<String, BiPredicate<T, Term>> fields, BiPredicate<T, Term> text) {
    this.expr = expr;
    this.fields = fields;
    this.text = text;
    collectWarnings(expr);
  }

  /** {@code fields}: the filterable fields of this connection; {@code text}: how bare words match. Null query = all. */
  public static <T> SearchQuery<T> parse(String query, Map<String, BiPredicate<T, Term>> fields, BiPredicate<T, Term> text) {
    Expr e = query == null || query.isBlank() ? new And(List.of()) : new Parser(query).parse();
    return new SearchQuery<>(e, fields, text);
  }

  public List<Warning> warnings() {
    return List.copyOf(warnings);
  }

  public boolean matches(T item) {
    return eval(expr, item);
  }

  private boolean eval(Expr e, T item) {
    if (e instanceof Match m) {
      Term t = m.term();
      if (t.field() == null) return text.test(item, t);
      BiPredicate<T, Term> p = fields.get(t.field());
      return p == null || p.test(item, t); // unknown field: ignored (warned)
    }
    if (e instanceof And a) return a.all().stream().allMatch(x -> eval(x, item));
    if (e instanceof Or o) return o.any().stream().anyMatch(x -> eval(x, item));
    return !eval(((Not) e).inner(), item);
  }

  private void collectWarnings(Expr e) {
    if (e instanceof Match m) {
      if (m.term().field() != null && !fields.containsKey(m.term().field())) {
        warnings.add(new Warning(m.term().field(), m.term().value()));
      }
    } else if (e instanceof And a) {
      a.all().forEach(this::collectWarnings);
    } else if (e instanceof Or o) {
      o.any().forEach(this::collectWarnings);
    } else {
      collectWarnings(((Not) e).inner());
    }
  }

  /** Recursive descent over the query string: or := and (OR and)*; and := unary+; unary := (-|NOT) unary | ( or ) | term. */
  private static final class Parser {
    private final String s;
    private int i;

    Parser(String s) {
      this.s = s;
    }

    Expr parse() {
      Expr e = or();
      skipSpace();
      if (i < s.length()) throw new IllegalArgumentException("unexpected " + s.charAt(i));
      return e;
    }

    private Expr or() {
      List<Expr> any = new ArrayList<>();
      any.add(and());
      while (keyword("OR")) any.add(and());
      return any.size() == 1 ? any.get(0) : new Or(any);
    }

    private Expr and() {
      List<Expr> all = new ArrayList<>();
      while (true) {
        skipSpace();
        if (i >= s.length() || s.charAt(i) == ')' || peekKeyword("OR")) break;
        if (keyword("AND")) continue;
        all.add(unary());
      }
      return all.size() == 1 ? all.get(0) : new And(all);
    }

    private Expr unary() {
      skipSpace();
      if (s.charAt(i) == '-') {
        i++;
        return new Not(unary());
      }
      if (keyword("NOT")) return new Not(unary());
      if (s.charAt(i) == '(') {
        i++;
        Expr inner = or();
        skipSpace();
        if (i < s.length() && s.charAt(i) == ')') i++;
        return inner;
      }
      return new Match(term());
    }

    private Term term() {
      String first = word(true);
      if (i < s.length() && s.charAt(i) == ':') {
        i++;
        String comparator = ":";
        for (String c : new String[] {">=", "<=", ">", "<"}) {
          if (s.startsWith(c, i)) {
            comparator = ":" + c;
            i += c.length();
            break;
          }
        }
        return new Term(first, comparator, word(false));
      }
      return new Term(null, ":", first);
    }

    /** A bare or quoted word; a field name stops at ':'. Backslash escapes the next character. */
    private String word(boolean fieldName) {
      if (i < s.length() && (s.charAt(i) == '"' || s.charAt(i) == '\'')) {
        char q = s.charAt(i++);
        StringBuilder b = new StringBuilder();
        while (i < s.length() && s.charAt(i) != q) {
          if (s.charAt(i) == '\\' && i + 1 < s.length()) i++;
          b.append(s.charAt(i++));
        }
        i++;
        return b.toString();
      }
      StringBuilder b = new StringBuilder();
      while (i < s.length()) {
        char c = s.charAt(i);
        if (Character.isWhitespace(c) || c == ')' || (c == '(' && b.length() > 0) || (fieldName && c == ':')) break;
        if (c == '\\' && i + 1 < s.length()) c = s.charAt(++i);
        b.append(c);
        i++;
      }
      return b.toString();
    }

    private void skipSpace() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    }

    private boolean peekKeyword(String k) {
      return s.startsWith(k, i) && (i + k.length() == s.length() || Character.isWhitespace(s.charAt(i + k.length())));
    }

    private boolean keyword(String k) {
      skipSpace();
      if (peekKeyword(k)) {
        i += k.length();
        return true;
      }
      return false;
    }
  }
}
