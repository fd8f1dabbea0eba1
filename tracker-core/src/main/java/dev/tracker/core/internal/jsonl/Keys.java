package dev.tracker.core.internal.jsonl;

import dev.tracker.core.IssueField;
import dev.tracker.core.internal.model.Schema;
import dev.tracker.core.internal.model.Spec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The keys of a line that this library knows; any other key is kept as an extra. */
final class Keys {

  /** The keys of the fields. */
  static final Set<String> ISSUE =
      Schema.fields().stream().map(IssueField::key).collect(java.util.stream.Collectors.toSet());

  private static final List<Spec<?>> ALIASED =
      Schema.fields().stream()
          .<Spec<?>>map(Schema::spec)
          .filter(spec -> spec.alias() != null)
          .toList();

  private Keys() {}

  /**
   * The key a line carries a field under: its own, or its alias when the line has that and not the
   * field's own key (beads wrote {@code type} before {@code issue_type}; with both, {@code type} is
   * not ours).
   */
  static String keyOf(FieldReader fields, Spec<?> spec) {
    String alias = spec.alias();
    return alias != null && !fields.has(spec.key()) && fields.has(alias) ? alias : spec.key();
  }

  /** The keys of this line that are fields, with the aliases that stand in for one. */
  static Set<String> known(FieldReader fields) {
    Set<String> known = ISSUE;
    for (Spec<?> spec : ALIASED) {
      String key = keyOf(fields, spec);
      if (!key.equals(spec.key())) {
        known = new HashSet<>(known);
        known.add(key);
      }
    }
    return known;
  }
}
