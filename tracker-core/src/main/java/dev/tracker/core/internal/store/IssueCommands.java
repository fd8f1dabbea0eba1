package dev.tracker.core.internal.store;

import static dev.tracker.core.internal.store.schema.Tables.ISSUES;

import dev.tracker.core.ConflictException;
import dev.tracker.core.Event;
import dev.tracker.core.Issue;
import dev.tracker.core.IssueField;
import dev.tracker.core.IssueNotFoundException;
import dev.tracker.core.IssueUpdate;
import dev.tracker.core.NewIssue;
import dev.tracker.core.Status;
import dev.tracker.core.internal.jsonl.IssueLine;
import dev.tracker.core.internal.model.Schema;
import dev.tracker.core.internal.model.Statuses;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.Field;
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

  // the statuses besides the built-in ones an issue may have
  private final List<String> customStatuses;

  IssueCommands(Clock clock, String actor, IdGenerator ids, List<String> customStatuses) {
    this.clock = clock;
    this.actor = actor;
    this.ids = ids;
    this.customStatuses = customStatuses;
  }

  /** New timestamps carry microseconds, as the JSONL format writes them. */
  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  String actor() {
    return actor;
  }

  Issue create(DSLContext dsl, NewIssue spec) {
    Statuses.check(spec.status(), customStatuses, "status of a new issue");
    Instant now = now();
    String id = ids.next(dsl, spec.title(), now);
    Issue.Builder issue =
        Issue.builder(id)
            .set(IssueField.CREATED_AT, now)
            .set(IssueField.CREATED_BY, actor)
            .set(IssueField.UPDATED_AT, now);
    for (IssueField<?> field : Schema.settableOnCreate()) {
      copy(spec, field, issue);
    }
    if (spec.status().equals(Status.CLOSED)) {
      issue.set(IssueField.CLOSED_AT, Optional.of(now));
    }
    Issue created = issue.build();
    IssueRows.insertAll(dsl, List.of(IssueLine.of(created)));
    Events.record(dsl, id, Event.Type.CREATED, actor, null, spec.title(), now);
    return created;
  }

  private static <T> void copy(NewIssue spec, IssueField<T> field, Issue.Builder issue) {
    issue.set(field, spec.get(field));
  }

  Issue update(DSLContext dsl, String id, IssueUpdate update) {
    Issue before = findLive(dsl, id);
    Instant now = now();
    Issue.Builder after = before.toBuilder();
    for (IssueField<?> field : update.fields()) {
      if (field != IssueField.STATUS) {
        change(update, field, after);
      }
    }
    Status status = update.status();
    if (status != null) {
      Statuses.check(status, customStatuses, "status of " + before.id());
      moveTo(before, after, status, "", now);
    }
    List<IssueField<?>> changed = changed(before, after.build());
    if (changed.isEmpty()) {
      return before;
    }
    Issue updated = after.set(IssueField.UPDATED_AT, now).build();
    for (IssueField<?> field : changed) {
      Events.record(
          dsl,
          id,
          Event.Type.UPDATED,
          actor,
          field.key() + "=" + show(field, before),
          field.key() + "=" + show(field, updated),
          now);
    }
    return save(dsl, before, updated);
  }

  private static <T> void change(IssueUpdate update, IssueField<T> field, Issue.Builder after) {
    after.set(field, Objects.requireNonNull(update.get(field)));
  }

  Issue close(DSLContext dsl, String id, String reason) {
    Issue before = findLive(dsl, id);
    if (before.status().equals(Status.CLOSED)) {
      return before;
    }
    Instant now = now();
    Issue.Builder after = before.toBuilder().set(IssueField.UPDATED_AT, now);
    moveTo(before, after, Status.CLOSED, reason, now);
    Events.record(dsl, id, Event.Type.CLOSED, actor, before.status().value(), reason, now);
    return save(dsl, before, after.build());
  }

  Issue reopen(DSLContext dsl, String id) {
    Issue before = findLive(dsl, id);
    if (!before.status().equals(Status.CLOSED)) {
      return before;
    }
    Instant now = now();
    Issue.Builder after = before.toBuilder().set(IssueField.UPDATED_AT, now);
    moveTo(before, after, Status.OPEN, "", now);
    Events.record(dsl, id, Event.Type.REOPENED, actor, Status.CLOSED.value(), null, now);
    return save(dsl, before, after.build());
  }

  Issue delete(DSLContext dsl, String id, String reason) {
    Issue before = find(dsl, id);
    if (before.isTombstone()) {
      return before;
    }
    Instant now = now();
    Issue after =
        before.toBuilder()
            .set(IssueField.STATUS, Status.TOMBSTONE)
            .set(IssueField.DELETED_AT, Optional.of(now))
            .set(IssueField.DELETED_BY, actor)
            .set(IssueField.DELETE_REASON, reason)
            .set(IssueField.ORIGINAL_TYPE, before.issueType().value())
            .set(IssueField.UPDATED_AT, now)
            .build();
    Events.record(dsl, id, Event.Type.DELETED, actor, before.status().value(), reason, now);
    return save(dsl, before, after);
  }

  /** Marks an issue changed by something stored beside it (a label, a link, a comment). */
  void touch(DSLContext dsl, String id, Instant now) {
    Rendered.execute(dsl, TOUCH, Rendered.stored(now), id);
  }

  /** Changes the status and keeps the close time and reason consistent with it. */
  private static void moveTo(
      Issue before, Issue.Builder after, Status status, String reason, Instant now) {
    boolean wasClosed = before.status().equals(Status.CLOSED);
    boolean closing = status.equals(Status.CLOSED);
    after.set(IssueField.STATUS, status);
    if (closing && !wasClosed) {
      after.set(IssueField.CLOSED_AT, Optional.of(now));
      after.set(IssueField.CLOSE_REASON, reason);
    } else if (!closing && wasClosed) {
      after.set(IssueField.CLOSED_AT, Optional.empty());
      after.set(IssueField.CLOSE_REASON, "");
    }
  }

  /** The fields with a column whose values differ, in the order of the format. */
  private static List<IssueField<?>> changed(Issue before, Issue after) {
    List<IssueField<?>> changed = new ArrayList<>();
    for (IssueField<?> field : IssueColumns.FIELDS) {
      if (!before.get(field).equals(after.get(field))) {
        changed.add(field);
      }
    }
    return changed;
  }

  private static <T> String show(IssueField<T> field, Issue issue) {
    return Schema.spec(field).kind().show(issue.get(field));
  }

  /**
   * Writes the columns that differ between the stored issue and its new version, with one {@code
   * UPDATE} rendered once per set of columns; returns the new version, which is what a read would
   * now return.
   */
  private static Issue save(DSLContext dsl, Issue before, Issue after) {
    List<IssueField<?>> changed = changed(before, after);
    List<Field<?>> columns = changed.stream().<Field<?>>map(IssueColumns::column).toList();
    String sql =
        UPDATES.computeIfAbsent(
            columns,
            fields -> {
              Map<Field<?>, Field<?>> set = new LinkedHashMap<>();
              fields.forEach(field -> set.put(field, DSL.param(field)));
              return Rendered.sql(
                  DSL.update(ISSUES).set(set).where(ISSUES.ID.eq(DSL.param("id", String.class))));
            });
    @Nullable Object[] values = new Object[changed.size() + 1];
    for (int i = 0; i < changed.size(); i++) {
      values[i] = stored(changed.get(i), after);
    }
    values[changed.size()] = after.id();
    Rendered.execute(dsl, sql, values);
    return after;
  }

  private static <T> @Nullable Object stored(IssueField<T> field, Issue issue) {
    return Rendered.stored(
        IssueColumns.column(field), IssueColumns.toColumn(field, issue.get(field)));
  }

  private static Issue find(DSLContext dsl, String id) {
    return IssueQueries.find(dsl, id).orElseThrow(() -> new IssueNotFoundException(id));
  }

  /**
   * The issue, to be changed.
   *
   * @throws IssueNotFoundException if there is no such issue
   * @throws ConflictException if the issue is a tombstone
   */
  private static Issue findLive(DSLContext dsl, String id) {
    Issue issue = find(dsl, id);
    if (issue.isTombstone()) {
      throw new ConflictException("Issue " + id + " is deleted; it cannot be changed");
    }
    return issue;
  }
}
