package dev.tracker.core.internal.store;

import static dev.tracker.core.internal.store.schema.Tables.ISSUES;

import dev.tracker.core.Event;
import dev.tracker.core.Issue;
import dev.tracker.core.IssueNotFoundException;
import dev.tracker.core.IssueUpdate;
import dev.tracker.core.NewIssue;
import dev.tracker.core.Status;
import dev.tracker.core.internal.store.schema.tables.records.IssuesRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * Creates and changes issues: the issue row and its history. Every method runs inside the caller's
 * write transaction and returns the issue as stored afterwards.
 */
final class IssueCommands {

  // rendered once (Rendered)
  private static final String TOUCH =
      Rendered.sql(
          DSL.update(ISSUES)
              .set(ISSUES.UPDATED_AT, DSL.param(ISSUES.UPDATED_AT))
              .where(ISSUES.ID.eq(DSL.param("id", String.class))));

  // the UPDATE of each set of changed columns, rendered once
  private static final Map<List<Field<?>>, String> UPDATES = new ConcurrentHashMap<>();

  private final Clock clock;
  private final String actor;
  private final IdGenerator ids;

  IssueCommands(Clock clock, String actor, IdGenerator ids) {
    this.clock = clock;
    this.actor = actor;
    this.ids = ids;
  }

  /** New timestamps carry microseconds, as the JSONL format writes them. */
  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  String actor() {
    return actor;
  }

  Issue create(DSLContext dsl, NewIssue spec) {
    Instant now = now();
    String id = ids.next(dsl, spec.title(), now);
    Issue issue =
        new Issue(
            id,
            spec.title(),
            spec.description(),
            spec.design(),
            spec.acceptanceCriteria(),
            spec.notes(),
            spec.status(),
            spec.priority(),
            spec.issueType(),
            spec.assignee(),
            spec.owner(),
            now,
            actor,
            now,
            spec.status().equals(Status.CLOSED) ? now : null,
            "",
            spec.externalRef(),
            spec.labels(),
            List.of(),
            List.of(),
            null,
            "",
            "",
            "",
            Map.of());
    IssueRows.insertAll(dsl, List.of(issue));
    Events.record(dsl, id, Event.Type.CREATED, actor, null, spec.title(), now);
    return issue;
  }

  Issue update(DSLContext dsl, String id, IssueUpdate update) {
    IssuesRecord row = IssueRows.fetchLive(dsl, id);
    Instant now = now();
    Changes changes = new Changes(row);
    changes.set(ISSUES.TITLE, update.title());
    changes.set(ISSUES.DESCRIPTION, update.description());
    changes.set(ISSUES.DESIGN, update.design());
    changes.set(ISSUES.ACCEPTANCE_CRITERIA, update.acceptanceCriteria());
    changes.set(ISSUES.NOTES, update.notes());
    changes.set(ISSUES.PRIORITY, update.priority());
    changes.set(ISSUES.ISSUE_TYPE, update.issueType() == null ? null : update.issueType().value());
    changes.set(ISSUES.ASSIGNEE, update.assignee());
    changes.set(ISSUES.OWNER, update.owner());
    changes.set(ISSUES.EXTERNAL_REF, update.externalRef());
    Status status = update.status();
    if (status != null) {
      moveTo(changes, status, "", now);
    }
    if (changes.none()) {
      return reload(dsl, id);
    }
    for (Change change : changes.list) {
      Events.record(dsl, id, Event.Type.UPDATED, actor, change.before(), change.after(), now);
    }
    return save(dsl, row, now);
  }

  Issue close(DSLContext dsl, String id, String reason) {
    IssuesRecord row = IssueRows.fetchLive(dsl, id);
    if (row.getStatus().equals(Status.CLOSED.value())) {
      return reload(dsl, id);
    }
    Instant now = now();
    moveTo(new Changes(row), Status.CLOSED, reason, now);
    Events.record(dsl, id, Event.Type.CLOSED, actor, row.original(ISSUES.STATUS), reason, now);
    return save(dsl, row, now);
  }

