package dev.tracker.core.internal.store;

import static dev.tracker.core.internal.store.schema.Tables.COMMENTS;
import static dev.tracker.core.internal.store.schema.Tables.DEPENDENCIES;
import static dev.tracker.core.internal.store.schema.Tables.ISSUES;
import static dev.tracker.core.internal.store.schema.Tables.LABELS;
import static org.jooq.impl.DSL.max;

import dev.tracker.core.Comment;
import dev.tracker.core.ConflictException;
import dev.tracker.core.Dependency;
import dev.tracker.core.Issue;
import dev.tracker.core.IssueNotFoundException;
import dev.tracker.core.Status;
import dev.tracker.core.internal.store.schema.tables.records.CommentsRecord;
import dev.tracker.core.internal.store.schema.tables.records.DependenciesRecord;
import dev.tracker.core.internal.store.schema.tables.records.IssuesRecord;
import dev.tracker.core.internal.store.schema.tables.records.LabelsRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.TableRecord;

/** Writes whole issues, with their labels, dependencies and comments, as rows. */
final class IssueRows {

  /** SQLite allows 32766 bound values per statement; stay well below it. */
  private static final int IDS_PER_STATEMENT = 500;

  private IssueRows() {}

  /** Inserts the issues and everything they carry, in batches. */
  static void insertAll(DSLContext dsl, Collection<Issue> issues) {
    List<TableRecord<?>> rows = new ArrayList<>();
    for (Issue issue : issues) {
      rows.add(issueRow(issue));
    }
    for (Issue issue : issues) {
      for (String label : issue.labels()) {
        rows.add(new LabelsRecord(issue.id(), label));
      }
      for (Dependency dependency : issue.dependencies()) {
        rows.add(dependencyRow(dependency));
      }
      for (Comment comment : issue.comments()) {
        rows.add(commentRow(comment));
      }
    }
    if (!rows.isEmpty()) {
      dsl.batchInsert(rows).execute();
    }
  }

  /** Deletes the issues; their labels, dependencies and comments go with them. */
  static void deleteAll(DSLContext dsl, Collection<String> ids) {
    List<String> all = List.copyOf(ids);
    for (int from = 0; from < all.size(); from += IDS_PER_STATEMENT) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + IDS_PER_STATEMENT));
      dsl.deleteFrom(ISSUES).where(ISSUES.ID.in(chunk)).execute();
    }
  }

  static IssuesRecord issueRow(Issue issue) {
    return new IssuesRecord(
        issue.id(),
        issue.title(),
        issue.description(),
        issue.design(),
        issue.acceptanceCriteria(),
        issue.notes(),
        issue.status().value(),
        issue.priority(),
        issue.issueType().value(),
        issue.assignee(),
        issue.owner(),
        issue.createdAt(),
        issue.createdBy(),
        issue.updatedAt(),
        issue.closedAt(),
        issue.closeReason(),
        issue.externalRef(),
        issue.deletedAt(),
        issue.deletedBy(),
        issue.deleteReason(),
        issue.originalType(),
        Extras.toColumn(issue.extras()));
  }

  static DependenciesRecord dependencyRow(Dependency dependency) {
    return new DependenciesRecord(
        dependency.issueId(),
        dependency.dependsOnId(),
        dependency.type().value(),
        dependency.createdAt(),
        dependency.createdBy(),
        Extras.toColumn(dependency.extras()));
  }

  static CommentsRecord commentRow(Comment comment) {
    return new CommentsRecord(
        comment.issueId(),
        comment.id(),
        comment.author(),
        comment.text(),
        comment.createdAt(),
        Extras.toColumn(comment.extras()));
  }

  /** The number the next comment gets: one more than any comment so far. */
  static long nextCommentId(DSLContext dsl) {
    Long max = dsl.select(max(COMMENTS.ID)).from(COMMENTS).fetchOne(0, Long.class);
    return max == null ? 1 : max + 1;
  }

  /**
   * The row of an issue that may be changed.
   *
   * @throws IssueNotFoundException if there is no such issue
   * @throws ConflictException if the issue is a tombstone
   */
  static IssuesRecord fetchLive(DSLContext dsl, String id) {
    IssuesRecord row = fetch(dsl, id);
    if (isTombstone(row)) {
      throw new ConflictException("Issue " + id + " is deleted; it cannot be changed");
    }
    return row;
  }

  /**
   * The row of an issue, tombstone or not.
   *
   * @throws IssueNotFoundException if there is no such issue
   */
  static IssuesRecord fetch(DSLContext dsl, String id) {
    return dsl.selectFrom(ISSUES)
        .where(ISSUES.ID.eq(id))
        .fetchOptional()
        .orElseThrow(() -> new IssueNotFoundException(id));
  }

  static boolean isTombstone(IssuesRecord row) {
    return row.getDeletedAt() != null || row.getStatus().equals(Status.TOMBSTONE.value());
  }

  static boolean hasDependency(DSLContext dsl, Dependency dependency) {
    return dsl.fetchExists(
        DEPENDENCIES,
        DEPENDENCIES.ISSUE_ID.eq(dependency.issueId()),
        DEPENDENCIES.DEPENDS_ON_ID.eq(dependency.dependsOnId()),
        DEPENDENCIES.TYPE.eq(dependency.type().value()));
  }

  static boolean hasLabel(DSLContext dsl, String issueId, String label) {
    return dsl.fetchExists(LABELS, LABELS.ISSUE_ID.eq(issueId), LABELS.LABEL.eq(label));
  }
}
