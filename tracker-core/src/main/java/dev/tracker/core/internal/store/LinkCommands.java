package dev.tracker.core.internal.store;

import static dev.tracker.core.internal.store.schema.Tables.DEPENDENCIES;
import static dev.tracker.core.internal.store.schema.Tables.LABELS;

import dev.tracker.core.Comment;
import dev.tracker.core.ConflictException;
import dev.tracker.core.Dependency;
import dev.tracker.core.DependencyType;
import dev.tracker.core.Event;
import dev.tracker.core.Issue;
import dev.tracker.core.IssueNotFoundException;
import dev.tracker.core.ValidationException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Changes what hangs off an issue: dependencies, labels and comments. Each change also moves the
 * issue's {@code updated_at}, so that a merge sees the issue as changed. Every method runs inside
 * the caller's write transaction and returns the issue as stored afterwards.
 */
final class LinkCommands {

  private final IssueCommands issues;

  LinkCommands(IssueCommands issues) {
    this.issues = issues;
  }

  Issue addDependency(DSLContext dsl, String issueId, String dependsOnId, DependencyType type) {
    if (issueId.equals(dependsOnId)) {
      throw new ValidationException("An issue cannot depend on itself: " + issueId);
    }
    IssueRows.fetchLive(dsl, issueId);
    IssueRows.fetchLive(dsl, dependsOnId);
    Instant now = issues.now();
    Dependency dependency =
        new Dependency(issueId, dependsOnId, type, now, issues.actor(), Map.of());
    if (IssueRows.hasDependency(dsl, dependency)) {
      return reload(dsl, issueId);
    }
    if (type.equals(DependencyType.BLOCKS)) {
      refuseCycle(dsl, issueId, dependsOnId);
    }
    dsl.executeInsert(IssueRows.dependencyRow(dependency));
    return changed(dsl, issueId, Event.Type.DEPENDENCY_ADDED, null, type + ":" + dependsOnId, now);
  }

  Issue removeDependency(DSLContext dsl, String issueId, String dependsOnId, DependencyType type) {
    IssueRows.fetchLive(dsl, issueId);
    int removed =
        dsl.deleteFrom(DEPENDENCIES)
            .where(
                DEPENDENCIES.ISSUE_ID.eq(issueId),
                DEPENDENCIES.DEPENDS_ON_ID.eq(dependsOnId),
                DEPENDENCIES.TYPE.eq(type.value()))
            .execute();
    if (removed == 0) {
      return reload(dsl, issueId);
    }
    return changed(
        dsl, issueId, Event.Type.DEPENDENCY_REMOVED, type + ":" + dependsOnId, null, issues.now());
  }

  Issue addLabel(DSLContext dsl, String issueId, String label) {
    IssueRows.fetchLive(dsl, issueId);
    if (IssueRows.hasLabel(dsl, issueId, label)) {
      return reload(dsl, issueId);
    }
    dsl.insertInto(LABELS, LABELS.ISSUE_ID, LABELS.LABEL).values(issueId, label).execute();
    return changed(dsl, issueId, Event.Type.LABEL_ADDED, null, label, issues.now());
  }

  Issue removeLabel(DSLContext dsl, String issueId, String label) {
    IssueRows.fetchLive(dsl, issueId);
    int removed =
        dsl.deleteFrom(LABELS).where(LABELS.ISSUE_ID.eq(issueId), LABELS.LABEL.eq(label)).execute();
    if (removed == 0) {
      return reload(dsl, issueId);
    }
    return changed(dsl, issueId, Event.Type.LABEL_REMOVED, label, null, issues.now());
  }

  Comment addComment(DSLContext dsl, String issueId, String text) {
    IssueRows.fetchLive(dsl, issueId);
    Instant now = issues.now();
    Comment comment =
        new Comment(IssueRows.nextCommentId(dsl), issueId, issues.actor(), text, now, Map.of());
    dsl.executeInsert(IssueRows.commentRow(comment));
    // the answer is the comment: the issue is recorded as changed, not read back
    record(dsl, issueId, Event.Type.COMMENTED, null, Long.toString(comment.id()), now);
    return comment;
  }

