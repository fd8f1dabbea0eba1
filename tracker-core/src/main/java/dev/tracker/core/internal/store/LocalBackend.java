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
import dev.tracker.core.SyncResult;
import dev.tracker.core.TrackerConfig;
import dev.tracker.core.internal.Backend;
import dev.tracker.core.internal.Tracking;
import dev.tracker.core.internal.jsonl.JsonlCodec;
import dev.tracker.core.internal.sync.GitSync;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Works on the workspace's SQLite database in this process. The engine ({@link Database}) is
 * created on the first call that needs it, exactly once, and reused; on creation it imports {@code
 * issues.jsonl} when the file changed since the last import or export. A failed creation is not
 * remembered: the next call tries again.
 */
public final class LocalBackend implements Backend {

  private final TrackerConfig config;
  private final Function<TrackerConfig, Database> engineFactory;
  private final IssueCommands issues;
  private final LinkCommands links;
  private final JsonlExchange jsonl;
  private final GitSync git;
  private final Synchronizer synchronizer;
  // export, import and sync write the file and move the branch: one at a time
  private final ReentrantLock fileLock = new ReentrantLock();
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
            config.clock(), config.actor(), new IdGenerator(config.prefix(), new SecureRandom()));
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
        TrackerDirectory.prepare(config);
        current = engineFactory.apply(config);
        try {
          jsonl.importIfChanged(current);
        } catch (RuntimeException e) {
          current.close();
          throw e;
        }
        database = current;
      }
      return current;
    }
  }

  @Override
  public Issue create(NewIssue issue) {
    return database().write(dsl -> issues.create(dsl, issue));
  }

  @Override
  public Optional<Issue> find(String id) {
    return database().read(dsl -> IssueQueries.find(dsl, id));
  }

  @Override
  public List<Issue> list(IssueFilter filter) {
    return database().read(dsl -> IssueQueries.list(dsl, filter));
  }

  @Override
  public Issue update(String id, IssueUpdate update) {
    return database().write(dsl -> issues.update(dsl, id, update));
  }

  @Override
  public Issue close(String id, String reason) {
    return database().write(dsl -> issues.close(dsl, id, reason));
  }

  @Override
  public Issue reopen(String id) {
    return database().write(dsl -> issues.reopen(dsl, id));
  }

  @Override
  public Issue delete(String id, String reason) {
    return database().write(dsl -> issues.delete(dsl, id, reason));
  }

  @Override
  public List<Issue> ready(IssueFilter filter) {
    return database().read(dsl -> IssueQueries.ready(dsl, filter));
  }

  @Override
  public List<BlockedIssue> blocked() {
    return database().read(IssueQueries::blocked);
  }

  @Override
  public Issue addDependency(String issueId, String dependsOnId, DependencyType type) {
    return database().write(dsl -> links.addDependency(dsl, issueId, dependsOnId, type));
  }

  @Override
  public Issue removeDependency(String issueId, String dependsOnId, DependencyType type) {
    return database().write(dsl -> links.removeDependency(dsl, issueId, dependsOnId, type));
  }

  @Override
  public Issue addLabel(String issueId, String label) {
    return database().write(dsl -> links.addLabel(dsl, issueId, label));
  }

  @Override
  public Issue removeLabel(String issueId, String label) {
    return database().write(dsl -> links.removeLabel(dsl, issueId, label));
  }

  @Override
  public Comment addComment(String issueId, String text) {
    return database().write(dsl -> links.addComment(dsl, issueId, text));
  }

  @Override
  public List<Event> history(String issueId) {
    return database().read(dsl -> IssueQueries.history(dsl, issueId));
  }

  @Override
  public Stats stats() {
    return database().read(IssueQueries::stats);
  }

  @Override
  public ExportResult exportJsonl() {
    return withFile(() -> jsonl.export(database()));
  }

  @Override
  public ImportResult importJsonl(Path file) {
    return withFile(() -> jsonl.importFile(database(), file));
  }

  @Override
  public SyncResult sync() {
    return withFile(() -> synchronizer.sync(database()));
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
    withFile(
        () -> {
          git.close();
          return null;
        });
    synchronized (engineLock) {
      Database current = database;
      database = null;
      if (current != null) {
        current.close();
      }
    }
  }
}
