package dev.tracker.core.internal.protocol;

import dev.tracker.core.BlockedIssue;
import dev.tracker.core.Comment;
import dev.tracker.core.DependencyType;
import dev.tracker.core.Event;
import dev.tracker.core.ExportResult;
import dev.tracker.core.ImportResult;
import dev.tracker.core.Issue;
import dev.tracker.core.IssueField;
import dev.tracker.core.IssueFilter;
import dev.tracker.core.IssueType;
import dev.tracker.core.IssueUpdate;
import dev.tracker.core.NewIssue;
import dev.tracker.core.Stats;
import dev.tracker.core.Status;
import dev.tracker.core.SyncResult;
import dev.tracker.core.internal.jsonl.FieldReader;
import dev.tracker.core.internal.jsonl.JsonlCodec;
import dev.tracker.core.internal.jsonl.Timestamps;
import dev.tracker.core.internal.model.Default;
import dev.tracker.core.internal.model.Schema;
import dev.tracker.core.internal.model.Spec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

/**
 * The wire shape of every value the protocol carries, in both directions: params a client sends and
 * a daemon reads, results a daemon sends and a client reads. Issues travel in the shape of their
 * {@code issues.jsonl} line; every other key is snake_case like the file's.
 */
public final class Wire {

  /** The mapper for protocol messages. */
  public static final JsonMapper JSON = JsonMapper.builder().build();

  private static final JsonlCodec CODEC = new JsonlCodec();

  private Wire() {}

  // ---- issues

  public static JsonNode issue(Issue issue) {
    return CODEC.toTree(issue);
  }

  public static Issue issue(JsonNode node) {
    return CODEC.fromTree(node, Instant.EPOCH);
  }

  public static ArrayNode issues(List<Issue> issues) {
    ArrayNode array = JSON.createArrayNode();
    issues.forEach(issue -> array.add(issue(issue)));
    return array;
  }

  /**
   * Issues as the JSON array {@link #issues(List)} makes, but written straight from the issues into
   * one raw value: what the daemon answers a list with. A tree of 10,000 issues took more memory
   * than the rest of the daemon (it ran out of a 64 MB heap), and was only ever written out.
   */
  public static JsonNode issuesAnswer(List<Issue> issues) {
    return JsonNodeFactory.instance.rawValueNode(new RawValue(CODEC.encodeArray(issues)));
  }

  public static List<Issue> issues(JsonNode array) {
    List<Issue> issues = new ArrayList<>();
    array.values().forEach(node -> issues.add(issue(node)));
    return issues;
  }

  // ---- params

  /** A new issue's params: each field a caller may set on create, unless empty. */
  public static ObjectNode params(NewIssue issue) {
    ObjectNode params = JSON.createObjectNode();
    for (IssueField<?> field : Schema.settableOnCreate()) {
      putNew(params, field, issue);
    }
    return params;
  }

  /**
   * Reads a new issue's params.
   *
   * @throws RpcError an invalid-params error naming a param of the wrong type or a missing title
   * @throws dev.tracker.core.ValidationException naming a field whose value is not valid
   */
  public static NewIssue newIssue(Params params) {
    FieldReader fields = params.fields();
    NewIssue.Builder builder = NewIssue.builder(params.string(IssueField.TITLE.key()));
    for (IssueField<?> field : Schema.settableOnCreate()) {
      setIfPresent(builder, fields, field);
    }
    return builder.build();
  }

  /** An update's params: the issue's id, then each field the update changes. */
  public static ObjectNode params(String id, IssueUpdate update) {
    ObjectNode params = JSON.createObjectNode();
    params.put("id", id);
    for (IssueField<?> field : update.fields()) {
      putChange(params, field, update);
    }
    return params;
  }

  /**
   * Reads an update's params; {@code id} is read by the caller.
   *
   * @throws RpcError an invalid-params error naming a param of the wrong type
   * @throws dev.tracker.core.ValidationException naming a field whose value is not valid
   */
  public static IssueUpdate update(Params params) {
    FieldReader fields = params.fields();
    IssueUpdate.Builder builder = IssueUpdate.builder();
    for (IssueField<?> field : Schema.settableOnUpdate()) {
      setIfPresent(builder, fields, field);
    }
    return builder.build();
  }

  /** A field of a new issue, unless it is empty: absent means the default. */
  private static <T> void putNew(ObjectNode params, IssueField<T> field, NewIssue issue) {
    Spec<T> spec = Schema.spec(field);
    T value = issue.get(field);
    if (spec.required() || !spec.kind().isEmpty(value)) {
      params.set(field.key(), spec.kind().toNode(value));
    }
  }

