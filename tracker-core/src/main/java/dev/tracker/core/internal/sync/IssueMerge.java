package dev.tracker.core.internal.sync;

import dev.tracker.core.Issue;
import dev.tracker.core.IssueField;
import dev.tracker.core.Status;
import dev.tracker.core.internal.jsonl.IssueLine;
import dev.tracker.core.internal.model.ListKind;
import dev.tracker.core.internal.model.Merge;
import dev.tracker.core.internal.model.Schema;
import dev.tracker.core.internal.model.Spec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Merges two versions of the issue list, issue by issue, against the version they both started from
 * (the file at the merge base; empty when the histories share none). Every rule is three-way, so
 * that what one side changed since the base is never undone by the other side's older copy,
 * whatever the clocks say.
 *
 * <ul>
 *   <li>An issue changed on one side only takes that side's version; one that one side removed from
 *       the file and the other left as it was is removed; one that one side removed and the other
 *       changed is kept, changed.
 *   <li>An issue changed on both sides is a conflict: a tombstone on either side wins (a stale
 *       clone cannot bring a deleted issue back); otherwise it is merged field by field, each field
 *       as its {@link Merge} rule says: a field changed on one side only takes that side's value,
 *       whichever side is later (beads #911: a later edit of one field must not bring back the
 *       other side's stale value of another); a field changed on both takes the value of the side
 *       with the later {@code updated_at}. That holds for the timestamps too: {@code created_at}
 *       and {@code updated_at} are fields like the others. {@code closed_at} is then kept
 *       consistent with the merged status. Labels, dependencies and comments are merged as sets:
 *       what either side added is kept, what either side removed since the base is removed, and an
 *       element both kept is the copy of the side that changed it.
 * </ul>
 *
 * <p>On equal {@code updated_at} the remote side ("theirs") counts as the later one.
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
      Outcome outcome = merge(baseById.get(id), oursById.get(id), theirsById.get(id));
      if (outcome.line() != null) {
        merged.put(id, outcome.line());
      }
      if (outcome.conflict()) {
        conflicts++;
      }
    }
    return new Result(List.copyOf(merged.values()), conflicts);
  }

  /**
   * What the merge made of one issue.
   *
   * @param line the merged issue, or {@code null} when it is removed
   * @param conflict whether both sides changed it
   */
  public record Outcome(@Nullable IssueLine line, boolean conflict) {}

  /**
   * Merges the versions of one issue; a {@code null} side does not have it (never had it, or
   * removed it from the file).
   */
  public static Outcome merge(
      @Nullable IssueLine before, @Nullable IssueLine mine, @Nullable IssueLine other) {
    if (mine == null || other == null) {
      IssueLine present = mine != null ? mine : other;
      boolean removedUnchanged =
          present != null && before != null && present.issue().equals(before.issue());
      return new Outcome(removedUnchanged ? null : present, false);
    }
    if (mine.issue().equals(other.issue()) || other.issue().equals(issue(before))) {
      return new Outcome(mine, false);
    }
    if (mine.issue().equals(issue(before))) {
      return new Outcome(other, false);
    }
    return new Outcome(combine(before == null ? null : before.issue(), mine, other), true);
  }

  /**
   * What applying a changed file to the stored issues does.
   *
   * @param created issues to create
   * @param replaced issues to replace with the given version (the file's, or a merge)
   * @param rewritten issues that stay as stored, whose line is now the file's text
   * @param removed ids of issues to remove
   * @param unchanged issues in the file that stay as stored
   */
  public record Applied(
      List<IssueLine> created,
      List<IssueLine> replaced,
      List<IssueLine> rewritten,
      List<String> removed,
      int unchanged) {}

  /**
   * Applies a changed file to the stored issues as the change it is, each issue three-way: the
   * base's copy (the file as the store last agreed with it), the stored copy ("ours"), the file's
   * ("theirs"). An issue whose line the file kept leaves the stored copy as it is (a change made
   * since stays); one the file changed and the store did not takes the file's copy, older or not;
   * one both changed is merged field by field; one the file dropped is removed unless it changed
   * since. Issues only the store has are left alone.
   *
   * @param changedBase the base's copy of each issue whose line the file changed or dropped
   * @param baseIds the id of every issue in the base
   * @param stored the stored issues, by id
   * @param file the file's issues
   */
  public static Applied apply(
      Map<String, IssueLine> changedBase,
      Set<String> baseIds,
      Map<String, IssueLine> stored,
      List<IssueLine> file) {
    Map<String, IssueLine> inFile = byId(file);
    Set<String> ids = new TreeSet<>(inFile.keySet());
    ids.addAll(changedBase.keySet());
    List<IssueLine> created = new ArrayList<>();
    List<IssueLine> replaced = new ArrayList<>();
    List<IssueLine> rewritten = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    int unchanged = 0;
    for (String id : ids) {
      IssueLine mine = stored.get(id);
      IssueLine theirs = inFile.get(id);
      boolean lineKept = theirs != null && baseIds.contains(id) && !changedBase.containsKey(id);
      IssueLine result = lineKept ? mine : merge(changedBase.get(id), mine, theirs).line();
      if (result == null) {
        if (mine != null) {
          removed.add(id);
        }
      } else if (mine == null) {
        created.add(result);
      } else if (!result.issue().equals(mine.issue())) {
        replaced.add(result);
      } else if (theirs != null) {
        unchanged++;
        if (result.equals(theirs) && !Objects.equals(mine.source(), theirs.source())) {
          rewritten.add(theirs); // the same issue in other text: the next export writes the file's
        }
      }
    }
    return new Applied(created, replaced, rewritten, removed, unchanged);
  }

  private static @Nullable Issue issue(@Nullable IssueLine line) {
    return line == null ? null : line.issue();
  }

  /** The issue merged field by field, in the style of the later side's line. */
  private static IssueLine combine(@Nullable Issue base, IssueLine oursLine, IssueLine theirsLine) {
    Issue ours = oursLine.issue();
    Issue theirs = theirsLine.issue();
    boolean oursIsLater = ours.updatedAt().isAfter(theirs.updatedAt());
    if (ours.isTombstone() || theirs.isTombstone()) {
      IssueLine tombstone;
      if (ours.isTombstone() && theirs.isTombstone()) {
        tombstone = oursIsLater ? oursLine : theirsLine;
      } else {
        tombstone = ours.isTombstone() ? oursLine : theirsLine;
      }
      // the later time, so that a tool that keeps the later copy (beads) keeps the tombstone too
      Instant later = oursIsLater ? ours.updatedAt() : theirs.updatedAt();
      return new IssueLine(
          tombstone.issue().with(IssueField.UPDATED_AT, later), tombstone.source());
    }
    return new IssueLine(
        combine(base, ours, theirs, oursIsLater),
        oursIsLater ? oursLine.source() : theirsLine.source());
  }

  private static Issue combine(
      @Nullable Issue base, Issue ours, Issue theirs, boolean oursIsLater) {
    Sides sides = new Sides(base, ours, theirs, oursIsLater);
    Issue.Builder merged = sides.winner().toBuilder();
    for (IssueField<?> field : Schema.fields()) {
      Spec<?> spec = Schema.spec(field);
      switch (spec.merge()) {
        case SAME -> {}
        case PICK, CLOSING -> pick(merged, field, sides);
        case SET -> mergeSet(merged, field, sides);
      }
    }
    merged.extras(mergeExtras(sides));
    Issue picked = merged.build();
    return consistentClosing(picked, sides);
  }

  /**
   * {@code closed_at} set exactly when the merged status is closed: cleared for an open issue, and
   * for a closed one that got no time, the time of a side that closed it (the later side first).
   */
  private static Issue consistentClosing(Issue merged, Sides sides) {
    boolean closed = Status.CLOSED.equals(merged.get(IssueField.STATUS));
    Optional<Instant> closedAt = merged.get(IssueField.CLOSED_AT);
    if (!closed && closedAt.isPresent()) {
      return merged.with(IssueField.CLOSED_AT, Optional.empty());
    }
    if (closed && closedAt.isEmpty()) {
      for (Issue side : List.of(sides.winner(), sides.loser())) {
        if (Status.CLOSED.equals(side.get(IssueField.STATUS))
            && side.get(IssueField.CLOSED_AT).isPresent()) {
          return merged.with(IssueField.CLOSED_AT, side.get(IssueField.CLOSED_AT));
        }
      }
    }
    return merged;
  }

  /**
   * Fields tracker does not know, merged key by key as {@link Merge#PICK} merges a field, in the
   * order of the later side's line.
   */
  private static Map<String, String> mergeExtras(Sides sides) {
    Issue base = sides.base();
    Set<String> keys = new LinkedHashSet<>(sides.winner().extras().keySet());
    keys.addAll(sides.loser().extras().keySet());
    if (base != null) {
      keys.addAll(base.extras().keySet());
    }
    Map<String, String> merged = new LinkedHashMap<>();
    for (String key : keys) {
      String value = sides.pick(issue -> issue.extras().get(key)).extras().get(key);
      if (value != null) {
        merged.put(key, value);
      }
    }
    return merged;
  }

  private static <T> void pick(Issue.Builder merged, IssueField<T> field, Sides sides) {
    merged.set(field, sides.pick(issue -> issue.get(field)).get(field));
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

    Issue loser() {
      return oursIsLater ? theirs : ours;
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

  private static Map<String, IssueLine> byId(List<IssueLine> issues) {
    Map<String, IssueLine> byId = new LinkedHashMap<>();
    for (IssueLine issue : issues) {
      byId.put(issue.id(), issue);
    }
    return byId;
  }
}
