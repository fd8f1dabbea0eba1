package dev.tracker.core.internal.jsonl;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes compact JSON as UTF-8 the way beads does, which is the way Go's {@code encoding/json}
 * does: {@code "} and {@code \} escaped, {@code \n \r \t \b \f} in their short forms, other control
 * characters as a six-character escape with lowercase hex ({@code u001b} after the backslash),
 * {@code < > &} escaped the same way ({@code u003c u003e u0026}), U+2028 and U+2029 escaped, a lone
 * surrogate as U+FFFD escaped, everything else as raw UTF-8. Commas go between values by
 * themselves. Not thread-safe; one per writing thread.
 */
public final class JsonOut {

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /**
   * For each ASCII character: 0 written as it is, 'u' as a six-character escape, else the letter
   * after the backslash.
   */
  private static final byte[] ESCAPE = new byte[128];

  static {
    for (int c = 0; c < 0x20; c++) {
      ESCAPE[c] = 'u';
    }
    ESCAPE['\n'] = 'n';
    ESCAPE['\r'] = 'r';
    ESCAPE['\t'] = 't';
    ESCAPE['\b'] = 'b';
    ESCAPE['\f'] = 'f';
    ESCAPE['"'] = '"';
    ESCAPE['\\'] = '\\';
    ESCAPE['<'] = 'u';
    ESCAPE['>'] = 'u';
    ESCAPE['&'] = 'u';
  }

  private final JsonMapper mapper;
  private byte[] buffer;
  private int length;
  // whether the next value or member needs a comma before it; a name clears it for its value
  private boolean comma;

  JsonOut(JsonMapper mapper, int capacity) {
    this.mapper = mapper;
    this.buffer = new byte[Math.max(capacity, 64)];
  }

  /** The name of the next member, escaped. */
  public void name(String key) {
    beforeValue();
    writeString(key);
    write((byte) ':');
    comma = false;
  }

  /**
   * The name of the next member, already encoded with its quotes and colon ({@link #encodeName}).
   */
  public void name(byte[] encodedName) {
    beforeValue();
    write(encodedName, 0, encodedName.length);
    comma = false;
  }

  /** A member's name as it was read (quotes included), followed by its colon. */
  public void rawName(String quotedKey) {
    beforeValue();
    writeRaw(quotedKey);
    write((byte) ':');
    comma = false;
  }

  /** A string value, escaped. */
  public void string(String value) {
    beforeValue();
    writeString(value);
  }

  private void writeString(String value) {
    int n = value.length();
    // quotes, and six bytes at most for each character
    ensure(2 + 6 * n);
    byte[] out = buffer;
    int at = length;
    out[at++] = '"';
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        byte escape = ESCAPE[c];
        if (escape == 0) {
          out[at++] = (byte) c;
        } else if (escape == 'u') {
          at = unicodeEscape(out, at, c);
        } else {
          out[at++] = '\\';
          out[at++] = escape;
        }
      } else if (c < 0x800) {
        out[at++] = (byte) (0xc0 | (c >> 6));
        out[at++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(value.charAt(i + 1))) {
          int codePoint = Character.toCodePoint(c, value.charAt(++i));
          out[at++] = (byte) (0xf0 | (codePoint >> 18));
          out[at++] = (byte) (0x80 | ((codePoint >> 12) & 0x3f));
          out[at++] = (byte) (0x80 | ((codePoint >> 6) & 0x3f));
          out[at++] = (byte) (0x80 | (codePoint & 0x3f));
        } else {
          // Go writes an invalid byte sequence as the replacement character, escaped
          at = unicodeEscape(out, at, (char) 0xfffd);
        }
      } else if (c == 0x2028 || c == 0x2029) {
        at = unicodeEscape(out, at, c);
      } else {
        out[at++] = (byte) (0xe0 | (c >> 12));
        out[at++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        out[at++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    out[at++] = '"';
    length = at;
  }

  private static int unicodeEscape(byte[] out, int at, char c) {
    out[at++] = '\\';
    out[at++] = 'u';
    out[at++] = HEX[c >> 12 & 0xf];
    out[at++] = HEX[c >> 8 & 0xf];
    out[at++] = HEX[c >> 4 & 0xf];
    out[at++] = HEX[c & 0xf];
    return at;
  }

  public void number(long value) {
    beforeValue();
    ascii(Long.toString(value));
  }

  /** An instant as the format writes a new one: {@link Timestamps#format}, in UTC. */
  public void instant(Instant value) {
    beforeValue();
    String text = Timestamps.format(value);
    ensure(text.length() + 2);
    buffer[length++] = '"';
    ascii(text);
    buffer[length++] = '"';
  }

  /** JSON text written as it is: the caller knows it is one value (or a quoted name). */
  public void raw(String json) {
    beforeValue();
    writeRaw(json);
  }

  private void writeRaw(String json) {
    if (isAscii(json)) {
      ascii(json);
    } else {
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      write(bytes, 0, bytes.length);
    }
  }

  public void startObject() {
    beforeValue();
    write((byte) '{');
    comma = false;
  }

  public void endObject() {
    write((byte) '}');
    comma = true;
  }

  public void startArray() {
    beforeValue();
    write((byte) '[');
    comma = false;
  }

  public void endArray() {
    write((byte) ']');
    comma = true;
  }

  /**
   * Keys this library does not know, with their raw values. They are written raw, so each is
   * checked: a bad one would make the whole file unreadable.
   *
   * @throws IllegalArgumentException if a key is one of {@code known}, or a value is not one JSON
   *     value
   */
  public void extras(Map<String, String> extras, Set<String> known, String id) {
    for (Map.Entry<String, String> extra : extras.entrySet()) {
      if (known.contains(extra.getKey())) {
        throw new IllegalArgumentException(
            "issue '" + id + "': extra key '" + extra.getKey() + "' is a key of the format");
      }
      extra(extra.getKey(), extra.getValue(), id);
    }
  }

  /**
   * One key this library does not know, with its raw value, checked as {@link #extras} does.
   *
   * @throws IllegalArgumentException if the value is not one JSON value
   */
  public void extra(String key, String value, String id) {
    name(key);
    extraValue(key, value, id);
  }

  /**
   * The raw value of a key this library does not know, after its name, checked as {@link #extras}
   * does.
   *
   * @throws IllegalArgumentException if the value is not one JSON value
   */
  public void extraValue(String key, String value, String id) {
    if (!isOneJsonValue(value)) {
      throw new IllegalArgumentException(
          "issue '" + id + "': extra '" + key + "' is not one JSON value, was '" + value + "'");
    }
    raw(value);
  }

  private boolean isOneJsonValue(String text) {
    try {
      return !mapper.readTree(text).isMissingNode();
    } catch (JacksonException e) {
      return false;
    }
  }

  /**
   * Text between tokens (the whitespace around a line's object, a {@code \r} before its newline),
   * written as it is; it is no value, so no comma goes before it or after it because of it.
   */
  public void between(String whitespace) {
    boolean before = comma;
    writeRaw(whitespace);
    comma = before;
  }

  /** Ends a line: a newline, and no comma before what follows. */
  public void newline() {
    write((byte) '\n');
    comma = false;
  }

  /** The bytes written since the last {@link #reset()}. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buffer, length);
  }

  /** Whether the bytes written equal {@code content[from, to)}. */
  boolean contentEquals(byte[] content, int from, int to) {
    return Arrays.equals(buffer, 0, length, content, from, to);
  }

  /** Forgets what was written, keeping the buffer. */
  public void reset() {
    length = 0;
    comma = false;
  }

  /** A member's name as {@link #name(byte[])} takes it: quoted, escaped, with its colon. */
  static byte[] encodeName(JsonMapper mapper, String key) {
    JsonOut out = new JsonOut(mapper, key.length() + 8);
    out.string(key);
    out.write((byte) ':');
    return out.toByteArray();
  }

  private void beforeValue() {
    if (comma) {
      write((byte) ',');
    }
    comma = true;
  }

  private void ascii(String text) {
    int n = text.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buffer[length++] = (byte) text.charAt(i);
    }
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private void write(byte b) {
    ensure(1);
    buffer[length++] = b;
  }

  private void write(byte[] bytes, int from, int count) {
    ensure(count);
    System.arraycopy(bytes, from, buffer, length, count);
    length += count;
  }

  private void ensure(int more) {
    if (length + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
    }
  }
}
