package dev.tracker.core.internal.store;

import static dev.tracker.core.internal.store.schema.Tables.COMMENTS;
import static dev.tracker.core.internal.store.schema.Tables.DEPENDENCIES;
import static dev.tracker.core.internal.store.schema.Tables.EVENTS;
import static dev.tracker.core.internal.store.schema.Tables.ISSUES;
import static dev.tracker.core.internal.store.schema.Tables.LABELS;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.multiset;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.not;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectCount;
import static org.jooq.impl.DSL.selectOne;

import dev.tracker.core.BlockedIssue;
import dev.tracker.core.Comment;
import dev.tracker.core.Dependency;
import dev.tracker.core.DependencyType;
import dev.tracker.core.Event;
import dev.tracker.core.Issue;
import dev.tracker.core.IssueField;
import dev.tracker.core.IssueFilter;
import dev.tracker.core.IssueNotFoundException;
import dev.tracker.core.IssueType;
import dev.tracker.core.Stats;
import dev.tracker.core.Status;
import dev.tracker.core.internal.store.schema.tables.Issues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Result;
import org.jooq.Select;
import org.jooq.SelectField;
import org.jooq.SelectLimitStep;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * Reads issues. Each issue comes back with its labels, dependencies and comments in the same
 * statement ({@code MULTISET}, which jOOQ renders as correlated JSON subqueries in SQLite): one
 * query per call, no N+1, and one consistent snapshot without a read transaction.
 */
final class IssueQueries {

  private static final String BLOCKS = DependencyType.BLOCKS.value();
  private static final String CLOSED = Status.CLOSED.value();
  private static final String TOMBSTONE = Status.TOMBSTONE.value();

  /** Most urgent first, then oldest, then by id so that the order is total. */
  private static final List<SortField<?>> DEFAULT_ORDER =
      List.of(ISSUES.PRIORITY.asc(), ISSUES.CREATED_AT.asc(), ISSUES.ID.asc());

  private static final Field<List<String>> LABELS_OF_ISSUE =
      multiset(
              select(LABELS.LABEL)
                  .from(LABELS)
                  .where(LABELS.ISSUE_ID.eq(ISSUES.ID))
                  .orderBy(LABELS.LABEL))
          .as("labels")
          .convertFrom(result -> result.map(Record1::value1));

  private static final Field<List<Dependency>> DEPENDENCIES_OF_ISSUE =
      multiset(
              select(
                      DEPENDENCIES.ISSUE_ID,
                      DEPENDENCIES.DEPENDS_ON_ID,
                      DEPENDENCIES.TYPE,
                      DEPENDENCIES.CREATED_AT,
                      DEPENDENCIES.CREATED_BY,
                      DEPENDENCIES.EXTRA)
                  .from(DEPENDENCIES)
                  .where(DEPENDENCIES.ISSUE_ID.eq(ISSUES.ID)))
          .as("dependencies")
          .convertFrom(
              result ->
                  result.map(
                      row ->
                          new Dependency(
                              row.value1(),
                              row.value2(),
                              DependencyType.of(row.value3()),
                              row.value4(),
                              row.value5(),
                              Extras.fromColumn(row.value6()))));

  private static final Field<List<Comment>> COMMENTS_OF_ISSUE =
      multiset(
              select(
                      COMMENTS.ID,
                      COMMENTS.ISSUE_ID,
                      COMMENTS.AUTHOR,
                      COMMENTS.TEXT,
                      COMMENTS.CREATED_AT,
                      COMMENTS.EXTRA)
                  .from(COMMENTS)
                  .where(COMMENTS.ISSUE_ID.eq(ISSUES.ID)))
          .as("comments")
          .convertFrom(
              result ->
                  result.map(
                      row ->
                          new Comment(
                              row.value1(),
                              row.value2(),
                              row.value3(),
                              row.value4(),
                              row.value5(),
                              Extras.fromColumn(row.value6()))));

