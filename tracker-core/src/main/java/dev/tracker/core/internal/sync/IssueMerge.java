package dev.tracker.core.internal.sync;

import dev.tracker.core.Comment;
import dev.tracker.core.Dependency;
import dev.tracker.core.Issue;
import dev.tracker.core.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Merges two versions of the issue list, issue by issue, against the version they both started from
 * (the file at the merge base; empty when the histories share none).
 *
 * <ul>
 *   <li>An issue changed on one side only takes that side's version.
 *   <li>An issue changed on both sides is a conflict: a tombstone on either side wins (a stale
 *       clone cannot bring a deleted issue back); otherwise it is merged field by field: a field
 *       changed on one side only takes that side's value, whichever side is later (beads #911: a
 *       later edit of one field must not bring back the other side's stale value of another); a
 *       field changed on both takes the value of the side with the later {@code updated_at}.
 *       Status, {@code closed_at} and {@code close_reason} are one field, so they stay consistent.
 *       Labels, dependencies and comments are merged as sets: what either side added is kept, what
 *       either side removed since the base is removed.
 *   <li>A merged conflict carries the later of the two {@code updated_at}, so that importing it
 *       replaces both sides' copies.
 * </ul>
 *
 * <p>On equal {@code updated_at} the remote side ("theirs") wins, so that both clones converge on
 * what was pushed first.
 */
public final class IssueMerge {

  /**
   * The merged list and how many issues were changed on both sides.
   *
   * @param issues the merged issues, in id order
   * @param conflicts issues changed on both sides
   */
  public record Result(List<Issue> issues, int conflicts) {}

  private IssueMerge() {}

  /** Merges {@code ours} and {@code theirs}, both descended from {@code base}. */
  public static Result merge(List<Issue> base, List<Issue> ours, List<Issue> theirs) {
    Map<String, Issue> baseById = byId(base);
    Map<String, Issue> oursById = byId(ours);
    Map<String, Issue> theirsById = byId(theirs);
    Set<String> ids = new HashSet<>(oursById.keySet());
    ids.addAll(theirsById.keySet());
    Map<String, Issue> merged = new TreeMap<>();
    int conflicts = 0;
    for (String id : ids) {
      Issue before = baseById.get(id);
      Issue mine = oursById.get(id);
      Issue other = theirsById.get(id);
      if (mine == null || other == null) {
        merged.put(id, mine != null ? mine : other);
      } else if (mine.equals(other) || other.equals(before)) {
        merged.put(id, mine);
      } else if (mine.equals(before)) {
        merged.put(id, other);
      } else {
        conflicts++;
        merged.put(id, combine(before, mine, other));
      }
    }
    return new Result(List.copyOf(merged.values()), conflicts);
  }

  private static Issue combine(@Nullable Issue base, Issue ours, Issue theirs) {
    Instant updatedAt = later(ours.updatedAt(), theirs.updatedAt());
    if (ours.isTombstone() || theirs.isTombstone()) {
      Issue tombstone;
      if (ours.isTombstone() && theirs.isTombstone()) {
        tombstone = ours.updatedAt().isAfter(theirs.updatedAt()) ? ours : theirs;
      } else {
        tombstone = ours.isTombstone() ? ours : theirs;
      }
      return with(
          tombstone, tombstone.labels(), tombstone.dependencies(), tombstone.comments(), updatedAt);
    }
    boolean oursWins = ours.updatedAt().isAfter(theirs.updatedAt());
    Issue winner = oursWins ? ours : theirs;
    List<String> labels =
        mergeSets(
            base == null ? null : base.labels(),
            ours.labels(),
            theirs.labels(),
            oursWins,
            Function.identity());
    List<Dependency> dependencies =
        mergeSets(
            base == null ? null : base.dependencies(),
            ours.dependencies(),
            theirs.dependencies(),
            oursWins,
            dependency -> dependency.dependsOnId() + "\n" + dependency.type().value());
    List<Comment> comments =
        renumber(
            mergeSets(
                base == null ? null : base.comments(),
                ours.comments(),
                theirs.comments(),
                false,
                IssueMerge::commentContent));
    Fields fields = new Fields(base, ours, theirs, winner);
    Closing closing = fields.pick(Closing::of);
    return new Issue(
        winner.id(),
        fields.pick(Issue::title),
        fields.pick(Issue::description),
        fields.pick(Issue::design),
        fields.pick(Issue::acceptanceCriteria),
        fields.pick(Issue::notes),
        closing.status(),
        fields.pick(Issue::priority),
        fields.pick(Issue::issueType),
        fields.pick(Issue::assignee),
        fields.pick(Issue::owner),
        winner.createdAt(),
        winner.createdBy(),
        updatedAt,
        closing.closedAt(),
        closing.closeReason(),
        fields.pick(Issue::externalRef),
        labels,
        dependencies,
        comments,
        winner.deletedAt(),
        winner.deletedBy(),
        winner.deleteReason(),
        winner.originalType(),
        fields.pick(Issue::extras));
  }

