package dev.tracker.core.internal.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.tracker.core.StorageException;
import dev.tracker.core.TrackerConfig;
import dev.tracker.core.TrackerException;
import dev.tracker.core.internal.Tracking;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The engine: one HikariCP pool and one jOOQ context over one SQLite file. Reads go through the
 * pool concurrently; writes go one at a time through {@link #write}, which takes an in-process lock
 * and opens the transaction with {@code BEGIN IMMEDIATE}, so a writer waits on the lock instead of
 * ever meeting {@code SQLITE_BUSY}.
 *
 * <p><b>The file must stay the one it opened.</b> SQLite keeps its file open by descriptor: if the
 * path is deleted or another file is moved over it, the connections go on reading and writing a
 * file that no longer has a name, and nothing they write is ever seen again. So the engine records
 * the file's identity (its {@code fileKey}: device and inode) at open and compares it with the path
 * before every read and write, and again after a write commits: a difference is a {@link
 * FileChangedException} and the write is not acknowledged. {@link LocalBackend} then retires the
 * engine and opens the path afresh.
 */
public final class Database implements AutoCloseable, Tracking.Pool {

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  /** How long a connection waits for another process's write lock before failing. */
  static final int BUSY_TIMEOUT_MILLIS = 10_000;

  private static final int MAX_CONNECTIONS = 4;
  private static final long WRITE_LOCK_TIMEOUT_SECONDS = 60;

  /**
   * How long closing waits for the pool's threads after HikariCP's own shutdown, which has waited
   * up to 10 s for each of its executors already: they end within milliseconds once it returns.
   */
  private static final Duration THREADS_TIMEOUT = Duration.ofSeconds(30);

  static {
    QuietJooq.apply();
  }

  private final Path file;
  private final HikariDataSource pool;
  private final PoolThreads threads;
  private final DSLContext dsl;
  private final ReentrantLock writeLock = new ReentrantLock(true);
  // the identity of the file opened (device and inode on Unix); null where the platform has none
  private final @Nullable Object fileKey;
  // set under the write lock by retire(): no call may use the engine afterwards
  private volatile boolean retired;

  private Database(
      Path file, HikariDataSource pool, PoolThreads threads, ExecuteListener... listeners) {
    this.file = file;
    this.pool = pool;
    this.threads = threads;
    this.fileKey = identity(file);
    this.dsl =
        DSL.using(
            new DefaultConfiguration()
                .set(pool)
                .set(SQLDialect.SQLITE)
                .set(new Settings().withRenderSchema(false).withExecuteLogging(false))
                .set(listeners));
  }

  /**
   * Opens the database file of the configuration, creating it and its directory if missing, and
   * brings its schema up to date.
   *
   * @throws StorageException if the file cannot be opened or migrated
   */
  public static Database open(TrackerConfig config) {
    return open(config, new ExecuteListener[0]);
  }

  /** Opens the database with listeners that see every statement: tests count queries with it. */
  static Database open(TrackerConfig config, ExecuteListener... listeners) {
    Path file = config.databasePath();
    Path directory = file.getParent();
    if (directory != null) {
      createDirectories(directory);
    }
    String name = poolName(config);
    PoolThreads threads = new PoolThreads(name);
    HikariDataSource pool = openPool(file, config, name, threads);
    Database database = new Database(file, pool, threads, listeners);
    try {
      database.useWriteAheadLog();
      Migrations.apply(database);
      return database;
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  private static void createDirectories(Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new StorageException("Cannot create the directory " + directory, e);
    }
  }

  /** {@code tracker-db[<workspace directory>]}: the pool's name and the start of its threads'. */
  private static String poolName(TrackerConfig config) {
    Path workspace = config.workspace();
    Path name = workspace.getFileName();
    return "tracker-db[" + (name == null ? workspace : name) + "]";
  }

  private static HikariDataSource openPool(
      Path file, TrackerConfig config, String name, PoolThreads threads) {
    SqliteNative.prepare();
    SQLiteConfig sqlite = new SQLiteConfig();
    sqlite.enforceForeignKeys(true);
    sqlite.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    sqlite.setSynchronous(
        config.synchronous() == TrackerConfig.Synchronous.FULL
            ? SQLiteConfig.SynchronousMode.FULL
            : SQLiteConfig.SynchronousMode.NORMAL);
    // Every transaction this class opens is a write: take the write lock at BEGIN, not later.
    sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource source = new SQLiteDataSource(sqlite);
    source.setUrl("jdbc:sqlite:" + file);

    HikariConfig hikari = new HikariConfig();
    hikari.setDataSource(source);
    hikari.setPoolName(name);
    // every thread of the pool (housekeeper, connection adder and closer) is ours to name and join
    hikari.setThreadFactory(threads);
    hikari.setMaximumPoolSize(MAX_CONNECTIONS);
    hikari.setMinimumIdle(1);
    hikari.setConnectionTimeout(TimeUnit.SECONDS.toMillis(30));
    try {
      return new HikariDataSource(hikari);
    } catch (RuntimeException e) {
      // a pool that failed to start has stopped its housekeeper, which may still be leaving
      joinQuietly(threads);
      throw new StorageException("Cannot open the database " + file + ": " + e.getMessage(), e);
    }
  }

  private static void joinQuietly(PoolThreads threads) {
    try {
      threads.join(THREADS_TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Puts the file in WAL mode unless it is already: the mode is stored in the file, so it is set
   * once, not by every new connection. Asking for it on a connection while another writes can fail
   * with {@code SQLITE_BUSY} at once, without the busy timeout, and a pool that opens connections
   * while others write must never see that.
   */
  private void useWriteAheadLog() {
    String mode = read(dsl -> String.valueOf(dsl.fetchValue("pragma journal_mode")));
    if (!mode.equalsIgnoreCase("wal")) {
      read(dsl -> dsl.fetchValue("pragma journal_mode = wal"));
    }
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  /**
   * Runs a read. Each statement sees a consistent snapshot; a read that needs several statements to
   * agree must use one statement (the queries here nest collections with {@code MULTISET}).
   *
   * @throws FileChangedException if the path no longer names the file this engine opened
   */
  public <T> T read(Function<DSLContext, T> query) {
    checkFile("read");
    try {
      return query.apply(dsl);
    } catch (DataAccessException e) {
      throw storageFailure("read", e);
    }
  }

  /**
   * Runs a write in one transaction, one writer at a time. A {@link TrackerException} thrown by the
   * work rolls the transaction back and reaches the caller unchanged.
   *
   * @throws FileChangedException if the path no longer names the file this engine opened, before
   *     the write (nothing was written) or after its commit (it went into the file that lost its
   *     name, and is not acknowledged)
   */
  public <T> T write(Function<DSLContext, T> work) {
    acquireWriteLock();
    try {
      checkFile("write");
      T result = dsl.transactionResult(transaction -> work.apply(transaction.dsl()));
      // deleted or replaced during the transaction: the commit went to the file that lost its name
      checkFile("acknowledge a write to");
      return result;
    } catch (DataAccessException e) {
      throw storageFailure("write", e);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * What happened to the file since it was opened: empty while the path names it, else {@code "was
   * deleted"} or {@code "was replaced by another file"}.
   */
  Optional<String> fileChange() {
    try {
      Object now = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
      return fileKey == null || fileKey.equals(now)
          ? Optional.empty()
          : Optional.of("was replaced by another file");
    } catch (NoSuchFileException e) {
      return Optional.of("was deleted");
    } catch (IOException e) {
      return Optional.empty(); // cannot tell; the statement will say if the file is unusable
    }
  }

  private void checkFile(String what) {
    if (retired) {
      throw new FileChangedException(file, "was deleted or replaced", what);
    }
    Optional<String> change = fileChange();
    if (change.isPresent()) {
      throw new FileChangedException(file, change.get(), what);
    }
  }

  /**
   * Stops the engine for good: waits for a write in progress, runs a last read of the file (that
   * has lost its name), empties its write-ahead log and closes the pool. Every later call fails
   * with {@link FileChangedException}.
   *
   * <p>The log must be emptied: SQLite does not delete the {@code -wal} of a file that lost its
   * name when its last connection closes, and the file next opened at the path would read the old
   * file's pages from it (a database moved over the path showed the old one's rows). A checkpoint
   * with {@code TRUNCATE} writes them into the old file and leaves the log empty.
   *
   * <p>Both are best effort: they run on whatever connection the pool gives, and one the pool
   * opened after the file lost its name has another file, or none.
   *
   * @return what the last read returned
   */
  <T> T retire(Function<DSLContext, T> lastRead) {
    acquireWriteLock();
    try {
      retired = true;
      try {
        return lastRead.apply(dsl);
      } catch (DataAccessException e) {
        throw storageFailure("read", e);
      } finally {
        emptyLog();
        closePool();
      }
    } finally {
      writeLock.unlock();
    }
  }

  private void emptyLog() {
    try {
      dsl.fetch("pragma wal_checkpoint(TRUNCATE)");
    } catch (DataAccessException e) {
      LOG.warn("Cannot empty the write-ahead log of {}: {}", file, e.getMessage());
    }
  }

  private static @Nullable Object identity(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      return null; // opened but not there (an in-memory database): nothing to compare
    }
  }

  private void acquireWriteLock() {
    try {
      if (!writeLock.tryLock(WRITE_LOCK_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new StorageException(
            "Timed out after " + WRITE_LOCK_TIMEOUT_SECONDS + "s waiting to write " + file);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("Interrupted while waiting to write " + file, e);
    }
  }

  private StorageException storageFailure(String what, DataAccessException e) {
    return new StorageException("Cannot " + what + " the database " + file + ": " + reason(e), e);
  }

  /**
   * The database's own words: the message of the innermost {@link SQLException}, which jOOQ wraps
   * in messages of its own ("Error while running ConnectionCallable", or the statement's SQL).
   */
  static String reason(Throwable failure) {
    String reason = String.valueOf(failure.getMessage());
    Throwable cause = failure;
    for (int depth = 0; cause != null && depth < 16; depth++, cause = cause.getCause()) {
      if (cause instanceof SQLException && cause.getMessage() != null) {
        reason = cause.getMessage();
      }
    }
    return reason;
  }

  @Override
  public String name() {
    return String.valueOf(pool.getPoolName());
  }

  @Override
  public int totalConnections() {
    HikariPoolMXBean state = pool.getHikariPoolMXBean();
    return state == null || pool.isClosed() ? 0 : state.getTotalConnections();
  }

  @Override
  public int activeConnections() {
    HikariPoolMXBean state = pool.getHikariPoolMXBean();
    return state == null || pool.isClosed() ? 0 : state.getActiveConnections();
  }

  @Override
  public DataSource dataSource() {
    return pool;
  }

  /** Whether {@link #close()} has run. */
  public boolean isClosed() {
    return pool.isClosed();
  }

  /**
   * Closes the pool and waits for its connections and every thread it started to end. Idempotent.
   *
   * @throws StorageException if threads of the pool are still alive 30 s after its shutdown; the
   *     message names each with its stack
   */
  @Override
  public void close() {
    closePool();
  }

  private void closePool() {
    pool.close();
    List<Thread> alive;
    try {
      alive = threads.join(THREADS_TIMEOUT);
    } catch (InterruptedException e) {
      // stop waiting, as asked; the threads end by themselves a moment later
      Thread.currentThread().interrupt();
      return;
    }
    if (!alive.isEmpty()) {
      throw new StorageException(
          "The database pool of "
              + file
              + " was closed, but "
              + alive.size()
              + " of its threads are still alive after "
              + THREADS_TIMEOUT
              + describe(alive));
    }
  }

  private static String describe(List<Thread> threads) {
    StringBuilder text = new StringBuilder(":");
    for (Thread thread : threads) {
      text.append("\n").append(thread.getName()).append(" (").append(thread.getState()).append(')');
      for (StackTraceElement frame : thread.getStackTrace()) {
        text.append("\n\tat ").append(frame);
      }
    }
    return text.toString();
  }
}
