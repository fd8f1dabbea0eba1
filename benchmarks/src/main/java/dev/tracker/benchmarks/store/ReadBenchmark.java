package dev.tracker.benchmarks.store;

import dev.tracker.benchmarks.Dataset;
import dev.tracker.benchmarks.RawSqlite;
import dev.tracker.core.BlockedIssue;
import dev.tracker.core.Issue;
import dev.tracker.core.IssueFilter;
import dev.tracker.core.TrackerConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reads on the 10K workspace (10,000 issues, 20,000 dependencies): ready work, blocked issues and a
 * text search, each returning whole issues (labels, dependencies and comments included), beside a
 * raw floor: one hand-written SQL statement on a plain sqlite-jdbc connection that selects the same
 * issues with the same columns and the same nested collections (as JSON text, not decoded) in the
 * same order.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ReadBenchmark {

  /** An issue's own columns and its labels, dependencies and comments as JSON arrays. */
  static final String ISSUE_COLUMNS =
      "i.*,"
          + " (SELECT json_group_array(label) FROM"
          + "   (SELECT label FROM labels WHERE issue_id = i.id ORDER BY label)) AS labels,"
          + " (SELECT json_group_array(json_array(d.issue_id, d.depends_on_id, d.type,"
          + "   d.created_at, d.created_by, d.extra)) FROM dependencies d"
          + "   WHERE d.issue_id = i.id) AS dependencies,"
          + " (SELECT json_group_array(json_array(c.id, c.issue_id, c.author, c.text,"
          + "   c.created_at, c.extra)) FROM comments c WHERE c.issue_id = i.id) AS comments";

  static final String OPEN_BLOCKER =
      "SELECT d.depends_on_id FROM dependencies d JOIN issues b ON b.id = d.depends_on_id"
          + " WHERE d.issue_id = i.id AND d.type = 'blocks'"
          + " AND b.status NOT IN ('closed', 'tombstone') AND b.deleted_at IS NULL";

  static final String ORDER = " ORDER BY i.priority, i.created_at, i.id";

  static final String READY =
      "SELECT "
          + ISSUE_COLUMNS
          + " FROM issues i WHERE i.status = 'open' AND i.deleted_at IS NULL"
          + " AND NOT EXISTS ("
          + OPEN_BLOCKER
          + ")"
          + ORDER;

  static final String BLOCKED =
      "SELECT "
          + ISSUE_COLUMNS
          + ", (SELECT json_group_array(depends_on_id) FROM ("
          + OPEN_BLOCKER
          + ")) AS blockers"
          + " FROM issues i WHERE i.status NOT IN ('closed', 'tombstone') AND i.deleted_at IS NULL"
          + " AND EXISTS ("
          + OPEN_BLOCKER
          + ")"
          + ORDER;

  static final String SEARCH =
      "SELECT "
          + ISSUE_COLUMNS
          + " FROM issues i WHERE i.status <> 'tombstone' AND i.deleted_at IS NULL"
          + " AND (lower(i.title) LIKE ?1 OR lower(i.description) LIKE ?1 OR lower(i.id) LIKE ?1)"
          + ORDER;

  /** A first page of ready work, as a command line or a dashboard asks for it. */
  static final int PAGE = 10;

  static final IssueFilter PAGE_FILTER = IssueFilter.builder().limit(PAGE).build();

  static final IssueFilter SEARCH_FILTER = IssueFilter.builder().text(Dataset.SEARCH_TERM).build();

  TenK tenK;
  Connection raw;
  PreparedStatement ready;
  PreparedStatement readyPage;
  PreparedStatement blocked;
  PreparedStatement search;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    tenK = TenK.open(TrackerConfig.Synchronous.FULL);
    raw = RawSqlite.open(tenK.database);
    ready = raw.prepareStatement(READY);
    readyPage = raw.prepareStatement(READY + " LIMIT " + PAGE);
    blocked = raw.prepareStatement(BLOCKED);
    search = raw.prepareStatement(SEARCH);
    search.setString(1, "%" + Dataset.SEARCH_TERM + "%");
    // the floor must find what the product finds
    check("ready", tenK.tracker.ready().size(), RawSqlite.rows(ready).size());
    check("ready page", tenK.tracker.ready(PAGE_FILTER).size(), RawSqlite.rows(readyPage).size());
    check("blocked", tenK.tracker.blocked().size(), RawSqlite.rows(blocked).size());
    check("search", tenK.tracker.list(SEARCH_FILTER).size(), RawSqlite.rows(search).size());
  }

  private static void check(String what, int product, int floor) {
    System.out.printf("%s: %d issues (floor %d)%n", what, product, floor);
    if (product != floor) {
      throw new IllegalStateException(what + ": product " + product + ", floor " + floor);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    raw.close();
    tenK.close();
  }

  @Benchmark
  public List<Issue> ready() {
    return tenK.tracker.ready();
  }

  @Benchmark
  public List<String[]> readyRaw() throws SQLException {
    return RawSqlite.rows(ready);
  }

  @Benchmark
  public List<Issue> readyPage() {
    return tenK.tracker.ready(PAGE_FILTER);
  }

  @Benchmark
  public List<String[]> readyPageRaw() throws SQLException {
    return RawSqlite.rows(readyPage);
  }

  @Benchmark
  public List<BlockedIssue> blocked() {
    return tenK.tracker.blocked();
  }

  @Benchmark
  public List<String[]> blockedRaw() throws SQLException {
    return RawSqlite.rows(blocked);
  }

  @Benchmark
  public List<Issue> search() {
    return tenK.tracker.list(SEARCH_FILTER);
  }

  @Benchmark
  public List<String[]> searchRaw() throws SQLException {
    return RawSqlite.rows(search);
  }
}
