package dev.tracker.core.internal.sync;

import dev.tracker.core.Comment;
import dev.tracker.core.Dependency;
import dev.tracker.core.DependencyType;
import dev.tracker.core.Issue;
import dev.tracker.core.IssueField;
import dev.tracker.core.Status;
import dev.tracker.core.internal.jsonl.IssueLine;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Clones syncing through one remote, in memory: git's commits and merge bases, each clone's
 * database, working file and the file its database last agreed with, and a sync in the order of
 * {@code Synchronizer} (export, commit, fetch, bring in, import, push). The decisions are the
 * production ones: {@link IssueMerge#merge} for the merge commit, {@link IssueMerge#apply} for the
 * import; only git and SQLite are replaced by maps, so that thousands of histories run in seconds.
 * The same histories run against real repositories and databases in {@code
 * RealSyncConvergenceTest}.
 */
final class SyncModel {

  /**
   * A commit: the file it holds, by id, its parents, and the ids of every commit it descends from
   * (itself included).
   */
  record Commit(int id, Map<String, IssueLine> file, List<Commit> parents, Set<Integer> ancestry) {

    Commit(int id, Map<String, IssueLine> file, List<Commit> parents) {
      this(id, file, parents, ancestry(id, parents));
    }

    private static Set<Integer> ancestry(int id, List<Commit> parents) {
      Set<Integer> ids = new HashSet<>();
      ids.add(id);
      parents.forEach(parent -> ids.addAll(parent.ancestry()));
      return ids;
    }

    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof Commit commit && commit.id == id;
    }

    @Override
    public int hashCode() {
      return id;
    }

    @Override
    public String toString() {
      return "commit " + id;
    }
  }

  /** One clone: its database, its working file, the file its database agreed with, its branch. */
  static final class Clone {
    final String name;
    final long skewMillis;
    Map<String, IssueLine> db = new TreeMap<>();
    Map<String, IssueLine> base = new TreeMap<>();
    Map<String, IssueLine> work = new TreeMap<>();
    Commit head;
    int created;

    Clone(String name, long skewMillis, Commit head) {
      this.name = name;
      this.skewMillis = skewMillis;
      this.head = head;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  final List<Clone> clones = new ArrayList<>();
  Commit remote;
  private int commits;
  private long tick;

  /** Clones that cloned the remote when it held {@code initial} issues, each with its clock. */
  SyncModel(int initial, List<Long> skews) {
    Map<String, IssueLine> file = new TreeMap<>();
    for (int i = 0; i < initial; i++) {
      Issue issue =
          Issue.builder("t-" + i)
              .set(IssueField.TITLE, "initial " + i)
              .set(IssueField.CREATED_AT, START)
              .build();
      file.put(issue.id(), IssueLine.of(issue));
    }
    remote = new Commit(commits++, file, List.of());
    for (int i = 0; i < skews.size(); i++) {
      Clone clone = new Clone("c" + i, skews.get(i), remote);
      clone.db = new TreeMap<>(file);
      clone.base = new TreeMap<>(file);
      clone.work = new TreeMap<>(file);
      clones.add(clone);
    }
  }

  /** The time on a clone's clock: a global tick plus the clone's skew. */
  private Instant now(Clone clone) {
    tick += 1_000;
    return START.plusMillis(tick + clone.skewMillis);
  }

  // ---- the sync, in Synchronizer's order -------------------------------------------------------

  /**
   * One sync of a clone; {@code during}, when given, is a write to its database made after the
   * merge and before the import (the database is not locked by a sync; only the file is).
   */
  void sync(Clone clone, @Nullable Edit during) {
    commitLocal(clone);
    Commit fetched = remote;
    commitLocal(clone);
    boolean changed = bringIn(clone, fetched);
    if (during != null) {
      edit(clone, during);
    }
    if (changed) {
      importFile(clone);
    }
    // the push: the remote has not moved since the fetch in this model, so it is a fast-forward
    if (isAncestor(remote, clone.head)) {
      remote = clone.head;
    }
  }

  /** Export (applying a file changed underneath first), then commit the file if it changed. */
  private void commitLocal(Clone clone) {
    if (!clone.work.equals(clone.base)) {
      importFile(clone);
    }
    clone.work = new TreeMap<>(clone.db);
    clone.base = new TreeMap<>(clone.db);
    if (!clone.work.equals(clone.head.file())) {
      clone.head = new Commit(commits++, clone.work, List.of(clone.head));
    }
  }

  /** Nothing new, a fast-forward, or a merge commit whose file {@link IssueMerge} merged. */
  private boolean bringIn(Clone clone, Commit theirs) {
    if (isAncestor(theirs, clone.head)) {
      return false;
    }
    if (isAncestor(clone.head, theirs)) {
      clone.head = theirs;
      clone.work = new TreeMap<>(theirs.file);
      return true;
    }
    Commit base = mergeBase(clone.head, theirs);
    IssueMerge.Result merged =
        IssueMerge.merge(
            lines(base == null ? Map.of() : base.file), lines(clone.head.file), lines(theirs.file));
    Map<String, IssueLine> file = new TreeMap<>();
    merged.lines().forEach(line -> file.put(line.id(), line));
    clone.head = new Commit(commits++, file, List.of(clone.head, theirs));
    clone.work = new TreeMap<>(file);
    return true;
  }

  /** The import of a changed working file, as the store does it: {@link IssueMerge#apply}. */
  private void importFile(Clone clone) {
    Map<String, IssueLine> changedBase = new HashMap<>();
    clone.base.forEach(
        (id, line) -> {
          IssueLine now = clone.work.get(id);
          if (now == null || !now.issue().equals(line.issue())) {
            changedBase.put(id, line);
          }
        });
    IssueMerge.Applied applied =
        IssueMerge.apply(changedBase, clone.base.keySet(), clone.db, lines(clone.work));
    applied.created().forEach(line -> clone.db.put(line.id(), line));
    applied.replaced().forEach(line -> clone.db.put(line.id(), line));
    applied.removed().forEach(clone.db::remove);
    clone.base = new TreeMap<>(clone.work);
  }

  /** {@code git revert} of the clone's last commit: its first parent's file, committed anew. */
  void revert(Clone clone) {
    if (clone.head.parents().isEmpty()) {
      return;
    }
    Map<String, IssueLine> file = clone.head.parents().get(0).file();
    clone.head = new Commit(commits++, file, List.of(clone.head));
    clone.work = new TreeMap<>(file);
  }

  // ---- git
  // ---------------------------------------------------------------------------------------

  private static boolean isAncestor(Commit ancestor, Commit of) {
    return of.ancestry().contains(ancestor.id());
  }

  /**
   * A best common ancestor: the newest commit both descend from. A commit is newer than its
   * ancestors, so the newest common one is an ancestor of no other common one.
   */
  private static @Nullable Commit mergeBase(Commit a, Commit b) {
    Commit best = null;
    Deque<Commit> todo = new ArrayDeque<>(List.of(a));
    Set<Integer> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      Commit next = todo.pop();
      if (!seen.add(next.id())) {
        continue;
      }
      if (b.ancestry().contains(next.id()) && (best == null || next.id() > best.id())) {
        best = next;
      }
      todo.addAll(next.parents());
    }
    return best;
  }

  // ---- edits
  // ---------------------------------------------------------------------------------------

  /** What an edit does: create an issue, or change one picked by {@code pick}. */
  enum Op {
    CREATE,
    TITLE,
    NOTES,
    PRIORITY,
    CLOSE,
    REOPEN,
    ADD_LABEL,
    REMOVE_LABEL,
    ADD_DEPENDENCY,
    REMOVE_DEPENDENCY,
    COMMENT,
    DELETE
  }

  /** One edit of a clone's database: the operation, which issue, and a value to use. */
  record Edit(Op op, int pick, int value) {}

  /** Applies an edit the way the service would; an edit with nothing to act on does nothing. */
  void edit(Clone clone, Edit edit) {
    Instant now = now(clone);
    if (edit.op() == Op.CREATE) {
      String id = clone.name + "-" + clone.created++;
      Issue issue =
          Issue.builder(id)
              .set(IssueField.TITLE, "new " + edit.value())
              .set(IssueField.CREATED_AT, now)
              .build();
      clone.db.put(id, IssueLine.of(issue));
      return;
    }
    List<Issue> live =
        clone.db.values().stream().map(IssueLine::issue).filter(i -> !i.isTombstone()).toList();
    if (live.isEmpty()) {
      return;
    }
    Issue issue = live.get(Math.floorMod(edit.pick(), live.size()));
    Issue.Builder changed = issue.toBuilder().set(IssueField.UPDATED_AT, now);
    String word = "v" + edit.value();
    switch (edit.op()) {
      case TITLE -> changed.set(IssueField.TITLE, word);
      case NOTES -> changed.set(IssueField.NOTES, word);
      case PRIORITY -> changed.set(IssueField.PRIORITY, Math.floorMod(edit.value(), 5));
      case CLOSE ->
          changed
              .set(IssueField.STATUS, Status.CLOSED)
              .set(IssueField.CLOSED_AT, Optional.of(now))
              .set(IssueField.CLOSE_REASON, edit.value() % 2 == 0 ? "" : word);
      case REOPEN ->
          changed
              .set(IssueField.STATUS, Status.OPEN)
              .set(IssueField.CLOSED_AT, Optional.empty())
              .set(IssueField.CLOSE_REASON, "");
      case ADD_LABEL -> changed.set(IssueField.LABELS, plus(issue.labels(), label(edit.value())));
      case REMOVE_LABEL ->
          changed.set(IssueField.LABELS, minus(issue.labels(), label(edit.value())));
      case ADD_DEPENDENCY -> {
        Issue target = live.get(Math.floorMod(edit.value(), live.size()));
        if (target.id().equals(issue.id())) {
          return;
        }
        DependencyType type =
            edit.value() % 2 == 0 ? DependencyType.BLOCKS : DependencyType.RELATED;
        Dependency dependency =
            new Dependency(issue.id(), target.id(), type, now, clone.name, Map.of());
        List<Dependency> others =
            issue.dependencies().stream()
                .filter(d -> !(d.dependsOnId().equals(target.id()) && d.type().equals(type)))
                .toList();
        changed.set(IssueField.DEPENDENCIES, plus(others, dependency));
      }
      case REMOVE_DEPENDENCY -> {
        if (issue.dependencies().isEmpty()) {
          return;
        }
        Dependency gone =
            issue.dependencies().get(Math.floorMod(edit.value(), issue.dependencies().size()));
        changed.set(IssueField.DEPENDENCIES, minus(issue.dependencies(), gone));
      }
      case COMMENT -> {
        long next = issue.comments().stream().mapToLong(Comment::id).max().orElse(0) + 1;
        Comment comment = new Comment(next, issue.id(), clone.name, word, now, Map.of());
        changed.set(IssueField.COMMENTS, plus(issue.comments(), comment));
      }
      case DELETE ->
          changed
              .set(IssueField.STATUS, Status.TOMBSTONE)
              .set(IssueField.DELETED_AT, Optional.of(now))
              .set(IssueField.DELETED_BY, clone.name);
      case CREATE -> throw new AssertionError("handled above");
    }
    clone.db.put(issue.id(), IssueLine.of(changed.build()));
  }

  private static String label(int value) {
    return "l" + Math.floorMod(value, 4);
  }

  private static <E> List<E> plus(List<E> list, E element) {
    List<E> result = new ArrayList<>(list);
    result.add(element);
    return result;
  }

  private static <E> List<E> minus(List<E> list, E element) {
    List<E> result = new ArrayList<>(list);
    result.remove(element);
    return result;
  }

  // ---- comparing
  // -----------------------------------------------------------------------------------

  /** The issues of a file or a database, without the text of their lines. */
  static Map<String, Issue> issues(Map<String, IssueLine> lines) {
    return lines.entrySet().stream()
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, e -> e.getValue().issue(), (a, b) -> a, TreeMap::new));
  }

  private static List<IssueLine> lines(Map<String, IssueLine> file) {
    return List.copyOf(file.values());
  }

  /** Every clone's issues, by clone, and the remote head's as "remote". */
  Map<String, Map<String, Issue>> states() {
    Map<String, Map<String, Issue>> states = new TreeMap<>();
    for (Clone clone : clones) {
      states.put(clone.name, issues(clone.db));
    }
    states.put("remote", issues(remote.file()));
    return states;
  }

  /** Whether every clone's database and the remote's head hold the same issues. */
  boolean converged() {
    Collection<Map<String, Issue>> all = states().values();
    return all.stream().distinct().count() == 1;
  }
}
