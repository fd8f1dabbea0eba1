package dev.tracker.core.internal.sync;

import dev.tracker.core.Issue;
import dev.tracker.core.SyncException;
import dev.tracker.core.TrackerConfig;
import dev.tracker.core.internal.config.ConfigValues;
import dev.tracker.core.internal.jsonl.IssueLine;
import dev.tracker.core.internal.jsonl.JsonlCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.BranchConfig;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.lib.UserConfig;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.jspecify.annotations.Nullable;

/**
 * Git for one workspace: commits {@code issues.jsonl}, pulls the remote's branch (fast-forward, or
 * a merge commit whose {@code issues.jsonl} is merged issue by issue by {@link IssueMerge}), and
 * pushes. The JGit repository is opened by the first call and closed by {@link #close()}.
 *
 * <p>Not thread-safe: the caller runs one sync at a time.
 */
public final class GitSync implements AutoCloseable {

  /** What a pull did. */
  public record Pull(boolean changed, boolean committed, int conflicts) {
    static final Pull NOTHING = new Pull(false, false, 0);
  }

  /** What a push did. */
  public enum Push {
    /** The remote took the commits. */
    PUSHED,
    /** The remote already had them. */
    UP_TO_DATE,
    /** The remote moved since the last fetch; fetch, merge and push again. */
    REJECTED
  }

  private final TrackerConfig config;
  private final JsonlCodec codec;
  private final RemoteAccess access;
  private @Nullable WorkTree workTree;

  public GitSync(TrackerConfig config, JsonlCodec codec) {
    this(config, codec, new HttpCredentials(config.workspace()));
  }

  /** With the given HTTP credentials: tests give them an environment of their own. */
  GitSync(TrackerConfig config, JsonlCodec codec, HttpCredentials http) {
    this.config = config;
    this.codec = codec;
    this.access =
        new RemoteAccess(
            config.gitRemote(),
            config.syncTimeout(),
            new SshAccess(config.gitSshDirectory(), config.workspace().toString()),
            http);
  }

  private WorkTree workTree() {
    WorkTree current = workTree;
    if (current == null) {
      try {
        FileRepositoryBuilder builder =
            new FileRepositoryBuilder().findGitDir(config.workspace().toFile());
        if (builder.getGitDir() == null) {
          throw new SyncException(
              "Git is enabled but " + config.workspace() + " is not in a git repository");
        }
        Repository repository = builder.setMustExist(true).build();
        try {
          current = new WorkTree(repository, config.exportPath());
        } catch (RuntimeException e) {
          repository.close();
          throw e;
        }
      } catch (IOException e) {
        throw new SyncException("Cannot open the git repository of " + config.workspace(), e);
      }
      workTree = current;
    }
    return current;
  }

  /** Whether the configured remote exists in the repository's configuration. */
  public boolean hasRemote() {
    return workTree()
        .repository()
        .getConfig()
        .getSubsections("remote")
        .contains(config.gitRemote());
  }

  /**
   * Refuses a remote whose transport this library cannot use, before anything is done.
   *
   * @throws SyncException naming the remote, its URL and the transports that work
   */
  public void checkRemote() {
    access.check(workTree().repository());
  }

  /**
   * Commits {@code issues.jsonl} as it is on disk, with {@code .tracker/.gitignore} and {@code
   * .tracker/config.yaml} while they are new or changed (so that every clone mints ids with the
   * workspace's prefix), and nothing else, when they differ from HEAD.
   *
   * @return whether a commit was made
   */
  public boolean commitFile() {
    WorkTree tree = workTree();
    try (ObjectInserter inserter = tree.repository().newObjectInserter();
        RevWalk walk = new RevWalk(tree.repository())) {
      String branch = tree.branch();
      ObjectId head = tree.head();
      RevCommit headCommit = head == null ? null : walk.parseCommit(head);
      Map<Path, ObjectId> changed = new LinkedHashMap<>();
      for (Path file : trackedFiles()) {
        ObjectId blob = inserter.insert(Constants.OBJ_BLOB, Files.readAllBytes(file));
        if (!blob.equals(tree.blobAt(headCommit, tree.pathOf(file)))) {
          changed.put(file, blob);
        }
      }
      if (changed.isEmpty()) {
        return false;
      }
      int issues =
          changedIssues(tree.contentAt(headCommit), Files.readAllBytes(config.exportPath()));
      String message =
          issues == 0 && !changed.containsKey(config.exportPath())
              ? "tracker: "
                  + changed.keySet().stream()
                      .map(file -> file.getFileName().toString())
                      .collect(Collectors.joining(", "))
                  + " changed"
              : "tracker: " + issues + (issues == 1 ? " issue" : " issues") + " changed";
      Map<String, ObjectId> blobs = new LinkedHashMap<>();
      changed.forEach((file, blob) -> blobs.put(tree.pathOf(file), blob));
      ObjectId treeId =
          tree.withFiles(headCommit == null ? null : headCommit.getTree(), blobs, inserter);
      ObjectId commit =
          tree.commit(
              treeId, head == null ? List.of() : List.of(head), author(), message, inserter);
      tree.moveBranch(branch, head, commit, "commit: " + message);
      tree.stage(changed);
      return true;
    } catch (IOException e) {
      throw new SyncException(
          "Cannot commit " + config.exportPath() + ": " + RemoteAccess.reasons(e), e);
    }
  }

