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
import java.nio.file.Path;
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
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The engine: one HikariCP pool and one jOOQ context over one SQLite file. Reads go through the
 * pool concurrently; writes go one at a time through {@link #write}, which takes an in-process lock
 * and opens the transaction with {@code BEGIN IMMEDIATE}, so a writer waits on the lock instead of
 * ever meeting {@code SQLITE_BUSY}.
 */
public final class Database implements AutoCloseable, Tracking.Pool {

  /** How long a connection waits for another process's write lock before failing. */
  static final int BUSY_TIMEOUT_MILLIS = 10_000;

  private static final int MAX_CONNECTIONS = 4;
  private static final long WRITE_LOCK_TIMEOUT_SECONDS = 60;

  static {
    // jOOQ prints a banner and tips through the host's logger on first use; a library must not.
    if (System.getProperty("org.jooq.no-logo") == null) {
      System.setProperty("org.jooq.no-logo", "true");
    }
    if (System.getProperty("org.jooq.no-tips") == null) {
      System.setProperty("org.jooq.no-tips", "true");
    }
  }

  private final Path file;
  private final HikariDataSource pool;
  private final DSLContext dsl;
  private final ReentrantLock writeLock = new ReentrantLock(true);

  private Database(Path file, HikariDataSource pool, ExecuteListener... listeners) {
    this.file = file;
    this.pool = pool;
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
    HikariDataSource pool = openPool(file, config);
    Database database = new Database(file, pool, listeners);
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

  private static HikariDataSource openPool(Path file, TrackerConfig config) {
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
    // Hikari names its housekeeper and helper threads after the pool: this says who owns them.
    hikari.setPoolName("tracker-db[" + config.workspace().getFileName() + "]");
    hikari.setMaximumPoolSize(MAX_CONNECTIONS);
    hikari.setMinimumIdle(1);
    hikari.setConnectionTimeout(TimeUnit.SECONDS.toMillis(30));
    try {
      return new HikariDataSource(hikari);
    } catch (RuntimeException e) {
      throw new StorageException("Cannot open the database " + file + ": " + e.getMessage(), e);
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
   */
  public <T> T read(Function<DSLContext, T> query) {
    try {
      return query.apply(dsl);
    } catch (DataAccessException e) {
      throw storageFailure("read", e);
    }
  }

  /**
   * Runs a write in one transaction, one writer at a time. A {@link TrackerException} thrown by the
   * work rolls the transaction back and reaches the caller unchanged.
   */
  public <T> T write(Function<DSLContext, T> work) {
    acquireWriteLock();
    try {
      return dsl.transactionResult(transaction -> work.apply(transaction.dsl()));
    } catch (DataAccessException e) {
      throw storageFailure("write", e);
    } finally {
      writeLock.unlock();
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
    return new StorageException(
        "Cannot " + what + " the database " + file + ": " + e.getMessage(), e);
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

  /** Closes the pool and waits for its threads and connections to end. Idempotent. */
  @Override
  public void close() {
    pool.close();
  }
}