  /** The three versions of an issue changed on both sides, and the later of the two. */
  private record Fields(@Nullable Issue base, Issue ours, Issue theirs, Issue winner) {

    /** The side that changed the field, or the later side when both did (or there is no base). */
    <T> T pick(Function<Issue, T> field) {
      if (base == null) {
        return field.apply(winner);
      }
      T before = field.apply(base);
      T mine = field.apply(ours);
      T other = field.apply(theirs);
      if (Objects.equals(mine, before)) {
        return other;
      }
      if (Objects.equals(other, before)) {
        return mine;
      }
      return field.apply(winner);
    }
  }

  /** Status, when the issue was closed and why: one field, so the three stay consistent. */
  private record Closing(Status status, @Nullable Instant closedAt, String closeReason) {
    static Closing of(Issue issue) {
      return new Closing(issue.status(), issue.closedAt(), issue.closeReason());
    }
  }

  /**
   * A three-way merge of two collections of keyed items: every key either side has, minus the keys
   * that either side removed since the base. For a key both sides have, {@code preferOurs} picks
   * whose item is kept.
   */
  private static <T> List<T> mergeSets(
      @Nullable Collection<T> base,
      Collection<T> ours,
      Collection<T> theirs,
      boolean preferOurs,
      Function<T, String> key) {
    Map<String, T> oursByKey = byKey(ours, key);
    Map<String, T> theirsByKey = byKey(theirs, key);
    Map<String, T> result = new LinkedHashMap<>();
    for (Map.Entry<String, T> entry : (preferOurs ? oursByKey : theirsByKey).entrySet()) {
      result.put(entry.getKey(), entry.getValue());
    }
    (preferOurs ? theirsByKey : oursByKey).forEach(result::putIfAbsent);
    if (base != null) {
      for (String removed : byKey(base, key).keySet()) {
        if (!oursByKey.containsKey(removed) || !theirsByKey.containsKey(removed)) {
          result.remove(removed);
        }
      }
    }
    return new ArrayList<>(result.values());
  }

  /**
   * Comments are told apart by content; each side numbers new ones from its own counter, so the
   * same number may stand for two comments. The remote's numbers are kept, a clashing local one
   * gets the next free number.
   */
  private static List<Comment> renumber(List<Comment> comments) {
    Set<Long> used = new HashSet<>();
    List<Comment> numbered = new ArrayList<>();
    long next = comments.stream().mapToLong(Comment::id).max().orElse(0) + 1;
    for (Comment comment : comments) {
      if (used.add(comment.id())) {
        numbered.add(comment);
      } else {
        used.add(next);
        numbered.add(
            new Comment(
                next++,
                comment.issueId(),
                comment.author(),
                comment.text(),
                comment.createdAt(),
                comment.extras()));
      }
    }
    return numbered;
  }

  private static String commentContent(Comment comment) {
    return comment.author() + "\n" + comment.createdAt() + "\n" + comment.text();
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Map<String, Issue> byId(List<Issue> issues) {
    return byKey(issues, Issue::id);
  }

  private static <T> Map<String, T> byKey(Collection<T> items, Function<T, String> key) {
    Map<String, T> byKey = new LinkedHashMap<>();
    for (T item : items) {
      byKey.put(key.apply(item), item);
    }
    return byKey;
  }

  private static Issue with(
      Issue issue,
      List<String> labels,
      List<Dependency> dependencies,
      List<Comment> comments,
      Instant updatedAt) {
    return new Issue(
        issue.id(),
        issue.title(),
        issue.description(),
        issue.design(),
        issue.acceptanceCriteria(),
        issue.notes(),
        issue.status(),
        issue.priority(),
        issue.issueType(),
        issue.assignee(),
        issue.owner(),
        issue.createdAt(),
        issue.createdBy(),
        updatedAt,
        issue.closedAt(),
        issue.closeReason(),
        issue.externalRef(),
        labels,
        dependencies,
        comments,
        issue.deletedAt(),
        issue.deletedBy(),
        issue.deleteReason(),
        issue.originalType(),
        issue.extras());
  }
}
