package dev.tracker.core.internal.jsonl;

import dev.tracker.core.Issue;
import dev.tracker.core.IssueField;
import dev.tracker.core.internal.model.Schema;
import dev.tracker.core.internal.model.Spec;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/** Writes issues as lines, keys in the order of the format, empty optional values left out. */
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

  private final JsonMapper mapper;

  JsonlWriter(JsonMapper mapper) {
    this.mapper = mapper;
  }

  byte[] write(List<Issue> issues) {
    List<Issue> sorted = new ArrayList<>(issues);
    sorted.sort(Comparator.comparing(Issue::id, UTF8_ORDER));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).id().equals(sorted.get(i - 1).id())) {
        throw new IllegalArgumentException("duplicate issue id '" + sorted.get(i).id() + "'");
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(sorted.size() * TYPICAL_LINE_LENGTH);
    try (JsonGenerator generator = mapper.createGenerator(out)) {
      for (Issue issue : sorted) {
        writeIssue(generator, issue);
        generator.writeRaw('\n');
      }
    }
    return out.toByteArray();
  }

  /** The issues as one JSON array of the objects of their lines, in the order given. */
  String array(List<Issue> issues) {
    StringWriter out = new StringWriter(issues.size() * TYPICAL_LINE_LENGTH + 2);
    try (JsonGenerator generator = mapper.createGenerator(out)) {
      generator.writeStartArray();
      for (Issue issue : issues) {
        writeIssue(generator, issue);
      }
      generator.writeEndArray();
    }
    return out.toString();
  }

  /** Each issue as its line, {@code \n} included, in the order given; ids are not checked. */
  List<byte[]> lines(List<Issue> issues) {
    List<byte[]> lines = new ArrayList<>(issues.size());
    ByteArrayOutputStream out = new ByteArrayOutputStream(TYPICAL_LINE_LENGTH);
    try (JsonGenerator generator = mapper.createGenerator(out)) {
      for (Issue issue : issues) {
        writeIssue(generator, issue);
        generator.writeRaw('\n');
        generator.flush();
        lines.add(out.toByteArray());
        out.reset();
      }
    }
    return lines;
  }

  private void writeIssue(JsonGenerator generator, Issue issue) {
    JsonOut out = new JsonOut(generator, mapper);
    out.startObject();
    List<IssueField<?>> fields = Schema.fields();
    List<Spec<?>> specs = Schema.specs();
    for (int i = 0; i < specs.size(); i++) {
      write(out, specs.get(i), issue.get(fields.get(i)));
    }
    out.extras(issue.extras(), Keys.ISSUE, issue.id());
    out.endObject();
  }

  @SuppressWarnings("unchecked")
  private static <T> void write(JsonOut out, Spec<T> spec, Object value) {
    T typed = (T) value;
    if (spec.required() || !spec.kind().isEmpty(typed)) {
      out.name(spec.key());
      spec.kind().write(out, typed);
    }
  }
}
