package newsroom.query;

import java.util.ArrayList;
import java.util.List;

/**
 * The query syntax journalists know from web search: words (all required), "quoted phrases",
 * {@code OR} between alternatives, {@code AND} (the default), {@code NOT} or a leading {@code -} to
 * exclude, and (parentheses) to group. Operators count only in capitals, so "rock and roll" is three
 * words. Parsing never fails on a typo: an unclosed quote or parenthesis closes at the end, a stray
 * one is ignored, an operator with nothing to join is dropped. It refuses only queries too large to
 * be a person's ({@link Invalid}), so no input can make a search expensive.
 */
public final class QuerySyntax {
  public static final int MAX_LENGTH = 1_000;
  public static final int MAX_CLAUSES = 64;
  private static final int MAX_DEPTH = 8;

  /** A parsed query. */
  public sealed interface Node {}

  /** One word, as typed (the index analyses it like the text). */
  public record Word(String text) implements Node {}

  /** Words in this order, next to each other. */
  public record Phrase(List<String> words) implements Node {}

  /** Every part must match; {@link Not} parts must not. */
  public record All(List<Node> parts) implements Node {}

  /** At least one part must match. */
  public record Any(List<Node> parts) implements Node {}

  public record Not(Node part) implements Node {}

  /** The empty query: everything matches. */
  public record Everything() implements Node {}

  /** A query refused, with the reason to show the user. */
  public static final class Invalid extends IllegalArgumentException {
    public Invalid(String message) {
      super(message);
    }
  }

  private enum Kind { WORD, PHRASE, OPEN, CLOSE, AND, OR, NOT }

  private record Token(Kind kind, String text, boolean negated) {}

  private final List<Token> tokens;
  private int next;
  private int clauses;

  private QuerySyntax(List<Token> tokens) {
    this.tokens = tokens;
  }

  public static Node parse(String query) {
    if (query == null || query.isBlank()) {
      return new Everything();
    }
    if (query.length() > MAX_LENGTH) {
      throw new Invalid("the query has " + query.length() + " characters; at most " + MAX_LENGTH + " are allowed");
    }
    QuerySyntax parser = new QuerySyntax(tokenize(query));
    Node node = parser.any(0);
    while (parser.next < parser.tokens.size()) { // stray closing parentheses: skip them and go on
      parser.next++;
      Node more = parser.any(0);
      node = more instanceof Everything ? node : node instanceof Everything ? more : new All(List.of(node, more));
    }
    return node;
  }

  private static List<Token> tokenize(String query) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < query.length()) {
      char c = query.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      boolean negated = false;
      if ((c == '-' || c == '+') && i + 1 < query.length() && !Character.isWhitespace(query.charAt(i + 1))) {
        negated = c == '-';
        c = query.charAt(++i);
      }
      if (c == '"') {
        int end = query.indexOf('"', i + 1);
        String phrase = query.substring(i + 1, end < 0 ? query.length() : end);
        tokens.add(new Token(Kind.PHRASE, phrase, negated));
        i = end < 0 ? query.length() : end + 1;
      } else if (c == '(' || c == ')') {
        tokens.add(new Token(c == '(' ? Kind.OPEN : Kind.CLOSE, String.valueOf(c), negated));
        i++;
      } else {
        int end = i;
        while (end < query.length() && !Character.isWhitespace(query.charAt(end)) && "\"()".indexOf(query.charAt(end)) < 0) {
          end++;
        }
        String word = query.substring(i, end);
        Kind kind = switch (word) {
          case "AND" -> Kind.AND;
          case "OR" -> Kind.OR;
          case "NOT" -> Kind.NOT;
          default -> Kind.WORD;
        };
        tokens.add(new Token(negated && kind != Kind.WORD ? Kind.WORD : kind, word, negated));
        i = end;
      }
    }
    return tokens;
  }

  /** alternatives: all (OR all)* */
  private Node any(int depth) {
    List<Node> parts = new ArrayList<>();
    Node first = all(depth);
    if (!(first instanceof Everything)) {
      parts.add(first);
    }
    while (peek(Kind.OR)) {
      next++;
      Node part = all(depth);
      if (!(part instanceof Everything)) {
        parts.add(part);
      }
    }
    return parts.isEmpty() ? new Everything() : parts.size() == 1 ? parts.getFirst() : new Any(List.copyOf(parts));
  }

  /** a conjunction: unary ((AND)? unary)*, up to OR, a closing parenthesis or the end */
  private Node all(int depth) {
    List<Node> parts = new ArrayList<>();
    while (next < tokens.size() && !peek(Kind.OR) && !peek(Kind.CLOSE)) {
      if (peek(Kind.AND)) {
        next++;
        continue;
      }
      Node part = unary(depth);
      if (part != null) {
        parts.add(part);
      }
    }
    return parts.isEmpty() ? new Everything() : parts.size() == 1 ? parts.getFirst() : new All(List.copyOf(parts));
  }

  private Node unary(int depth) {
    Token token = tokens.get(next++);
    return switch (token.kind()) {
      case NOT -> {
        Node part = next < tokens.size() && !peek(Kind.OR) && !peek(Kind.CLOSE) && !peek(Kind.AND) ? unary(depth) : null;
        yield part == null ? null : new Not(part);
      }
      case OPEN -> {
        if (depth >= MAX_DEPTH) {
          throw new Invalid("parentheses are nested more than " + MAX_DEPTH + " deep");
        }
        Node group = any(depth + 1);
        if (peek(Kind.CLOSE)) {
          next++;
        }
        yield group instanceof Everything ? null : negate(group, token.negated());
      }
      case WORD -> negate(clause(new Word(token.text())), token.negated());
      case PHRASE -> {
        List<String> words = List.of(token.text().strip().split("\\s+"));
        if (token.text().isBlank()) {
          yield null;
        }
        yield negate(clause(words.size() == 1 ? new Word(words.getFirst()) : new Phrase(words)), token.negated());
      }
      case AND, OR, CLOSE -> null; // not reached: the callers stop at these
    };
  }

  private Node clause(Node node) {
    if (++clauses > MAX_CLAUSES) {
      throw new Invalid("the query has more than " + MAX_CLAUSES + " words and phrases");
    }
    return node;
  }

  private static Node negate(Node node, boolean negated) {
    return negated ? new Not(node) : node;
  }

  private boolean peek(Kind kind) {
    return next < tokens.size() && tokens.get(next).kind() == kind;
  }
}