  /** An issue's own columns and its nested labels, dependencies and comments. */
  private static final List<Field<?>> ISSUE_FIELDS =
      Stream.concat(
              // not the line as read: only an export writes it
              Stream.of(ISSUES.fields()).filter(column -> !column.equals(ISSUES.SOURCE)),
              Stream.of(LABELS_OF_ISSUE, DEPENDENCIES_OF_ISSUE, COMMENTS_OF_ISSUE))
          .toList();

  // every write reads its issue back by id: rendered once (Rendered)
  private static final String FIND =
      Rendered.sql(
          select(ISSUE_FIELDS).from(ISSUES).where(ISSUES.ID.eq(DSL.param("id", String.class))));

  private static final String CONTAINS =
      Rendered.sql(selectOne().from(ISSUES).where(ISSUES.ID.eq(DSL.param("id", String.class))));

  private IssueQueries() {}

  static Optional<Issue> find(DSLContext dsl, String id) {
    Result<Record> rows = Rendered.fetch(dsl, FIND, ISSUE_FIELDS, id);
    return rows.isEmpty() ? Optional.empty() : Optional.of(toIssue(rows.get(0)));
  }

  static boolean contains(DSLContext dsl, String id) {
    return Rendered.fetchLong(dsl, CONTAINS, id).isPresent();
  }

  static List<Issue> list(DSLContext dsl, IssueFilter filter) {
    return fetch(dsl, matching(filter), filter.limit());
  }

  /** Open issues with no open blocker, by priority then age. */
  static List<Issue> ready(DSLContext dsl, IssueFilter filter) {
    Condition condition =
        ISSUES
            .STATUS
            .eq(Status.OPEN.value())
            .and(ISSUES.DELETED_AT.isNull())
            .and(not(hasOpenBlocker(ISSUES)))
            .and(matchingExceptStatus(filter));
    return fetch(dsl, condition, filter.limit());
  }

  /** Issues that are not done and have at least one open blocker, with those blockers. */
  static List<BlockedIssue> blocked(DSLContext dsl) {
    Field<List<String>> blockers =
        multiset(openBlockersOf(ISSUES))
            .as("blockers")
            .convertFrom(result -> result.map(Record1::value1));
    List<SelectField<?>> fields = issueFields();
    fields.add(blockers);
    return dsl.select(fields)
        .from(ISSUES)
        .where(notDone(ISSUES).and(hasOpenBlocker(ISSUES)))
        .orderBy(DEFAULT_ORDER)
        .fetch(row -> new BlockedIssue(toIssue(row), row.get(blockers)));
  }

  static Stats stats(DSLContext dsl) {
    Map<Status, Integer> byStatus =
        dsl.select(ISSUES.STATUS, count())
            .from(ISSUES)
            .groupBy(ISSUES.STATUS)
            .fetchMap(row -> Status.of(row.value1()), row -> row.value2());
    Record counts =
        dsl.select(
                field(selectCount().from(ISSUES).where(notTombstone(ISSUES))).as("total"),
                field(
                        selectCount()
                            .from(ISSUES)
                            .where(
                                ISSUES.STATUS.eq(Status.OPEN.value()),
                                ISSUES.DELETED_AT.isNull(),
                                not(hasOpenBlocker(ISSUES))))
                    .as("ready"),
                field(selectCount().from(ISSUES).where(notDone(ISSUES).and(hasOpenBlocker(ISSUES))))
                    .as("blocked"))
            .fetchSingle();
    return new Stats(
        counts.get("total", Integer.class),
        byStatus,
        counts.get("ready", Integer.class),
        counts.get("blocked", Integer.class));
  }

  static List<Event> history(DSLContext dsl, String issueId) {
    if (!contains(dsl, issueId)) {
      throw new IssueNotFoundException(issueId);
    }
    return dsl.selectFrom(EVENTS)
        .where(EVENTS.ISSUE_ID.eq(issueId))
        .orderBy(EVENTS.ID)
        .fetch(
            row ->
                new Event(
                    row.getId(),
                    row.getIssueId(),
                    Event.Type.valueOf(row.getEventType()),
                    row.getActor(),
                    row.getOldValue(),
                    row.getNewValue(),
                    row.getCreatedAt()));
  }

