package dev.tracker.core.internal.model;

import dev.tracker.core.IssueType;
import dev.tracker.core.Status;
import dev.tracker.core.internal.jsonl.FieldReader;
import dev.tracker.core.internal.jsonl.JsonOut;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** The kinds of value an issue's fields have. */
public final class Kinds {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Text; {@code ""} when absent. */
  public static final Kind<String> TEXT = new Text();

  /** A {@link Status}, written as its value. */
  public static final Kind<Status> STATUS = new Token<>(Status::of, Status::value);

  /** An {@link IssueType}, written as its value. */
  public static final Kind<IssueType> ISSUE_TYPE = new Token<>(IssueType::of, IssueType::value);

  /** A 32-bit integer, always written. */
  public static final Kind<Integer> INT = new Int();

  /** An instant that every issue has. */
  public static final Kind<Instant> INSTANT = new At();

  /** An instant that an issue may not have. */
  public static final Kind<Optional<Instant>> OPTIONAL_INSTANT = new OptionalAt();

  /** Labels: sorted, without repeats. */
  public static final ListKind<String> LABELS = new LabelsKind();

  /** Dependencies, in {@link dev.tracker.core.Dependency#ORDER}. */
  public static final ListKind<dev.tracker.core.Dependency> DEPENDENCIES = new DependenciesKind();

  /** Comments, oldest first. */
  public static final ListKind<dev.tracker.core.Comment> COMMENTS = new CommentsKind();

  private Kinds() {}

  private static final class Text extends Kind<String> {
    @Override
    public String emptyValue() {
      return "";
    }

    @Override
    public @Nullable String read(FieldReader fields, String key, Default.Values line) {
      return fields.string(key);
    }

    @Override
    public void write(JsonOut out, String value) {
      out.string(value);
    }

    @Override
    public JsonNode toNode(String value) {
      return NODES.stringNode(value);
    }

    @Override
    public Object toColumn(String value) {
      return value;
    }

    @Override
    public String fromColumn(@Nullable Object column) {
      return column == null ? "" : (String) column;
    }
  }

  /** A value of an open set (status, type), written as its text. */
  private static final class Token<T> extends Kind<T> {
    private final Function<String, T> of;
    private final Function<T, String> text;

    Token(Function<String, T> of, Function<T, String> text) {
      this.of = of;
      this.text = text;
    }

    @Override
    public @Nullable T read(FieldReader fields, String key, Default.Values line) {
      return fields.token(key, of);
    }

    @Override
    public void write(JsonOut out, T value) {
      out.string(text.apply(value));
    }

    @Override
    public JsonNode toNode(T value) {
      return NODES.stringNode(text.apply(value));
    }

    @Override
    public Object toColumn(T value) {
      return text.apply(value);
    }

    @Override
    public T fromColumn(@Nullable Object column) {
      return of.apply((String) requireColumn(column));
    }
  }

  private static final class Int extends Kind<Integer> {
    @Override
    public @Nullable Integer read(FieldReader fields, String key, Default.Values line) {
      return fields.integer(key);
    }

    @Override
    public void write(JsonOut out, Integer value) {
      out.number(value);
    }

    @Override
    public JsonNode toNode(Integer value) {
      return NODES.numberNode(value);
    }

    @Override
    public Object toColumn(Integer value) {
      return value;
    }

    @Override
    public Integer fromColumn(@Nullable Object column) {
      return ((Number) requireColumn(column)).intValue();
    }
  }

  private static final class At extends Kind<Instant> {
    @Override
    public @Nullable Instant read(FieldReader fields, String key, Default.Values line) {
      return fields.instant(key);
    }

    @Override
    public void write(JsonOut out, Instant value) {
      out.instant(value);
    }

    @Override
    public JsonNode toNode(Instant value) {
      return NODES.stringNode(dev.tracker.core.internal.jsonl.Timestamps.format(value));
    }

    @Override
    public Object toColumn(Instant value) {
      return value;
    }

    @Override
    public Instant fromColumn(@Nullable Object column) {
      return (Instant) requireColumn(column);
    }
  }

  private static final class OptionalAt extends Kind<Optional<Instant>> {
    @Override
    public Optional<Instant> emptyValue() {
      return Optional.empty();
    }

    // null is every kind's "the line has no value" (Kind.read), which the field's default replaces
    @Override
    @SuppressWarnings("NullableOptional")
    public @Nullable Optional<Instant> read(FieldReader fields, String key, Default.Values line) {
      Instant value = fields.instant(key);
      return value == null ? null : Optional.of(value);
    }

    @Override
    public void write(JsonOut out, Optional<Instant> value) {
      out.instant(value.orElseThrow());
    }

    @Override
    public JsonNode toNode(Optional<Instant> value) {
      return value.isEmpty()
          ? NODES.nullNode()
          : NODES.stringNode(dev.tracker.core.internal.jsonl.Timestamps.format(value.get()));
    }

    @Override
    public @Nullable Object toColumn(Optional<Instant> value) {
      return value.orElse(null);
    }

    @Override
    public Optional<Instant> fromColumn(@Nullable Object column) {
      return Optional.ofNullable((Instant) column);
    }

    @Override
    public String show(Optional<Instant> value) {
      return value.map(Instant::toString).orElse("");
    }
  }

  private static Object requireColumn(@Nullable Object column) {
    if (column == null) {
      throw new IllegalStateException("a NOT NULL column held NULL");
    }
    return column;
  }
}
