package dev.tracker.core;

import dev.tracker.core.internal.model.Default;
import dev.tracker.core.internal.model.Kinds;
import dev.tracker.core.internal.model.Merge;
import dev.tracker.core.internal.model.Schema;
import dev.tracker.core.internal.model.Spec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One field of an issue: a typed key, in the order of the fields in a line of {@code issues.jsonl}.
 * This list is the one description of an issue's fields: the JSONL reader and writer, the database
 * rows, the daemon's protocol and the merge of two versions all loop over it, so a new field is one
 * constant here plus a migration that adds its column.
 *
 * <pre>{@code
 * Issue closed = issue.with(IssueField.STATUS, Status.CLOSED);
 * String title = issue.get(IssueField.TITLE); // issue.title() says the same
 * IssueField.forKey("acceptance_criteria");   // Optional[acceptance_criteria]
 * }</pre>
 *
 * <p>Absent optional text is {@code ""}, an absent optional instant {@link Optional#empty()}, an
 * absent list the empty list: {@link Issue#get} never returns {@code null}.
 *
 * @param <T> the type of the field's value
 */
public final class IssueField<T> {

  static {
    // the internal layers read each field's behaviour through this; before any field exists
    Schema.grant(IssueField::spec);
  }

  private static final List<IssueField<?>> VALUES = new ArrayList<>();
  private static final Map<String, IssueField<?>> BY_KEY = new HashMap<>();

  /** {@code <prefix>-<hash>} for issues created here; any shape for imported ones. Required. */
  public static final IssueField<String> ID =
      define("id", Spec.builder(Kinds.TEXT).required().merge(Merge.SAME));

  /** One line that says what the issue is about. Required. */
  public static final IssueField<String> TITLE =
      define(
          "title",
          Spec.builder(Kinds.TEXT).required().settable(Checks::requireTitle).merge(Merge.PICK));

  /** Free text. */
  public static final IssueField<String> DESCRIPTION = define("description", settableText());

  /** Free text. */
  public static final IssueField<String> DESIGN = define("design", settableText());

  /** Free text. */
  public static final IssueField<String> ACCEPTANCE_CRITERIA =
      define("acceptance_criteria", settableText());

  /** Free text. */
  public static final IssueField<String> NOTES = define("notes", settableText());

  /**
   * Where the issue stands; {@link Status#OPEN} when absent. A merge keeps {@link #CLOSED_AT}
   * consistent with it.
   */
  public static final IssueField<Status> STATUS =
      define(
          "status",
          Spec.builder(Kinds.STATUS)
              .defaultValue(Default.constant(Status.OPEN))
              .settable(Checks::requireNotTombstone)
              .merge(Merge.PICK));

  /**
   * 0 (highest) to 4 for issues created here, kept as read on import. {@value
   * NewIssue#DEFAULT_PRIORITY} for an issue made without one; 0 when a line leaves it out, as beads
   * means it: Go leaves a zero priority out of the line ({@code omitempty}) in some versions.
   */
  public static final IssueField<Integer> PRIORITY =
      define(
          "priority",
          Spec.builder(Kinds.INT)
              .defaultValue(Default.constant(NewIssue.DEFAULT_PRIORITY))
              .whenAbsent(Default.constant(0))
              .settable(Checks::requirePriority)
              .merge(Merge.PICK));

  /** What kind of issue; {@link IssueType#TASK} when absent. Files may call it {@code type}. */
  public static final IssueField<IssueType> ISSUE_TYPE =
      define(
          "issue_type",
          Spec.builder(Kinds.ISSUE_TYPE)
              .defaultValue(Default.constant(IssueType.TASK))
              .alias("type")
              .settable(value -> value)
              .merge(Merge.PICK));

  /** Who works on it. */
  public static final IssueField<String> ASSIGNEE = define("assignee", settableText());

  /** Who is answerable for it. */
  public static final IssueField<String> OWNER = define("owner", settableText());

  /** When it was created; the time of reading when a line has none. An issue built must have it. */
  public static final IssueField<Instant> CREATED_AT =
      define(
          "created_at",
          Spec.builder(Kinds.INSTANT).whenAbsent(Default.timeOfReading()).merge(Merge.PICK));

  /** Who created it. */
  public static final IssueField<String> CREATED_BY =
      define("created_by", Spec.builder(Kinds.TEXT).merge(Merge.PICK));

  /** When it last changed; {@link #CREATED_AT} when absent. */
  public static final IssueField<Instant> UPDATED_AT =
      define(
          "updated_at",
          Spec.builder(Kinds.INSTANT)
              .defaultValue(Default.sameAs(IssueField.CREATED_AT))
              .merge(Merge.PICK));

  /** When it was closed, if it is; a merge keeps it set exactly when the status is closed. */
  public static final IssueField<Optional<Instant>> CLOSED_AT =
      define("closed_at", Spec.builder(Kinds.OPTIONAL_INSTANT).merge(Merge.CLOSING));

  /** Why it was closed. */
  public static final IssueField<String> CLOSE_REASON =
      define("close_reason", Spec.builder(Kinds.TEXT).merge(Merge.PICK));

  /** A reference to another system. */
  public static final IssueField<String> EXTERNAL_REF = define("external_ref", settableText());

  /** Its labels: sorted, no repeats. Set on create; changed one by one afterwards. */
  public static final IssueField<List<String>> LABELS =
      define(
          "labels",
          Spec.builder(Kinds.LABELS).settableOnCreate(Checks::requireLabels).merge(Merge.SET));

  /** Its links to other issues, in the order beads writes them: by {@link Dependency#ORDER}. */
  public static final IssueField<List<Dependency>> DEPENDENCIES =
      define("dependencies", Spec.builder(Kinds.DEPENDENCIES).merge(Merge.SET));

  /** Its comments, oldest first ({@link Comment#ORDER}). */
  public static final IssueField<List<Comment>> COMMENTS =
      define("comments", Spec.builder(Kinds.COMMENTS).merge(Merge.SET));

  /** When it was deleted, if it is a tombstone. */
  public static final IssueField<Optional<Instant>> DELETED_AT =
      define("deleted_at", Spec.builder(Kinds.OPTIONAL_INSTANT).merge(Merge.PICK));

  /** Who deleted it. */
  public static final IssueField<String> DELETED_BY =
      define("deleted_by", Spec.builder(Kinds.TEXT).merge(Merge.PICK));

  /** Why it was deleted. */
  public static final IssueField<String> DELETE_REASON =
      define("delete_reason", Spec.builder(Kinds.TEXT).merge(Merge.PICK));

  /** Its type before deletion. */
  public static final IssueField<String> ORIGINAL_TYPE =
      define("original_type", Spec.builder(Kinds.TEXT).merge(Merge.PICK));

  private final String key;
  private final int ordinal;
  private final Spec<T> spec;

  private IssueField(String key, int ordinal, Spec<T> spec) {
    this.key = key;
    this.ordinal = ordinal;
    this.spec = spec;
  }

  private static <T> IssueField<T> define(String key, Spec.Builder<T> spec) {
    IssueField<T> field = new IssueField<>(key, VALUES.size(), spec.build(key));
    VALUES.add(field);
    if (BY_KEY.put(key, field) != null) {
      throw new IllegalStateException("two fields with the key " + key);
    }
    return field;
  }

  /** Free text that callers may set on create and update, merged field by field. */
  private static Spec.Builder<String> settableText() {
    return Spec.builder(Kinds.TEXT).settable(value -> value).merge(Merge.PICK);
  }

  /** Every field, in the order of the format. */
  public static List<IssueField<?>> values() {
    return Collections.unmodifiableList(VALUES);
  }

  /** The field with this JSONL key, if there is one. */
  public static Optional<IssueField<?>> forKey(String key) {
    return Optional.ofNullable(BY_KEY.get(key));
  }

  /**
   * The field's key: in a line of {@code issues.jsonl}, in the daemon's protocol, and, for a field
   * that is not a list, the name of its column in the database.
   */
  public String key() {
    return key;
  }

  /** The field's position in {@link #values()}: the order of the keys in a line. */
  public int ordinal() {
    return ordinal;
  }

  /** Whether a caller may set the field in a {@link NewIssue}. */
  public boolean isSettableOnCreate() {
    return spec.settableOnCreate();
  }

  /** Whether a caller may change the field with an {@link IssueUpdate}. */
  public boolean isSettableOnUpdate() {
    return spec.settableOnUpdate();
  }

  Spec<T> spec() {
    return spec;
  }

  /** The field's key. */
  @Override
  public String toString() {
    return key;
  }
}
