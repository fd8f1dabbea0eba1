package dev.tracker.core.internal.sync;

import dev.tracker.core.Issue;
import dev.tracker.core.IssueField;
import dev.tracker.core.internal.model.ListKind;
import dev.tracker.core.internal.model.Merge;
import dev.tracker.core.internal.model.Schema;
import dev.tracker.core.internal.model.Spec;
import java.time.Instant;
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
 *       clone cannot bring a deleted issue back); otherwise it is merged field by field, each field
 *       as its {@link Merge} rule says: a field changed on one side only takes that side's value,
 *       whichever side is later (beads #911: a later edit of one field must not bring back the
 *       other side's stale value of another); a field changed on both takes the value of the side
 *       with the later {@code updated_at}. Status, {@code closed_at} and {@code close_reason} are
 *       one field, so they stay consistent. Labels, dependencies and comments are merged as sets:
 *       what either side added is kept, what either side removed since the base is removed.
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

  /** The fields merged together as one value, {@link Merge#CLOSING}. */
  private static final List<IssueField<?>> CLOSING =
      Schema.fields().stream()
          .filter(field -> Schema.spec(field).merge() == Merge.CLOSING)
          .toList();

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
    if (ours.isTombstone() || theirs.isTombstone()) {
      Issue tombstone;
      if (ours.isTombstone() && theirs.isTombstone()) {
        tombstone = ours.updatedAt().isAfter(theirs.updatedAt()) ? ours : theirs;
      } else {
        tombstone = ours.isTombstone() ? ours : theirs;
      }
      return tombstone.with(IssueField.UPDATED_AT, later(ours.updatedAt(), theirs.updatedAt()));
    }
    Sides sides = new Sides(base, ours, theirs, ours.updatedAt().isAfter(theirs.updatedAt()));
    Issue.Builder merged = sides.winner().toBuilder();
    // the closing fields are one value: picked together, from one side
    Issue closing = sides.pick(issue -> CLOSING.stream().map(issue::get).toList());
    for (IssueField<?> field : Schema.fields()) {
      Spec<?> spec = Schema.spec(field);
      switch (spec.merge()) {
        case SAME -> {}
        case PICK -> pick(merged, field, sides);
        case CLOSING -> copy(merged, field, closing);
        case LATEST -> latest(merged, field, ours, theirs);
        case SET -> mergeSet(merged, field, sides);
      }
    }
    return merged.extras(sides.pick(Issue::extras).extras()).build();
  }

  private static <T> void pick(Issue.Builder merged, IssueField<T> field, Sides sides) {
    merged.set(field, sides.pick(issue -> issue.get(field)).get(field));
  }

  private static <T> void copy(Issue.Builder merged, IssueField<T> field, Issue from) {
    merged.set(field, from.get(field));
  }

  @SuppressWarnings("unchecked")
  private static void latest(Issue.Builder merged, IssueField<?> field, Issue ours, Issue theirs) {
    IssueField<Instant> instant = (IssueField<Instant>) field;
    merged.set(instant, later(ours.get(instant), theirs.get(instant)));
  }

  @SuppressWarnings("unchecked")
  private static <E> void mergeSet(Issue.Builder merged, IssueField<?> field, Sides sides) {
    IssueField<List<E>> list = (IssueField<List<E>>) field;
    ListKind<E> kind = (ListKind<E>) Schema.spec(list).kind();
    Issue base = sides.base();
    merged.set(
        list,
        kind.mergeSets(
            base == null ? null : base.get(list),
            sides.ours().get(list),
            sides.theirs().get(list),
            sides.oursIsLater()));
  }

  /** The three versions of an issue changed on both sides. */
  private record Sides(@Nullable Issue base, Issue ours, Issue theirs, boolean oursIsLater) {

    Issue winner() {
      return oursIsLater ? ours : theirs;
    }

    /**
     * The side whose value of something wins: the side that changed it, or the later side when both
     * did (or there is no base).
     */
    <T> Issue pick(Function<Issue, T> value) {
      if (base == null) {
        return winner();
      }
      T before = value.apply(base);
      if (Objects.equals(value.apply(ours), before)) {
        return theirs;
      }
      if (Objects.equals(value.apply(theirs), before)) {
        return ours;
      }
      return winner();
    }
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Map<String, Issue> byId(List<Issue> issues) {
    Map<String, Issue> byId = new LinkedHashMap<>();
    for (Issue issue : issues) {
      byId.put(issue.id(), issue);
    }
    return byId;
  }
}
