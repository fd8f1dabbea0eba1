package dev.tracker.core.internal.store;

import dev.tracker.core.ExportResult;
import dev.tracker.core.SyncException;
import dev.tracker.core.SyncResult;
import dev.tracker.core.TrackerConfig;
import dev.tracker.core.TrackerException;
import dev.tracker.core.internal.sync.GitSync;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One sync, in the order that cannot lose an update: export (which first imports a file changed
 * underneath), commit the file, then with a remote fetch, merge the remote's version issue by
 * issue, import the result, push; a push rejected because the remote moved is fetched, merged and
 * pushed again, {@value #PUSH_ATTEMPTS} times in all. Local changes are always committed before
 * anything is brought in, so a merge works on committed versions and never on a file that was
 * overwritten.
 *
 * <p>Only the fetch and the push talk to the remote, and only they may wait for it (up to {@code
 * sync.timeout} for each answer). They run without the lock of the workspace's files, so that an
 * export or import asked for meanwhile goes ahead; everything that writes the file or moves the
 * branch runs under it ({@link FileGuard#locked}). Syncs themselves run one at a time (the caller's
 * lock).
 */
final class Synchronizer {

  /** How many times a sync pushes when the remote keeps moving between its fetch and its push. */
  static final int PUSH_ATTEMPTS = 3;

  /** The lock of the workspace's files: {@code issues.jsonl}, the index, the branch. */
  interface FileGuard {
    /** Runs the work holding the lock. */
    <T> T locked(Supplier<T> work);
  }

  private final TrackerConfig config;
  private final JsonlExchange jsonl;
  private final GitSync git;
  private final Runnable beforePush;

  Synchronizer(TrackerConfig config, JsonlExchange jsonl, GitSync git, Runnable beforePush) {
    this.config = config;
    this.jsonl = jsonl;
    this.git = git;
    this.beforePush = beforePush;
  }

  SyncResult sync(Database database, FileGuard files) {
    long start = System.nanoTime();
    try {
      Local local = files.locked(() -> commitLocal(database));
      if (!config.gitEnabled()) {
        return new SyncResult(local.exported(), 0, false, false, false, 0, since(start));
      }
      boolean committed = local.committed();
      int exported = local.exported();
      boolean pulled = false;
      boolean pushed = false;
      int conflicts = 0;
      int imported = 0;
      if (git.hasRemote()) {
        for (int attempt = 1; ; attempt++) {
          git.fetch();
          Pulled step = files.locked(() -> bringIn(database));
          exported += step.local().exported();
          committed |= step.local().committed() || step.pull().committed();
          if (step.pull().changed()) {
            pulled = true;
            conflicts += step.pull().conflicts();
            imported += step.imported();
          }
          if (!config.gitPush()) {
            break;
          }
          beforePush.run();
          GitSync.Push push = git.push();
          if (push != GitSync.Push.REJECTED) {
            pushed = push == GitSync.Push.PUSHED;
            break;
          }
          if (attempt == PUSH_ATTEMPTS) {
            throw new SyncException(
                "Push to "
                    + config.gitRemote()
                    + " was rejected "
                    + PUSH_ATTEMPTS
                    + " times: the remote kept moving; sync again");
          }
        }
      }
      return new SyncResult(exported, imported, committed, pulled, pushed, conflicts, since(start));
    } catch (SyncException e) {
      throw e;
    } catch (TrackerException e) {
      throw new SyncException("Sync of " + config.workspace() + " failed: " + e.getMessage(), e);
    }
  }

  /** What the local part of a sync did: issues exported, whether a commit was made. */
  private record Local(int exported, boolean committed) {}

  /** What bringing in a fetch did. */
  private record Pulled(Local local, GitSync.Pull pull, int imported) {}

  /** Exports what changed and commits the file: a local change is committed before any merge. */
  private Local commitLocal(Database database) {
    ExportResult export = jsonl.export(database);
    int exported = export.changed() ? export.issues() : 0;
    if (!config.gitEnabled()) {
      return new Local(exported, false);
    }
    if (git.hasRemote()) {
      git.checkRemote(); // a remote that cannot be reached is refused before anything is committed
    }
    return new Local(exported, git.commitFile());
  }

  /**
   * Commits what changed while the fetch ran, then merges the fetched branch and imports the
   * result.
   */
  private Pulled bringIn(Database database) {
    Local local = commitLocal(database);
    GitSync.Pull pull = git.bringIn();
    int imported = pull.changed() ? jsonl.importIfChanged(database) : 0;
    return new Pulled(local, pull, imported);
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