  /** A field an update changes, empty or not: an empty text clears the field. */
  private static <T> void putChange(ObjectNode params, IssueField<T> field, IssueUpdate update) {
    params.set(
        field.key(), Schema.spec(field).kind().toNode(Objects.requireNonNull(update.get(field))));
  }

  private static <T> void setIfPresent(
      NewIssue.Builder builder, FieldReader fields, IssueField<T> field) {
    T value = read(fields, field);
    if (value != null) {
      builder.set(field, value);
    }
  }

  private static <T> void setIfPresent(
      IssueUpdate.Builder builder, FieldReader fields, IssueField<T> field) {
    T value = read(fields, field);
    if (value != null) {
      builder.set(field, value);
    }
  }

  private static <T> @Nullable T read(FieldReader fields, IssueField<T> field) {
    return Schema.spec(field).kind().read(fields, field.key(), NO_LINE);
  }

  /** Params are not a line: a kind that needs the line's id or creation time is no param. */
  private static final Default.Values NO_LINE =
      new Default.Values() {
        @Override
        public <T> T get(IssueField<T> field) {
          throw new IllegalStateException("a param does not read " + field.key());
        }
      };

  public static ObjectNode params(IssueFilter filter) {
    ObjectNode params = JSON.createObjectNode();
    ArrayNode statuses = params.putArray("status");
    filter.statuses().forEach(status -> statuses.add(status.value()));
    ArrayNode types = params.putArray("issue_type");
    filter.types().forEach(type -> types.add(type.value()));
    if (filter.priority() != null) {
      params.put("priority", filter.priority());
    }
    putIfNotNull(params, "assignee", filter.assignee());
    ArrayNode labels = params.putArray("labels");
    filter.labels().forEach(labels::add);
    putIfNotNull(params, "text", filter.text());
    params.put("limit", filter.limit());
    return params;
  }

  public static IssueFilter filter(Params params) {
    IssueFilter.Builder builder = IssueFilter.builder();
    params.strings("status").forEach(value -> builder.status(Status.of(value)));
    params.strings("issue_type").forEach(value -> builder.type(IssueType.of(value)));
    ifSet(params.optionalInt("priority"), builder::priority);
    ifSet(params.optionalString("assignee"), builder::assignee);
    builder.label(params.strings("labels").toArray(String[]::new));
    ifSet(params.optionalString("text"), builder::text);
    ifSet(params.optionalInt("limit"), builder::limit);
    return builder.build();
  }

  public static ObjectNode dependencyParams(
      String issueId, String dependsOnId, DependencyType type) {
    ObjectNode params = JSON.createObjectNode();
    params.put("issue_id", issueId);
    params.put("depends_on_id", dependsOnId);
    params.put("type", type.value());
    return params;
  }

  public static DependencyType dependencyType(Params params) {
    String type = params.optionalString("type");
    return type == null ? DependencyType.BLOCKS : DependencyType.of(type);
  }

  /** Params of one field besides the issue id: {@code {"id": ..., name: value}}. */
  public static ObjectNode params(String id, String name, @Nullable String value) {
    ObjectNode params = JSON.createObjectNode();
    params.put("id", id);
    putIfNotNull(params, name, value);
    return params;
  }

  // ---- other results

  public static JsonNode blocked(List<BlockedIssue> blocked) {
    ArrayNode array = JSON.createArrayNode();
    for (BlockedIssue entry : blocked) {
      ObjectNode node = array.addObject();
      node.set("issue", issue(entry.issue()));
      ArrayNode blockers = node.putArray("blocked_by");
      entry.blockedBy().forEach(blockers::add);
    }
    return array;
  }

  public static List<BlockedIssue> blocked(JsonNode array) {
    List<BlockedIssue> blocked = new ArrayList<>();
    for (JsonNode node : array.values()) {
      List<String> blockers = new ArrayList<>();
      node.get("blocked_by").values().forEach(id -> blockers.add(id.stringValue()));
      blocked.add(new BlockedIssue(issue(node.get("issue")), blockers));
    }
    return blocked;
  }

