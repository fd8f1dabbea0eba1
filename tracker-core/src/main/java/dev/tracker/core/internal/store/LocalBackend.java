package dev.tracker.core.internal.store;

import dev.tracker.core.BlockedIssue;
import dev.tracker.core.Comment;
import dev.tracker.core.DependencyType;
import dev.tracker.core.Event;
import dev.tracker.core.ExportResult;
import dev.tracker.core.ImportResult;
import dev.tracker.core.Issue;
import dev.tracker.core.IssueFilter;
import dev.tracker.core.IssueUpdate;
import dev.tracker.core.NewIssue;
import dev.tracker.core.Stats;
import dev.tracker.core.StorageException;
import dev.tracker.core.SyncResult;
import dev.tracker.core.TrackerConfig;
import dev.tracker.core.internal.Backend;
import dev.tracker.core.internal.Tracking;
import dev.tracker.core.internal.jsonl.IssueLine;
import dev.tracker.core.internal.jsonl.JsonlCodec;
import dev.tracker.core.internal.sync.GitSync;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works on the workspace's SQLite database in this process. The engine ({@link Database}) is
 * created on the first call that needs it, exactly once, and reused; on creation it imports {@code
 * issues.jsonl} when the file changed since the last import or export. A failed creation is not
 * remembered: the next call tries again.
 *
 * <p>A database file deleted or replaced while open (see {@link Database}) fails the call that
 * finds it with a {@link StorageException} naming the file, and is never used again: the engine is
 * retired, the path opened afresh (a missing file is rebuilt from {@code issues.jsonl}), and the
 * issues the old file held, read one last time, are carried over by the rules of an import, so a
 * change that was acknowledged but not yet exported is not lost. Later calls use the new file.
 */
public final class LocalBackend implements Backend {

  private static final Logger LOG = LoggerFactory.getLogger(LocalBackend.class);

  static {
    // before the first statement this class renders, or starts rendering through its fields
    QuietJooq.apply();
  }

  private final TrackerConfig config;
  private final Function<TrackerConfig, Database> engineFactory;
  private final IssueCommands issues;
  private final LinkCommands links;
  private final JsonlExchange jsonl;
  private final GitSync git;
  private final Synchronizer synchronizer;
  // export, import and sync write the file and move the branch: one at a time
  private final ReentrantLock fileLock = new ReentrantLock();
  // one sync at a time, and the git repository used by one thread at a time (close included); a
  // sync holds fileLock only while it writes, never while it waits for the remote
  private final ReentrantLock syncLock = new ReentrantLock();
  private final Object engineLock = new Object();
  private volatile @Nullable Database database;

  /** A backend that opens the configured database on first use. */
  public LocalBackend(TrackerConfig config) {
    this(config, Database::open);
  }

  LocalBackend(TrackerConfig config, Function<TrackerConfig, Database> engineFactory) {
    this(config, engineFactory, () -> {});
  }

  /** For tests: {@code beforePush} runs in every sync just before it pushes. */
  LocalBackend(
      TrackerConfig config, Function<TrackerConfig, Database> engineFactory, Runnable beforePush) {
    this.config = config;
    this.engineFactory = engineFactory;
    this.issues =
        new IssueCommands(
            config.clock(),
            config.actor(),
            new IdGenerator(config.prefix(), new SecureRandom()),
            config.customStatuses());
    this.links = new LinkCommands(issues);
    JsonlCodec codec = new JsonlCodec();
    this.jsonl = new JsonlExchange(config, codec, issues::now);
    this.git = new GitSync(config, codec);
    this.synchronizer = new Synchronizer(config, jsonl, git, beforePush);
  }

  private Database database() {
    Database current = database;
    if (current != null) {
      return current;
    }
    synchronized (engineLock) {
      current = database;
      if (current == null) {
        current = openEngine();
        database = current;
      }
      return current;
    }
  }

  // under engineLock
  private Database openEngine() {
    TrackerDirectory.prepare(config);
    Database opened = engineFactory.apply(config);
    try {
      jsonl.importIfChanged(opened);
    } catch (RuntimeException e) {
      opened.close();
      throw e;
    }
    return opened;
  }

  private <T> T read(Function<DSLContext, T> query) {
    return onEngine(engine -> engine.read(query));
  }

  private <T> T write(Function<DSLContext, T> work) {
    return onEngine(engine -> engine.write(work));
  }

  /** Runs a call on the engine; one that finds its file deleted or replaced retires it. */
  private <T> T onEngine(Function<Database, T> call) {
    Database engine = database();
    try {
      return call.apply(engine);
    } catch (FileChangedException e) {
      throw replace(engine, e);
    }
  }

