package dev.tracker.core.internal.jsonl;

import dev.tracker.core.Issue;
import dev.tracker.core.IssueField;
import dev.tracker.core.internal.model.Default;
import dev.tracker.core.internal.model.Schema;
import dev.tracker.core.internal.model.Spec;
import java.time.Instant;
import java.util.List;

/**
 * Turns the object of one line into an {@link Issue}: each field of {@link Schema#fields()} read by
 * its kind, in the order of the format, so that a default may name an earlier field. A field the
 * line leaves out takes what beads means by its absence ({@link Spec#absentValue}).
 */
final class IssueDecoder {

  private IssueDecoder() {}

  /**
   * What a line decodes to: each field's value as read (lists in the order read, as a writer
   * keeping their text needs them), and the issue (lists in canonical order). The array holds nulls
   * and is read by index only, never compared: a list would cost a copy per line.
   */
  @SuppressWarnings("ArrayRecordComponent")
  record Decoded(Object[] values, Issue issue) {}

  static Issue decode(FieldReader fields, Instant now) {
    return decodeValues(fields, now).issue();
  }

  static Decoded decodeValues(FieldReader fields, Instant now) {
    List<IssueField<?>> all = Schema.fields();
    Object[] values = new Object[all.size()];
    Default.Values earlier =
        new Default.Values() {
          @Override
          @SuppressWarnings("unchecked")
          public <T> T get(IssueField<T> field) {
            return (T) values[field.ordinal()];
          }

          @Override
          public Instant timeOfReading() {
            return now;
          }
        };
    Issue.Builder builder = Issue.builder(readId(fields));
    List<Spec<?>> specs = Schema.specs();
    for (int i = 0; i < values.length; i++) {
      values[i] = read(fields, specs.get(i), earlier);
      set(builder, all.get(i), values[i]);
    }
    return new Decoded(values, builder.extras(fields.extras(Keys.known(fields))).build());
  }

  private static String readId(FieldReader fields) {
    String id = fields.requiredString(IssueField.ID.key());
    if (id.isBlank()) {
      throw fields.error("id must not be blank, was " + FieldReader.quote(id));
    }
    return id;
  }

  private static <T> T read(FieldReader fields, Spec<T> spec, Default.Values earlier) {
    String key = Keys.keyOf(fields, spec);
    T value = spec.kind().read(fields, key, earlier);
    if (value == null) {
      value = spec.absentValue(earlier);
      if (value == null) {
        throw fields.error(fields.name(spec.key()) + " is required");
      }
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  private static <T> void set(Issue.Builder builder, IssueField<T> field, Object value) {
    builder.set(field, (T) value);
  }
}