  Issue reopen(DSLContext dsl, String id) {
    IssuesRecord row = IssueRows.fetchLive(dsl, id);
    if (!row.getStatus().equals(Status.CLOSED.value())) {
      return reload(dsl, id);
    }
    Instant now = now();
    moveTo(new Changes(row), Status.OPEN, "", now);
    Events.record(dsl, id, Event.Type.REOPENED, actor, Status.CLOSED.value(), null, now);
    return save(dsl, row, now);
  }

  Issue delete(DSLContext dsl, String id, String reason) {
    IssuesRecord row = IssueRows.fetch(dsl, id);
    if (IssueRows.isTombstone(row)) {
      return reload(dsl, id);
    }
    Instant now = now();
    row.setStatus(Status.TOMBSTONE.value());
    row.setDeletedAt(now);
    row.setDeletedBy(actor);
    row.setDeleteReason(reason);
    row.setOriginalType(row.getIssueType());
    Events.record(dsl, id, Event.Type.DELETED, actor, row.original(ISSUES.STATUS), reason, now);
    return save(dsl, row, now);
  }

  /** Marks an issue changed by something stored beside it (a label, a link, a comment). */
  void touch(DSLContext dsl, String id, Instant now) {
    Rendered.execute(dsl, TOUCH, Rendered.stored(now), id);
  }

  /** Changes the status and keeps the close time and reason consistent with it. */
  private static void moveTo(Changes changes, Status status, String reason, Instant now) {
    boolean wasClosed = changes.row.getStatus().equals(Status.CLOSED.value());
    boolean closing = status.equals(Status.CLOSED);
    changes.set(ISSUES.STATUS, status.value());
    if (closing && !wasClosed) {
      changes.set(ISSUES.CLOSED_AT, now);
      changes.set(ISSUES.CLOSE_REASON, reason);
    } else if (!closing && wasClosed) {
      changes.clear(ISSUES.CLOSED_AT);
      changes.set(ISSUES.CLOSE_REASON, "");
    }
  }

  /** Writes the row's changed fields and the new update time, and reads the issue back. */
  private static Issue save(DSLContext dsl, IssuesRecord row, Instant now) {
    row.setUpdatedAt(now);
    List<Field<?>> changed = new ArrayList<>();
    for (Field<?> field : row.fields()) {
      if (row.changed(field)) {
        changed.add(field);
      }
    }
    String sql =
        UPDATES.computeIfAbsent(
            changed,
            fields -> {
              Map<Field<?>, Field<?>> set = new LinkedHashMap<>();
              fields.forEach(field -> set.put(field, DSL.param(field)));
              return Rendered.sql(
                  DSL.update(ISSUES).set(set).where(ISSUES.ID.eq(DSL.param("id", String.class))));
            });
    @Nullable Object[] values = new Object[changed.size() + 1];
    for (int i = 0; i < changed.size(); i++) {
      values[i] = Rendered.stored(changed.get(i), row.get(changed.get(i)));
    }
    values[changed.size()] = row.getId();
    Rendered.execute(dsl, sql, values);
    row.changed(false);
    return reload(dsl, row.getId());
  }

  private static Issue reload(DSLContext dsl, String id) {
    return IssueQueries.find(dsl, id).orElseThrow(() -> new IssueNotFoundException(id));
  }

  private record Change(String field, @Nullable Object oldValue, @Nullable Object newValue) {
    String before() {
      return field + "=" + (oldValue == null ? "" : oldValue);
    }

    String after() {
      return field + "=" + (newValue == null ? "" : newValue);
    }
  }

  /** The fields of one row that really change, with their old values, for the history. */
  private static final class Changes {
    private final IssuesRecord row;
    private final List<Change> list = new ArrayList<>();

    Changes(IssuesRecord row) {
      this.row = row;
    }

    <T> void set(TableField<IssuesRecord, T> field, @Nullable T value) {
      T old = row.get(field);
      if (value != null && !Objects.equals(old, value)) {
        list.add(new Change(field.getName(), old, value));
        row.set(field, value);
      }
    }

    <T> void clear(TableField<IssuesRecord, T> field) {
      T old = row.get(field);
      if (old != null) {
        list.add(new Change(field.getName(), old, null));
        row.set(field, null);
      }
    }

    boolean none() {
      return list.isEmpty();
    }
  }
}
