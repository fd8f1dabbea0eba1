package dev.tracker.benchmarks.store;

import dev.tracker.benchmarks.RawSqlite;
import dev.tracker.core.Issue;
import dev.tracker.core.IssueUpdate;
import dev.tracker.core.NewIssue;
import dev.tracker.core.TrackerConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Writes on the 10K workspace, each a durable transaction of its own, beside a raw floor: the same
 * row change as one autocommitted prepared statement on a plain sqlite-jdbc connection to the same
 * file with the same pragmas. {@code synchronous} is the product's {@code database.synchronous}:
 * FULL (the default: the WAL is fsynced at every commit) or NORMAL (not synced at commit), which
 * shows what the writes cost apart from the disk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class WriteBenchmark {

  static final int BULK = 100;

  /** The product stores instants as fixed-width UTC text with nanoseconds. */
  static final DateTimeFormatter STORED =
      new DateTimeFormatterBuilder().appendInstant(9).toFormatter(Locale.ROOT);

  private static final String INSERT =
      "INSERT INTO issues (id, title, description, design, acceptance_criteria, notes, status,"
          + " priority, issue_type, assignee, owner, created_at, created_by, updated_at,"
          + " closed_at, close_reason, external_ref, deleted_at, deleted_by, delete_reason,"
          + " original_type, extra) VALUES (?, ?, '', '', '', '', 'open', 2, 'task', '', '', ?,"
          + " ?, ?, NULL, '', '', NULL, '', '', '', NULL)";
  private static final String RETITLE = "UPDATE issues SET title = ?, updated_at = ? WHERE id = ?";
  private static final String CLOSE =
      "UPDATE issues SET status = 'closed', closed_at = ?, close_reason = ?, updated_at = ?"
          + " WHERE id = ?";
  private static final String REOPEN =
      "UPDATE issues SET status = 'open', closed_at = NULL, close_reason = '', updated_at = ?"
          + " WHERE id = ?";

  @Param({"FULL", "NORMAL"})
  public String synchronous = "FULL";

  TenK tenK;
  Connection raw;
  PreparedStatement insert;
  PreparedStatement retitle;
  PreparedStatement close;
  PreparedStatement reopen;
  List<String> open;
  List<String> bulk;
  long counter;
  int next;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    TrackerConfig.Synchronous mode = TrackerConfig.Synchronous.valueOf(synchronous);
    tenK = TenK.open(mode);
    open = tenK.openIds(BULK * 2);
    bulk = open.subList(BULK, BULK * 2);
    raw = RawSqlite.open(tenK.database, mode == TrackerConfig.Synchronous.FULL);
    insert = raw.prepareStatement(INSERT);
    retitle = raw.prepareStatement(RETITLE);
    close = raw.prepareStatement(CLOSE);
    reopen = raw.prepareStatement(REOPEN);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    raw.close();
    tenK.close();
  }

  private String nextOpen() {
    String id = open.get(next % BULK);
    next++;
    return id;
  }

  private static String now() {
    return STORED.format(Instant.now());
  }

  // ---- create

  @Benchmark
  public Issue create() {
    return tenK.tracker.create(NewIssue.of("Benchmark issue " + counter++));
  }

  @Benchmark
  public int createRaw() throws SQLException {
    String now = now();
    insert.setString(1, "raw-" + counter++);
    insert.setString(2, "Benchmark issue " + counter);
    insert.setString(3, now);
    insert.setString(4, "bench");
    insert.setString(5, now);
    return insert.executeUpdate();
  }

  // ---- update

  @Benchmark
  public Issue update() {
    return tenK.tracker.update(
        nextOpen(), IssueUpdate.builder().title("Retitled " + counter++).build());
  }

  @Benchmark
  public int updateRaw() throws SQLException {
    retitle.setString(1, "Retitled " + counter++);
    retitle.setString(2, now());
    retitle.setString(3, nextOpen());
    return retitle.executeUpdate();
  }

  // ---- close: the issue is reopened before each call, outside the measurement

  /** An open issue to close; reopened before each invocation, outside the measurement. */
  @State(Scope.Thread)
  public static class Reopened {
    String id = "";

    @Setup(Level.Invocation)
    public void reopen(WriteBenchmark bench) {
      id = bench.nextOpen();
      bench.tenK.tracker.reopen(id);
    }
  }

  /** The same, reopened with raw SQL, for the floor. */
  @State(Scope.Thread)
  public static class RawReopened {
    String id = "";

    @Setup(Level.Invocation)
    public void reopen(WriteBenchmark bench) throws SQLException {
      id = bench.nextOpen();
      bench.reopen.setString(1, now());
      bench.reopen.setString(2, id);
      bench.reopen.executeUpdate();
    }
  }

  @Benchmark
  public Issue close(Reopened target) {
    return tenK.tracker.close(target.id, "done");
  }

  @Benchmark
  public int closeRaw(RawReopened target) throws SQLException {
    return closeRaw(target.id);
  }

  private int closeRaw(String id) throws SQLException {
    String now = now();
    close.setString(1, now);
    close.setString(2, "done");
    close.setString(3, now);
    close.setString(4, id);
    return close.executeUpdate();
  }

  // ---- bulk close of 100: one call per issue, as `tracker close a b c ...` does

  /** Reopens the 100 issues before each single shot. */
  @State(Scope.Thread)
  public static class Bulk {
    @Setup(Level.Iteration)
    public void reopen(WriteBenchmark bench) throws SQLException {
      for (String id : bench.bulk) {
        bench.tenK.tracker.reopen(id);
      }
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 3)
  @Measurement(iterations = 10)
  public int bulkClose100(Bulk reopened) {
    int closed = 0;
    for (String id : bulk) {
      tenK.tracker.close(id, "bulk");
      closed++;
    }
    return closed;
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 3)
  @Measurement(iterations = 10)
  public int bulkClose100Raw(Bulk reopened) throws SQLException {
    int closed = 0;
    for (String id : bulk) {
      closed += closeRaw(id);
    }
    return closed;
  }
}