  /**
   * Retires an engine whose file lost its name and opens the path afresh, carrying over what the
   * old file held; returns the exception for the call that found it. Calls that meet the retired
   * engine while this runs fail too, and find the new one afterwards.
   */
  private StorageException replace(Database stale, FileChangedException change) {
    synchronized (engineLock) {
      if (database != stale) {
        return change; // replaced by another call already, or closed
      }
      database = null;
      Path file = stale.file();
      List<IssueLine> rescued;
      String rescue;
      try {
        rescued = stale.retire(IssueLoader::all);
        rescue = rescued.size() + " issues it held";
      } catch (RuntimeException e) {
        rescued = List.of();
        rescue = "none of its issues (they could not be read: " + e.getMessage() + ")";
      }
      try {
        Database fresh = openEngine();
        if (!rescued.isEmpty()) {
          jsonl.carryOver(fresh, file, rescued);
        }
        database = fresh;
      } catch (RuntimeException e) {
        LOG.error("{}; reopening it failed", change.getMessage(), e);
        return new StorageException(
            change.getMessage() + "; reopening it failed, the next call tries again: " + e, e);
      }
      String message =
          change.getMessage()
              + "; reopened "
              + file
              + " and carried over "
              + rescue
              + ": the next call uses the new file";
      LOG.warn("{}", message);
      return new StorageException(message, change);
    }
  }

  @Override
  public Issue create(NewIssue issue) {
    return write(dsl -> issues.create(dsl, issue));
  }

  @Override
  public Optional<Issue> find(String id) {
    return read(dsl -> IssueQueries.find(dsl, id));
  }

  @Override
  public List<Issue> list(IssueFilter filter) {
    return read(dsl -> IssueQueries.list(dsl, filter));
  }

  @Override
  public Issue update(String id, IssueUpdate update) {
    return write(dsl -> issues.update(dsl, id, update));
  }

  @Override
  public Issue close(String id, String reason) {
    return write(dsl -> issues.close(dsl, id, reason));
  }

  @Override
  public Issue reopen(String id) {
    return write(dsl -> issues.reopen(dsl, id));
  }

  @Override
  public Issue delete(String id, String reason) {
    return write(dsl -> issues.delete(dsl, id, reason));
  }

  @Override
  public List<Issue> ready(IssueFilter filter) {
    return read(dsl -> IssueQueries.ready(dsl, filter));
  }

  @Override
  public List<BlockedIssue> blocked() {
    return read(IssueQueries::blocked);
  }

  @Override
  public Issue addDependency(String issueId, String dependsOnId, DependencyType type) {
    return write(dsl -> links.addDependency(dsl, issueId, dependsOnId, type));
  }

  @Override
  public Issue removeDependency(String issueId, String dependsOnId, DependencyType type) {
    return write(dsl -> links.removeDependency(dsl, issueId, dependsOnId, type));
  }

  @Override
  public Issue addLabel(String issueId, String label) {
    return write(dsl -> links.addLabel(dsl, issueId, label));
  }

  @Override
  public Issue removeLabel(String issueId, String label) {
    return write(dsl -> links.removeLabel(dsl, issueId, label));
  }

  @Override
  public Comment addComment(String issueId, String text) {
    return write(dsl -> links.addComment(dsl, issueId, text));
  }

  @Override
  public List<Event> history(String issueId) {
    return read(dsl -> IssueQueries.history(dsl, issueId));
  }

  @Override
  public Stats stats() {
    return read(IssueQueries::stats);
  }

  @Override
  public ExportResult exportJsonl() {
    return withFile(() -> onEngine(jsonl::export));
  }

  @Override
  public ImportResult importJsonl(Path file) {
    return withFile(() -> onEngine(engine -> jsonl.importFile(engine, file)));
  }

  @Override
  public SyncResult sync() {
    syncLock.lock();
    try {
      return onEngine(engine -> synchronizer.sync(engine, this::withFile));
    } finally {
      syncLock.unlock();
    }
  }

  @Override
  public Optional<Tracking.Pool> pool() {
    return Optional.ofNullable(database);
  }

  private <T> T withFile(Supplier<T> work) {
    fileLock.lock();
    try {
      return work.get();
    } finally {
      fileLock.unlock();
    }
  }

  /** Closes the git repository, then the engine: the reverse of the order they are opened in. */
  @Override
  public void close() {
    // waits for a sync in flight: at most sync.timeout for each answer it still waits for
    syncLock.lock();
    try {
      git.close();
    } finally {
      syncLock.unlock();
    }
    synchronized (engineLock) {
      Database current = database;
      database = null;
      if (current != null) {
        current.close();
      }
    }
  }
}
