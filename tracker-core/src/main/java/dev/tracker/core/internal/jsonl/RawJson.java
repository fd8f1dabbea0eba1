package dev.tracker.core.internal.jsonl;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of a JSON value as it was read, cut into its parts: an object into its members (the key
 * and value texts, in the order read), an array into its elements. Lets a writer copy the parts
 * that did not change, byte for byte. Only for text that a JSON parser has already accepted.
 */
public final class RawJson {

  /**
   * One member of an object.
   *
   * @param key the key, unescaped
   * @param keyText the key as read, quotes included
   * @param valueText the value as read
   */
  public record Member(String key, String keyText, String valueText) {}

  private final String text;
  private int at;

  private RawJson(String text) {
    this.text = text;
  }

  /** The members of the object that {@code text} holds, surrounding whitespace allowed. */
  public static List<Member> members(String text) {
    RawJson raw = new RawJson(text);
    raw.skipWhitespace();
    return raw.members();
  }

  /** The elements of the array that {@code text} holds, each as read. */
  public static List<String> elements(String text) {
    RawJson raw = new RawJson(text);
    raw.skipWhitespace();
    raw.expect('[');
    List<String> elements = new ArrayList<>();
    raw.skipWhitespace();
    if (raw.peek() == ']') {
      return elements;
    }
    while (true) {
      raw.skipWhitespace();
      int start = raw.at;
      raw.skipValue();
      elements.add(text.substring(start, raw.at));
      raw.skipWhitespace();
      if (raw.next() == ']') {
        return elements;
      }
    }
  }

  private List<Member> members() {
    expect('{');
    List<Member> members = new ArrayList<>();
    skipWhitespace();
    if (peek() == '}') {
      return members;
    }
    while (true) {
      skipWhitespace();
      int keyStart = at;
      String key = string();
      String keyText = text.substring(keyStart, at);
      skipWhitespace();
      expect(':');
      skipWhitespace();
      int valueStart = at;
      skipValue();
      members.add(new Member(key, keyText, text.substring(valueStart, at)));
      skipWhitespace();
      if (next() == '}') {
        return members;
      }
    }
  }

  private void skipValue() {
    char c = peek();
    if (c == '"') {
      string();
    } else if (c == '{' || c == '[') {
      int depth = 0;
      do {
        char d = peek();
        if (d == '"') {
          string();
          continue;
        }
        if (d == '{' || d == '[') {
          depth++;
        } else if (d == '}' || d == ']') {
          depth--;
        }
        at++;
      } while (depth > 0);
    } else {
      // a number, true, false or null: up to the next delimiter
      while (at < text.length() && ",}] \t\r\n".indexOf(text.charAt(at)) < 0) {
        at++;
      }
    }
  }

  /** Reads a string token and returns its value, unescaped. */
  private String string() {
    expect('"');
    StringBuilder value = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return value.toString();
      }
      if (c != '\\') {
        value.append(c);
        continue;
      }
      char escaped = next();
      switch (escaped) {
        case 'b' -> value.append('\b');
        case 'f' -> value.append('\f');
        case 'n' -> value.append('\n');
        case 'r' -> value.append('\r');
        case 't' -> value.append('\t');
        case 'u' -> {
          value.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
          at += 4;
        }
        default -> value.append(escaped);
      }
    }
  }

  private void skipWhitespace() {
    while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
  }

  private char peek() {
    if (at >= text.length()) {
      throw new IllegalStateException("JSON text ends early: " + text);
    }
    return text.charAt(at);
  }

  private char next() {
    char c = peek();
    at++;
    return c;
  }

  private void expect(char c) {
    if (next() != c) {
      throw new IllegalStateException("expected '" + c + "' at " + (at - 1) + " in " + text);
    }
  }
}
