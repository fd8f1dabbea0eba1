package dev.tracker.core.internal.sync;

import dev.tracker.core.SyncException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheCheckout;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.CheckoutConflictException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.jspecify.annotations.Nullable;

/**
 * The few git operations sync needs, on one repository and one tracked file, done on objects and
 * refs directly so that nothing but that file is ever staged, committed or written: a user's other
 * changes, staged or not, stay as they are.
 */
final class WorkTree {

  private final Repository repository;
  private final String path;

  WorkTree(Repository repository, Path file) {
    this.repository = repository;
    this.path = pathOf(file);
  }

  /** The path of a file of the work tree as git names it. */
  String pathOf(Path file) {
    Path workTree = repository.getWorkTree().toPath().toAbsolutePath().normalize();
    Path relative = workTree.relativize(file.toAbsolutePath().normalize());
    if (relative.startsWith("..")) {
      throw new SyncException(file + " is outside the git work tree " + workTree);
    }
    return relative.toString().replace(file.getFileSystem().getSeparator(), "/");
  }

  Repository repository() {
    return repository;
  }

  /** The path of the tracked file in the repository. */
  String path() {
    return path;
  }

  /**
   * The branch HEAD points to, as {@code refs/heads/<name>}.
   *
   * @throws SyncException when HEAD is detached
   */
  String branch() throws IOException {
    Ref head = repository.exactRef(Constants.HEAD);
    if (head == null || !head.isSymbolic()) {
      String at =
          head == null || head.getObjectId() == null ? "" : " at " + head.getObjectId().name();
      throw new SyncException(
          "HEAD is detached"
              + at
              + " in "
              + repository.getWorkTree()
              + "; check out a branch before syncing");
    }
    return head.getTarget().getName();
  }

  /** The commit HEAD points to, or {@code null} in a repository without commits. */
  @Nullable ObjectId head() throws IOException {
    return repository.resolve(Constants.HEAD + "^{commit}");
  }

  /** The content of the tracked file in a commit, or {@code null} if the commit lacks it. */
  byte @Nullable [] contentAt(@Nullable RevCommit commit) throws IOException {
    ObjectId blob = blobAt(commit);
    return blob == null ? null : repository.open(blob, Constants.OBJ_BLOB).getBytes();
  }

  @Nullable ObjectId blobAt(@Nullable RevCommit commit) throws IOException {
    return blobAt(commit, path);
  }

  @Nullable ObjectId blobAt(@Nullable RevCommit commit, String path) throws IOException {
    if (commit == null) {
      return null;
    }
    try (TreeWalk walk = TreeWalk.forPath(repository, path, commit.getTree())) {
      return walk == null ? null : walk.getObjectId(0);
    }
  }

  /** A tree like {@code tree} (or empty) but with the tracked file set to {@code blob}. */
  ObjectId withFile(@Nullable RevTree tree, ObjectId blob, ObjectInserter inserter)
      throws IOException {
    return withFiles(tree, Map.of(path, blob), inserter);
  }

  /** A tree like {@code tree} (or empty) but with each path set to its blob. */
  ObjectId withFiles(@Nullable RevTree tree, Map<String, ObjectId> blobs, ObjectInserter inserter)
      throws IOException {
    DirCache index = DirCache.newInCore();
    DirCacheBuilder builder = index.builder();
    if (tree != null) {
      try (ObjectReader reader = repository.newObjectReader()) {
        builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, tree);
      }
    }
    builder.finish();
    DirCacheEditor editor = index.editor();
    blobs.forEach(
        (path, blob) ->
            editor.add(
                new DirCacheEditor.PathEdit(path) {
                  @Override
                  public void apply(DirCacheEntry entry) {
                    entry.setFileMode(FileMode.REGULAR_FILE);
                    entry.setObjectId(blob);
                  }
                }));
    editor.finish();
    return index.writeTree(inserter);
  }

  ObjectId commit(
      ObjectId tree,
      List<ObjectId> parents,
      PersonIdent author,
      String message,
      ObjectInserter inserter)
      throws IOException {
    CommitBuilder commit = new CommitBuilder();
    commit.setTreeId(tree);
    commit.setParentIds(parents);
    commit.setAuthor(author);
    commit.setCommitter(author);
    commit.setMessage(message);
    ObjectId id = inserter.insert(commit);
    inserter.flush();
    return id;
  }

  /** Moves the branch from {@code expected} (null: unborn) to {@code commit}, or fails. */
  void moveBranch(String branch, @Nullable ObjectId expected, ObjectId commit, String why)
      throws IOException {
    RefUpdate update = repository.updateRef(branch);
    update.setNewObjectId(commit);
    update.setExpectedOldObjectId(expected == null ? ObjectId.zeroId() : expected);
    update.setRefLogMessage(why, false);
    RefUpdate.Result result = update.update();
    switch (result) {
      case NEW, FAST_FORWARD, FORCED -> {}
      default ->
          throw new SyncException(
              "Could not move " + branch + " to " + commit.name() + ": " + result);
    }
  }

  /**
   * Records files as they are on disk in the index, with the blobs just committed for them,
   * touching no other entry.
   */
  void stage(Map<Path, ObjectId> files) throws IOException {
    DirCache index = repository.lockDirCache();
    try {
      DirCacheEditor editor = index.editor();
      for (Map.Entry<Path, ObjectId> file : files.entrySet()) {
        long length = Files.size(file.getKey());
        Instant modified = Files.getLastModifiedTime(file.getKey()).toInstant();
        editor.add(
            new DirCacheEditor.PathEdit(pathOf(file.getKey())) {
              @Override
              public void apply(DirCacheEntry entry) {
                entry.setFileMode(FileMode.REGULAR_FILE);
                entry.setObjectId(file.getValue());
                entry.setLength(length);
                entry.setLastModified(modified);
              }
            });
      }
      editor.commit();
    } finally {
      index.unlock();
    }
  }

  /**
   * Brings the work tree and index from {@code from} to {@code to} like {@code git read-tree -m
   * -u}: files that differ between the trees are updated, local changes to other files stay.
   *
   * @throws SyncException naming the files, if a local change would be overwritten; then nothing
   *     was written
   */
  void checkout(@Nullable RevTree from, RevTree to) throws IOException {
    DirCache index = repository.lockDirCache();
    try {
      DirCacheCheckout checkout =
          from == null
              ? new DirCacheCheckout(repository, index, to)
              : new DirCacheCheckout(repository, from, index, to);
      checkout.setFailOnConflict(true);
      try {
        checkout.checkout();
      } catch (CheckoutConflictException e) {
        throw new SyncException(
            "Local changes would be overwritten by the merge; commit or stash them, then sync: "
                + checkout.getConflicts(),
            e);
      }
    } finally {
      index.unlock();
    }
  }
}