  /** Not closed and not deleted: such an issue still blocks what depends on it. */
  static Condition notDone(Issues issue) {
    return issue.STATUS.notIn(CLOSED, TOMBSTONE).and(issue.DELETED_AT.isNull());
  }

  private static Condition notTombstone(Issues issue) {
    return issue.STATUS.ne(TOMBSTONE).and(issue.DELETED_AT.isNull());
  }

  private static Condition hasOpenBlocker(Issues issue) {
    return exists(openBlockersOf(issue));
  }

  /** The ids of the issues that block {@code issue} and are not done, correlated to it. */
  private static Select<Record1<String>> openBlockersOf(Issues issue) {
    Issues blocker = ISSUES.as("open_blocker");
    return select(DEPENDENCIES.DEPENDS_ON_ID)
        .from(DEPENDENCIES)
        .join(blocker)
        .on(blocker.ID.eq(DEPENDENCIES.DEPENDS_ON_ID))
        .where(DEPENDENCIES.ISSUE_ID.eq(issue.ID), DEPENDENCIES.TYPE.eq(BLOCKS), notDone(blocker));
  }

  private static Condition matching(IssueFilter filter) {
    Condition status =
        filter.statuses().isEmpty()
            ? notTombstone(ISSUES)
            : ISSUES.STATUS.in(filter.statuses().stream().map(Status::value).toList());
    return status.and(matchingExceptStatus(filter));
  }

  private static Condition matchingExceptStatus(IssueFilter filter) {
    Condition condition = noCondition();
    if (!filter.types().isEmpty()) {
      condition =
          condition.and(
              ISSUES.ISSUE_TYPE.in(filter.types().stream().map(IssueType::value).toList()));
    }
    if (filter.priority() != null) {
      condition = condition.and(ISSUES.PRIORITY.eq(filter.priority()));
    }
    if (filter.assignee() != null) {
      condition = condition.and(ISSUES.ASSIGNEE.eq(filter.assignee()));
    }
    for (String label : filter.labels()) {
      condition = condition.and(hasLabel(label));
    }
    String text = filter.text();
    if (text != null && !text.isEmpty()) {
      condition =
          condition.and(
              ISSUES
                  .TITLE
                  .containsIgnoreCase(text)
                  .or(ISSUES.DESCRIPTION.containsIgnoreCase(text))
                  .or(ISSUES.ID.containsIgnoreCase(text)));
    }
    return condition;
  }

  private static Condition hasLabel(String label) {
    return exists(
        selectOne().from(LABELS).where(LABELS.ISSUE_ID.eq(ISSUES.ID), LABELS.LABEL.eq(label)));
  }

  private static List<Issue> fetch(DSLContext dsl, Condition condition, int limit) {
    SelectLimitStep<Record> query =
        dsl.select(issueFields()).from(ISSUES).where(condition).orderBy(DEFAULT_ORDER);
    return (limit > 0 ? query.limit(limit).fetch() : query.fetch()).map(IssueQueries::toIssue);
  }

  /** {@link #ISSUE_FIELDS}, in a list the caller may add to. */
  private static List<SelectField<?>> issueFields() {
    return new ArrayList<>(ISSUE_FIELDS);
  }

  /** The position of each column of {@link IssueColumns#ROW} in {@link #ISSUE_FIELDS}. */
  private static final int[] ROW_POSITIONS =
      IssueColumns.ROW.stream().mapToInt(ISSUE_FIELDS::indexOf).toArray();

  private static Issue toIssue(Record record) {
    @Nullable Object[] row = new Object[ROW_POSITIONS.length];
    for (int i = 0; i < row.length; i++) {
      row[i] = record.get(ROW_POSITIONS[i]);
    }
    return IssueColumns.fromRow(row)
        .set(IssueField.LABELS, record.get(LABELS_OF_ISSUE))
        .set(IssueField.DEPENDENCIES, record.get(DEPENDENCIES_OF_ISSUE))
        .set(IssueField.COMMENTS, record.get(COMMENTS_OF_ISSUE))
        .build();
  }
}
