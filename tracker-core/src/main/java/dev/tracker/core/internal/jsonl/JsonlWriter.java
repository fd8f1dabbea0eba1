package dev.tracker.core.internal.jsonl;

import dev.tracker.core.Issue;
import dev.tracker.core.IssueField;
import dev.tracker.core.JsonlFormatException;
import dev.tracker.core.internal.model.Schema;
import dev.tracker.core.internal.model.Spec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes issues as lines. A new line the way beads writes one (keys in the order of the format,
 * empty optional values left out, Go's escapes and timestamps: {@link JsonOut}); an issue read from
 * a line that is not such a line is written as that line while it is unchanged, and in its style
 * once it changed ({@link Template}).
 */
final class JsonlWriter {

  /**
   * UTF-8 byte order, which is code point order. {@link String#compareTo} compares UTF-16 units and
   * so puts characters above U+FFFF before U+E000..U+FFFF, unlike tools that sort the file's bytes.
   */
  static final Comparator<String> UTF8_ORDER =
      (a, b) -> {
        int i = 0;
        while (i < a.length() && i < b.length()) {
          int ca = a.codePointAt(i);
          int cb = b.codePointAt(i);
          if (ca != cb) {
            return Integer.compare(ca, cb);
          }
          i += Character.charCount(ca);
        }
        return Integer.compare(a.length(), b.length());
      };

  private static final int TYPICAL_LINE_LENGTH = 600;

  private static final List<IssueField<?>> FIELDS = Schema.fields();
  private static final List<Spec<?>> SPECS = Schema.specs();

  private final JsonMapper mapper;

  /** Each field's name as written, quotes and colon included, by ordinal. */
  private final byte[][] names;

  JsonlWriter(JsonMapper mapper) {
    this.mapper = mapper;
    this.names = new byte[SPECS.size()][];
    for (int i = 0; i < SPECS.size(); i++) {
      names[i] = JsonOut.encodeName(mapper, SPECS.get(i).key());
    }
  }

  /** The lines of new issues, as a file: sorted by id, one line each. */
  byte[] write(List<Issue> issues) {
    return file(issues.stream().map(IssueLine::of).toList());
  }

  /**
   * The lines of issues, as a file: sorted by id, one line each, each line as {@link #lines} writes
   * it.
   *
   * @throws IllegalArgumentException if two issues have the same id
   */
  byte[] file(List<IssueLine> issues) {
    List<IssueLine> sorted = new ArrayList<>(issues);
    sorted.sort(Comparator.comparing(IssueLine::id, UTF8_ORDER));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).id().equals(sorted.get(i - 1).id())) {
        throw new IllegalArgumentException("duplicate issue id '" + sorted.get(i).id() + "'");
      }
    }
    JsonOut out = out(sorted.size() * TYPICAL_LINE_LENGTH);
    for (IssueLine line : sorted) {
      writeLine(out, line);
      out.newline();
    }
    return out.toByteArray();
  }

  /** The issues as one JSON array of the objects of their new lines, in the order given. */
  String array(List<Issue> issues) {
    JsonOut out = out(issues.size() * TYPICAL_LINE_LENGTH + 2);
    out.startArray();
    for (Issue issue : issues) {
      writeIssue(out, issue);
    }
    out.endArray();
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }

  /** Each issue as its line, {@code \n} included, in the order given; ids are not checked. */
  List<byte[]> lines(List<IssueLine> issues) {
    List<byte[]> lines = new ArrayList<>(issues.size());
    JsonOut out = out(TYPICAL_LINE_LENGTH);
    for (IssueLine line : issues) {
      writeLine(out, line);
      out.newline();
      lines.add(out.toByteArray());
      out.reset();
    }
    return lines;
  }

  /**
   * Whether the new line of the issue is {@code content[from, to)}: then the text read need not be
   * kept.
   */
  boolean writesAs(Issue issue, byte[] content, int from, int to, JsonOut out) {
    out.reset();
    writeIssue(out, issue);
    return out.contentEquals(content, from, to);
  }

  /** A buffer to write lines into; one per thread. */
  JsonOut out(int capacity) {
    return new JsonOut(mapper, capacity);
  }

  private void writeLine(JsonOut out, IssueLine line) {
    String source = line.source();
    if (source == null) {
      writeIssue(out, line.issue());
      return;
    }
    Template template;
    try {
      template = Template.of(mapper, source, line.issue().createdAt());
    } catch (JacksonException | JsonlFormatException e) {
      // a stored line is one that was read and decoded; if it no longer decodes, the issue is
      // what counts: it is written anew rather than making every export fail
      writeIssue(out, line.issue());
      return;
    }
    if (template.issue().equals(line.issue())) {
      out.raw(source);
    } else {
      template.write(out, line.issue());
    }
  }

  /** The issue's new line: each field in the order of the format, unless empty; then extras. */
  private void writeIssue(JsonOut out, Issue issue) {
    out.startObject();
    for (int i = 0; i < SPECS.size(); i++) {
      write(out, i, SPECS.get(i), issue.get(FIELDS.get(i)));
    }
    out.extras(issue.extras(), Keys.ISSUE, issue.id());
    out.endObject();
  }

  @SuppressWarnings("unchecked")
  private <T> void write(JsonOut out, int ordinal, Spec<T> spec, Object value) {
    T typed = (T) value;
    if (isWritten(spec, typed)) {
      out.name(names[ordinal]);
      spec.kind().write(out, typed);
    }
  }

  /** Whether a line has the field: it is required, or its value is not empty. */
  @SuppressWarnings("unchecked")
  static <T> boolean isWritten(Spec<T> spec, Object value) {
    return spec.required() || !spec.kind().isEmpty((T) value);
  }
}