  /**
   * The tracker's own files that belong in git: the issues, and the ignore file and the
   * configuration once they exist.
   */
  private List<Path> trackedFiles() {
    List<Path> files = new ArrayList<>(List.of(config.exportPath()));
    for (String name : List.of(".gitignore", "config.yaml")) {
      Path file = config.trackerDirectory().resolve(name);
      if (Files.isRegularFile(file) && file.startsWith(config.workspace())) {
        files.add(file);
      }
    }
    return files;
  }

  /**
   * Fetches the remote's branch and brings it in: a fast-forward when this branch has nothing of
   * its own, otherwise a merge commit whose {@code issues.jsonl} is merged issue by issue.
   *
   * @throws SyncException when the fetch fails, or other files conflict
   */
  public Pull pull() {
    fetch();
    return bringIn();
  }

  /**
   * Fetches the remote's branches, as {@code git fetch} does: the part of a pull that talks to the
   * remote, and the only one that may wait for it. It changes nothing but the remote-tracking refs,
   * so it needs no lock of the workspace's files.
   *
   * @throws SyncException when the remote cannot be reached, does not answer in time, or refuses
   */
  public void fetch() {
    Repository repository = workTree().repository();
    String remote = config.gitRemote();
    access.check(repository);
    try {
      access
          .configure(Git.wrap(repository).fetch())
          .setRemote(remote)
          .setRefSpecs(
              new RefSpec("+" + Constants.R_HEADS + "*:" + Constants.R_REMOTES + remote + "/*"))
          .call();
      access.succeeded();
    } catch (GitAPIException e) {
      throw access.failure(repository, "fetch from", e);
    }
  }

  /**
   * Brings in what the last {@link #fetch()} got, without talking to the remote: a fast-forward
   * when this branch has nothing of its own, otherwise a merge commit whose {@code issues.jsonl} is
   * merged issue by issue.
   *
   * @throws SyncException when other files conflict
   */
  public Pull bringIn() {
    WorkTree tree = workTree();
    try (RevWalk walk = new RevWalk(tree.repository());
        ObjectInserter inserter = tree.repository().newObjectInserter()) {
      String branch = tree.branch();
      String tracking = trackingRef(branch);
      ObjectId remote = tree.repository().resolve(tracking);
      if (remote == null) {
        return Pull.NOTHING;
      }
      RevCommit theirs = walk.parseCommit(remote);
      ObjectId head = tree.head();
      if (head == null) {
        tree.checkout(null, theirs.getTree());
        tree.moveBranch(branch, null, theirs, "sync: fast-forward to " + tracking);
        return new Pull(true, false, 0);
      }
      RevCommit ours = walk.parseCommit(head);
      if (walk.isMergedInto(theirs, ours)) {
        return Pull.NOTHING;
      }
      if (walk.isMergedInto(ours, theirs)) {
        tree.checkout(ours.getTree(), theirs.getTree());
        tree.moveBranch(branch, head, theirs, "sync: fast-forward to " + tracking);
        return new Pull(true, false, 0);
      }
      return merge(tree, walk, inserter, branch, ours, theirs, tracking);
    } catch (IOException e) {
      // nothing here talks to the remote: this is the local repository failing
      throw new SyncException(
          "Cannot bring in what was fetched from "
              + config.gitRemote()
              + ": "
              + RemoteAccess.reasons(e),
          e);
    }
  }

  private Pull merge(
      WorkTree tree,
      RevWalk walk,
      ObjectInserter inserter,
      String branch,
      RevCommit ours,
      RevCommit theirs,
      String tracking)
      throws IOException {
    RevCommit base = mergeBase(walk, ours, theirs);
    IssueMerge.Result merged =
        IssueMerge.merge(
            decodeLines(tree.contentAt(base)),
            decodeLines(tree.contentAt(ours)),
            decodeLines(tree.contentAt(theirs)));
    ObjectId blob = inserter.insert(Constants.OBJ_BLOB, codec.encodeFile(merged.lines()));
    // Both sides get the merged file, so git merges every other file and never this one.
    ResolveMerger merger = (ResolveMerger) MergeStrategy.RESOLVE.newMerger(tree.repository(), true);
    merger.setObjectInserter(inserter);
    merger.setBase(base == null ? inserter.insert(new TreeFormatter()) : base.getTree());
    if (!merger.merge(
        tree.withFile(ours.getTree(), blob, inserter),
        tree.withFile(theirs.getTree(), blob, inserter))) {
      throw new SyncException(
          "Changes from "
              + tracking
              + " conflict with local commits in "
              + merger.getUnmergedPaths()
              + "; merge them with git, then sync again");
    }
    ObjectId mergedTree = Objects.requireNonNull(merger.getResultTreeId());
    String message =
        "tracker: merge "
            + tracking
            + " ("
            + merged.conflicts()
            + (merged.conflicts() == 1 ? " issue" : " issues")
            + " changed on both sides)";
    ObjectId commit = tree.commit(mergedTree, List.of(ours, theirs), author(), message, inserter);
    tree.checkout(ours.getTree(), walk.parseTree(mergedTree));
    tree.moveBranch(branch, ours, commit, "sync: " + message);
    return new Pull(true, true, merged.conflicts());
  }