  /**
   * The {@code blocks} links among the issues reachable from one issue through {@code blocks}
   * links, as one JSON array of {@code [issue_id, depends_on_id]} pairs: a recursive query that
   * visits each reachable issue once, so the whole walk is one statement whatever its depth.
   */
  private static final String REACHABLE_BLOCKS_LINKS =
      "WITH RECURSIVE reached(id) AS ("
          + " SELECT ?"
          + " UNION SELECT d.depends_on_id FROM dependencies d JOIN reached r ON d.issue_id = r.id"
          + " WHERE d.type = 'blocks')"
          + " SELECT json_group_array(json_array(d.issue_id, d.depends_on_id))"
          + " FROM dependencies d JOIN reached r ON d.issue_id = r.id WHERE d.type = 'blocks'";

  private static final JsonFactory JSON = JsonFactory.builder().build();

  /**
   * Refuses {@code issueId blocks-on dependsOnId} when {@code issueId} is already reachable from
   * {@code dependsOnId} through {@code blocks} links. One recursive query brings the links
   * reachable from {@code dependsOnId}; a breadth-first walk over them in memory finds the shortest
   * cycle, which the message names.
   */
  private static void refuseCycle(DSLContext dsl, String issueId, String dependsOnId) {
    String links = dsl.resultQuery(REACHABLE_BLOCKS_LINKS, dependsOnId).fetchOne(0, String.class);
    Map<String, List<String>> blockers = new HashMap<>();
    boolean reachesIssue = false;
    try (JsonParser parser =
        JSON.createParser(ObjectReadContext.empty(), links == null ? "[]" : links)) {
      parser.nextToken();
      while (parser.nextToken() == JsonToken.START_ARRAY) {
        parser.nextToken();
        String from = parser.getString();
        parser.nextToken();
        String to = parser.getString();
        parser.nextToken();
        blockers.computeIfAbsent(from, key -> new ArrayList<>(2)).add(to);
        reachesIssue |= to.equals(issueId);
      }
    }
    if (!reachesIssue) {
      return;
    }
    Map<String, String> reachedFrom = new HashMap<>();
    reachedFrom.put(dependsOnId, dependsOnId);
    Queue<String> frontier = new ArrayDeque<>(List.of(dependsOnId));
    while (!frontier.isEmpty()) {
      String at = frontier.remove();
      for (String next : blockers.getOrDefault(at, List.of())) {
        if (reachedFrom.putIfAbsent(next, at) != null) {
          continue;
        }
        if (next.equals(issueId)) {
          throw new ConflictException(
              "Dependency "
                  + issueId
                  + " -> "
                  + dependsOnId
                  + " would create a cycle: "
                  + cycle(reachedFrom, issueId, dependsOnId));
        }
        frontier.add(next);
      }
    }
  }

  private static String cycle(Map<String, String> reachedFrom, String issueId, String start) {
    List<String> path = new ArrayList<>();
    for (String at = issueId; !at.equals(start); at = Objects.requireNonNull(reachedFrom.get(at))) {
      path.add(at);
    }
    path.add(start);
    path.add(issueId);
    Collections.reverse(path);
    return String.join(" -> ", path);
  }

  private Issue changed(
      DSLContext dsl,
      String issueId,
      Event.Type type,
      @Nullable String oldValue,
      @Nullable String newValue,
      Instant now) {
    record(dsl, issueId, type, oldValue, newValue, now);
    return reload(dsl, issueId);
  }

  /** The event of a change, and the issue's {@code updated_at} moved to it. */
  private void record(
      DSLContext dsl,
      String issueId,
      Event.Type type,
      @Nullable String oldValue,
      @Nullable String newValue,
      Instant now) {
    Events.record(dsl, issueId, type, issues.actor(), oldValue, newValue, now);
    issues.touch(dsl, issueId, now);
  }

  private static Issue reload(DSLContext dsl, String id) {
    return IssueQueries.find(dsl, id).orElseThrow(() -> new IssueNotFoundException(id));
  }
}
