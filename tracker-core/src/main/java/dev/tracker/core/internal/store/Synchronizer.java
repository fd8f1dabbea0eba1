package dev.tracker.core.internal.store;

import dev.tracker.core.ExportResult;
import dev.tracker.core.SyncException;
import dev.tracker.core.SyncResult;
import dev.tracker.core.TrackerConfig;
import dev.tracker.core.TrackerException;
import dev.tracker.core.internal.sync.GitSync;
import java.time.Duration;

/**
 * One sync, in the order that cannot lose an update: export (which first imports a file changed
 * underneath), commit the file, then with a remote fetch and merge the remote's version issue by
 * issue, import the result, push; a push rejected because the remote moved is fetched, merged and
 * pushed once more. Local changes are always committed before anything is pulled, so a merge works
 * on committed versions and never on a file that was overwritten.
 */
final class Synchronizer {

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

  SyncResult sync(Database database) {
    long start = System.nanoTime();
    try {
      ExportResult export = jsonl.export(database);
      int exported = export.changed() ? export.issues() : 0;
      if (!config.gitEnabled()) {
        return new SyncResult(exported, 0, false, false, false, 0, since(start));
      }
      boolean committed = git.commitFile();
      boolean pulled = false;
      boolean pushed = false;
      int conflicts = 0;
      int imported = 0;
      if (git.hasRemote()) {
        for (int attempt = 1; ; attempt++) {
          GitSync.Pull pull = git.pull();
          if (pull.changed()) {
            pulled = true;
            committed |= pull.committed();
            conflicts += pull.conflicts();
            imported += jsonl.importIfChanged(database);
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
          if (attempt == 2) {
            throw new SyncException(
                "Push to "
                    + config.gitRemote()
                    + " was rejected twice: the remote kept moving; sync again");
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

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