  /**
   * Pushes the branch to the remote's branch, unless the remote already has it.
   *
   * @throws SyncException when the remote cannot be reached or refuses for another reason
   */
  public Push push() {
    WorkTree tree = workTree();
    try (RevWalk walk = new RevWalk(tree.repository())) {
      String branch = tree.branch();
      ObjectId head = tree.head();
      ObjectId remote = tree.repository().resolve(trackingRef(branch));
      if (head == null
          || (remote != null
              && walk.isMergedInto(walk.parseCommit(head), walk.parseCommit(remote)))) {
        return Push.UP_TO_DATE;
      }
      access.check(tree.repository());
      Iterable<PushResult> results =
          access
              .configure(Git.wrap(tree.repository()).push())
              .setRemote(config.gitRemote())
              .setRefSpecs(new RefSpec(branch + ":" + upstream(branch)))
              .call();
      access.succeeded();
      Push outcome = Push.UP_TO_DATE;
      for (PushResult result : results) {
        for (RemoteRefUpdate update : result.getRemoteUpdates()) {
          switch (update.getStatus()) {
            case OK -> outcome = Push.PUSHED;
            case UP_TO_DATE -> {}
            case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> {
              return Push.REJECTED;
            }
            default ->
                throw new SyncException(
                    "Push to "
                        + config.gitRemote()
                        + " refused: "
                        + update.getStatus()
                        + (update.getMessage() == null ? "" : " (" + update.getMessage() + ")"));
          }
        }
      }
      return outcome;
    } catch (IOException | GitAPIException e) {
      throw access.failure(tree.repository(), "push to", e);
    }
  }

  /** The remote branch this branch follows: its configured upstream, else the same name. */
  private String upstream(String branch) {
    String merge =
        new BranchConfig(workTree().repository().getConfig(), Repository.shortenRefName(branch))
            .getMerge();
    return merge != null ? merge : branch;
  }

  private String trackingRef(String branch) {
    return Constants.R_REMOTES
        + config.gitRemote()
        + "/"
        + Repository.shortenRefName(upstream(branch));
  }

  private static @Nullable RevCommit mergeBase(RevWalk walk, RevCommit ours, RevCommit theirs)
      throws IOException {
    walk.reset();
    walk.setRevFilter(RevFilter.MERGE_BASE);
    walk.markStart(ours);
    walk.markStart(theirs);
    RevCommit base = walk.next();
    walk.reset();
    walk.setRevFilter(RevFilter.ALL);
    return base;
  }

  private List<Issue> decode(byte @Nullable [] content) {
    return content == null ? List.of() : codec.decode(config.exportPath(), content, Instant.EPOCH);
  }

  /** The issues of a file with their lines, so that the merged file keeps the lines' text. */
  private List<IssueLine> decodeLines(byte @Nullable [] content) {
    return content == null
        ? List.of()
        : codec.decodeLines(config.exportPath(), content, Instant.EPOCH);
  }

  private int changedIssues(byte @Nullable [] before, byte[] after) {
    Map<String, Issue> old = new HashMap<>();
    decode(before).forEach(issue -> old.put(issue.id(), issue));
    return (int) decode(after).stream().filter(issue -> !issue.equals(old.get(issue.id()))).count();
  }

  /** The configured author, else the repository's git identity, else a fixed default. */
  private PersonIdent author() {
    String configured = config.gitAuthor().orElse(null);
    if (configured != null) {
      // TrackerConfig checked the shape
      Matcher matcher = ConfigValues.AUTHOR.matcher(configured.strip());
      if (matcher.matches()) {
        return new PersonIdent(matcher.group(1), matcher.group(2));
      }
    }
    UserConfig user = workTree().repository().getConfig().get(UserConfig.KEY);
    if (user.isAuthorNameImplicit() || user.isAuthorEmailImplicit()) {
      return new PersonIdent("tracker", "tracker@localhost");
    }
    return new PersonIdent(user.getAuthorName(), user.getAuthorEmail());
  }

  /** Closes the repository if it was opened, and what reached the remote. Idempotent. */
  @Override
  public void close() {
    WorkTree current = workTree;
    workTree = null;
    try {
      access.close();
    } finally {
      if (current != null) {
        current.repository().close();
      }
    }
  }
}
