package dev.tracker.core.internal.jsonl;

import dev.tracker.core.Issue;
import dev.tracker.core.IssueField;
import dev.tracker.core.internal.model.Kind;
import dev.tracker.core.internal.model.ListKind;
import dev.tracker.core.internal.model.Schema;
import dev.tracker.core.internal.model.Spec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A line as read, the model for writing its issue again: its members' texts, and what it decodes to
 * (each field's value as read, lists in the order read, and the issue).
 */
final class Template {

  /** Names a stored line in messages; it was read from a file once and decoded then. */
  private static final Path STORED = Path.of("<stored line>");

  private final String source;
  private final IssueDecoder.Decoded decoded;

  private Template(String source, IssueDecoder.Decoded decoded) {
    this.source = source;
    this.decoded = decoded;
  }

  /**
   * Decodes a line as read.
   *
   * @param createdAt the issue's creation time: the default of a line that has none, as it was when
   *     the line was first read
   */
  static Template of(JsonMapper mapper, String source, Instant createdAt) {
    FieldReader fields = FieldReader.ofLine(mapper, STORED, 1, mapper.readTree(source));
    return new Template(source, IssueDecoder.decodeValues(fields, createdAt));
  }

  /** The issue the line decodes to. */
  Issue issue() {
    return decoded.issue();
  }

  /**
   * Writes the issue in the line's style ({@link KeptObject}), with the whitespace the line had
   * around its object (a {@code \r} of a file with CRLF line ends).
   */
  void write(JsonOut out, Issue issue) {
    int start = source.indexOf('{');
    int end = source.lastIndexOf('}') + 1;
    out.between(source.substring(0, start));
    SHAPE.write(out, RawJson.members(source), decoded, issue, issue.id());
    out.between(source.substring(end));
  }

  private static final List<IssueField<?>> FIELDS = Schema.fields();
  private static final List<Spec<?>> SPECS = Schema.specs();

  /** An issue's fields, for {@link KeptObject}: a position is a field's ordinal. */
  private static final KeptObject<IssueDecoder.Decoded, Issue> SHAPE =
      new KeptObject<>() {
        @Override
        protected int size() {
          return FIELDS.size();
        }

        @Override
        protected int indexOf(String key, Set<String> present) {
          IssueField<?> field = IssueField.forKey(key).orElse(null);
          if (field != null) {
            return field.ordinal();
          }
          for (int i = 0; i < SPECS.size(); i++) {
            Spec<?> spec = SPECS.get(i);
            if (key.equals(spec.alias()) && !present.contains(spec.key())) {
              return i;
            }
          }
          return -1;
        }

        @Override
        protected boolean same(IssueDecoder.Decoded before, Issue after, int position) {
          IssueField<?> field = FIELDS.get(position);
          return before.issue().get(field).equals(after.get(field));
        }

        @Override
        protected boolean present(Issue after, int position) {
          return JsonlWriter.isWritten(SPECS.get(position), after.get(FIELDS.get(position)));
        }

        @Override
        protected void writeName(JsonOut out, int position) {
          out.name(SPECS.get(position).key());
        }

        @Override
        protected void writeValue(
            JsonOut out,
            Issue after,
            int position,
            IssueDecoder.Decoded before,
            @Nullable String beforeText) {
          writeField(
              out,
              SPECS.get(position).kind(),
              after.get(FIELDS.get(position)),
              before.values()[position],
              beforeText);
        }

        @Override
        protected Map<String, String> extrasBefore(IssueDecoder.Decoded before) {
          return before.issue().extras();
        }

        @Override
        protected Map<String, String> extrasAfter(Issue after) {
          return after.extras();
        }

        @Override
        protected Set<String> known() {
          return Keys.ISSUE;
        }
      };

  /** A list keeps the text of its unchanged elements; any other value is written anew. */
  @SuppressWarnings("unchecked")
  private static <T> void writeField(
      JsonOut out, Kind<T> kind, Object value, Object before, @Nullable String beforeText) {
    if (beforeText != null && kind instanceof ListKind<?> list) {
      writeList(
          out, (ListKind<Object>) list, (List<Object>) value, (List<Object>) before, beforeText);
    } else {
      kind.write(out, (T) value);
    }
  }

  private static void writeList(
      JsonOut out,
      ListKind<Object> kind,
      List<Object> value,
      List<Object> before,
      String beforeText) {
    kind.writeKeeping(out, value, before, beforeText);
  }
}
