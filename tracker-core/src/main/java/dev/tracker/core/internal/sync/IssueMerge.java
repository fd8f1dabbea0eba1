package dev.tracker.core.internal.sync;

import dev.tracker.core.Issue;
import dev.tracker.core.IssueField;
import dev.tracker.core.internal.jsonl.IssueLine;
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
 *
 * <p>Each issue keeps the line it was read from: an issue taken whole from one side is written as
 * that side's line, byte for byte; one merged field by field is written in the style of the later
 * side's line.
 */
public final class IssueMerge {

  /**
   * The merged list and how many issues were changed on both sides.
   *
   * @param lines the merged issues with the lines to write them in the style of, in id order
   * @param conflicts issues changed on both sides
   */
  public record Result(List<IssueLine> lines, int conflicts) {
    /** The merged issues, in id order. */
    public List<Issue> issues() {
      return lines.stream().map(IssueLine::issue).toList();
    }
  }

  /** The fields merged together as one value, {@link Merge#CLOSING}. */
  private static final List<IssueField<?>> CLOSING =
      Schema.fields().stream()
          .filter(field -> Schema.spec(field).merge() == Merge.CLOSING)
          .toList();

  private IssueMerge() {}

  /** Merges {@code ours} and {@code theirs}, both descended from {@code base}. */
  public static Result merge(List<IssueLine> base, List<IssueLine> ours, List<IssueLine> theirs) {
    Map<String, IssueLine> baseById = byId(base);
    Map<String, IssueLine> oursById = byId(ours);
    Map<String, IssueLine> theirsById = byId(theirs);
    Set<String> ids = new HashSet<>(oursById.keySet());
    ids.addAll(theirsById.keySet());
    Map<String, IssueLine> merged = new TreeMap<>();
    int conflicts = 0;
    for (String id : ids) {
      IssueLine before = baseById.get(id);
      IssueLine mine = oursById.get(id);
      IssueLine other = theirsById.get(id);
      if (mine == null || other == null) {
        merged.put(id, mine != null ? mine : other);
      } else if (mine.issue().equals(other.issue()) || other.issue().equals(issue(before))) {
        merged.put(id, mine);
      } else if (mine.issue().equals(issue(before))) {
        merged.put(id, other);
      } else {
        conflicts++;
        merged.put(id, combine(before == null ? null : before.issue(), mine, other));
      }
    }
    return new Result(List.copyOf(merged.values()), conflicts);
  }

  private static @Nullable Issue issue(@Nullable IssueLine line) {
    return line == null ? null : line.issue();
  }

  /** The issue merged field by field, in the style of the later side's line. */
  private static IssueLine combine(@Nullable Issue base, IssueLine oursLine, IssueLine theirsLine) {
    Issue ours = oursLine.issue();
    Issue theirs = theirsLine.issue();
    Instant updatedAt = later(ours.updatedAt(), theirs.updatedAt());
    if (ours.isTombstone() || theirs.isTombstone()) {
      IssueLine tombstone;
      if (ours.isTombstone() && theirs.isTombstone()) {
        tombstone = ours.updatedAt().isAfter(theirs.updatedAt()) ? oursLine : theirsLine;
      } else {
        tombstone = ours.isTombstone() ? oursLine : theirsLine;
      }
      return new IssueLine(
          tombstone.issue().with(IssueField.UPDATED_AT, updatedAt), tombstone.source());
    }
    boolean oursIsLater = ours.updatedAt().isAfter(theirs.updatedAt());
    return new IssueLine(
        combine(base, ours, theirs, oursIsLater),
        oursIsLater ? oursLine.source() : theirsLine.source());
  }

  private static Issue combine(
      @Nullable Issue base, Issue ours, Issue theirs, boolean oursIsLater) {
    Sides sides = new Sides(base, ours, theirs, oursIsLater);
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

  private static Map<String, IssueLine> byId(List<IssueLine> issues) {
    Map<String, IssueLine> byId = new LinkedHashMap<>();
    for (IssueLine issue : issues) {
      byId.put(issue.id(), issue);
    }
    return byId;
  }
}