  public static JsonNode comment(Comment comment) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", comment.id());
    node.put("issue_id", comment.issueId());
    node.put("author", comment.author());
    node.put("text", comment.text());
    node.put("created_at", Timestamps.format(comment.createdAt()));
    return node;
  }

  public static Comment comment(JsonNode node) {
    return new Comment(
        node.get("id").longValue(),
        node.get("issue_id").stringValue(),
        node.get("author").stringValue(),
        node.get("text").stringValue(),
        Timestamps.parse(node.get("created_at").stringValue()),
        Map.of());
  }

  public static JsonNode events(List<Event> events) {
    ArrayNode array = JSON.createArrayNode();
    for (Event event : events) {
      ObjectNode node = array.addObject();
      node.put("id", event.id());
      node.put("issue_id", event.issueId());
      node.put("type", event.type().name().toLowerCase(Locale.ROOT));
      node.put("actor", event.actor());
      putIfNotNull(node, "old_value", event.oldValue());
      putIfNotNull(node, "new_value", event.newValue());
      node.put("created_at", Timestamps.format(event.createdAt()));
    }
    return array;
  }

  public static List<Event> events(JsonNode array) {
    List<Event> events = new ArrayList<>();
    for (JsonNode node : array.values()) {
      events.add(
          new Event(
              node.get("id").longValue(),
              node.get("issue_id").stringValue(),
              Event.Type.valueOf(node.get("type").stringValue().toUpperCase(Locale.ROOT)),
              node.get("actor").stringValue(),
              text(node, "old_value"),
              text(node, "new_value"),
              Timestamps.parse(node.get("created_at").stringValue())));
    }
    return events;
  }

  public static JsonNode stats(Stats stats) {
    ObjectNode node = JSON.createObjectNode();
    node.put("total", stats.total());
    ObjectNode byStatus = node.putObject("by_status");
    stats.byStatus().forEach((status, count) -> byStatus.put(status.value(), count));
    node.put("ready", stats.ready());
    node.put("blocked", stats.blocked());
    return node;
  }

  public static Stats stats(JsonNode node) {
    Map<Status, Integer> byStatus = new HashMap<>();
    node.get("by_status")
        .forEachEntry((status, count) -> byStatus.put(Status.of(status), count.intValue()));
    return new Stats(
        node.get("total").intValue(),
        byStatus,
        node.get("ready").intValue(),
        node.get("blocked").intValue());
  }

  public static JsonNode export(ExportResult result) {
    ObjectNode node = JSON.createObjectNode();
    node.put("path", result.path().toString());
    node.put("issues", result.issues());
    node.put("changed", result.changed());
    return node;
  }

  public static ExportResult export(JsonNode node) {
    return new ExportResult(
        Path.of(node.get("path").stringValue()),
        node.get("issues").intValue(),
        node.get("changed").booleanValue());
  }

  public static JsonNode imported(ImportResult result) {
    ObjectNode node = JSON.createObjectNode();
    node.put("path", result.path().toString());
    node.put("read", result.read());
    node.put("created", result.created());
    node.put("updated", result.updated());
    node.put("unchanged", result.unchanged());
    node.put("skipped", result.skipped());
    node.put("removed", result.removed());
    return node;
  }

  public static ImportResult imported(JsonNode node) {
    return new ImportResult(
        Path.of(node.get("path").stringValue()),
        node.get("read").intValue(),
        node.get("created").intValue(),
        node.get("updated").intValue(),
        node.get("unchanged").intValue(),
        node.get("skipped").intValue(),
        node.get("removed").intValue());
  }

  /** A successful sync: {@code {"status": "success", "stats": {...}}}. */
  public static ObjectNode sync(SyncResult result) {
    ObjectNode node = JSON.createObjectNode();
    node.put("status", "success");
    ObjectNode stats = node.putObject("stats");
    stats.put("exported", result.exported());
    stats.put("imported", result.imported());
    stats.put("committed", result.committed());
    stats.put("pulled", result.pulled());
    stats.put("pushed", result.pushed());
    stats.put("conflicts", result.conflicts());
    stats.put("duration_ms", result.duration().toMillis());
    return node;
  }

  /** A failed sync: {@code {"status": "error", "error": "...", "stats": {"duration_ms": n}}}. */
  public static ObjectNode syncFailure(String error, Duration duration) {
    ObjectNode node = JSON.createObjectNode();
    node.put("status", "error");
    node.put("error", error);
    node.putObject("stats").put("duration_ms", duration.toMillis());
    return node;
  }

  /** Reads a successful sync's result; see {@link #sync(SyncResult)}. */
  public static SyncResult sync(JsonNode node) {
    JsonNode stats = node.get("stats");
    return new SyncResult(
        stats.get("exported").intValue(),
        stats.get("imported").intValue(),
        stats.get("committed").booleanValue(),
        stats.get("pulled").booleanValue(),
        stats.get("pushed").booleanValue(),
        stats.get("conflicts").intValue(),
        Duration.ofMillis(stats.get("duration_ms").longValue()));
  }

  // ---- helpers

  private static @Nullable String text(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? null : value.stringValue();
  }

  private static void putIfNotNull(ObjectNode node, String name, @Nullable String value) {
    if (value != null) {
      node.put(name, value);
    }
  }

  private static <T> void ifSet(@Nullable T value, Consumer<T> setter) {
    if (value != null) {
      setter.accept(value);
    }
  }
}
