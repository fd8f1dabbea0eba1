package dev.tracker.benchmarks.store;

import dev.tracker.benchmarks.Dataset;
import dev.tracker.benchmarks.RawSqlite;
import dev.tracker.benchmarks.Workspace;
import dev.tracker.core.ConflictException;
import dev.tracker.core.DependencyType;
import dev.tracker.core.TrackerService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * The cycle check over a chain of 5,000 {@code blocks} links ({@code chain-i} blocks on {@code
 * chain-(i-1)}): asking {@code chain-0} to block on {@code chain-4999} walks the whole chain and is
 * refused. Nothing is written, so every call does the same work. The floor is one recursive SQL
 * query on a plain sqlite-jdbc connection that answers whether {@code chain-0} is reachable.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CycleBenchmark {

  static final int LENGTH = 5_000;

  private static final String REACHES =
      "WITH RECURSIVE reached(id) AS (SELECT ?1 UNION SELECT d.depends_on_id FROM dependencies d"
          + " JOIN reached r ON d.issue_id = r.id WHERE d.type = 'blocks')"
          + " SELECT 1 FROM reached WHERE id = ?2";

  Workspace workspace;
  TrackerService tracker;
  Connection raw;
  PreparedStatement reaches;
  String first = Dataset.chainId(0);
  String last = Dataset.chainId(LENGTH - 1);

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    workspace = Workspace.create("chain");
    tracker = TrackerService.embedded(workspace.config());
    tracker.importJsonl(workspace.write("chain.jsonl", Dataset.chain(LENGTH)));
    raw = RawSqlite.open(tracker.config().databasePath());
    reaches = raw.prepareStatement(REACHES);
    if (!cycleRaw() || !cycle()) {
      throw new IllegalStateException("The chain does not close a cycle");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    raw.close();
    tracker.close();
    workspace.close();
  }

  /** Whether the product refuses the link that would close the cycle. */
  @Benchmark
  public boolean cycle() {
    try {
      tracker.addDependency(first, last, DependencyType.BLOCKS);
      return false;
    } catch (ConflictException refused) {
      return true;
    }
  }

  @Benchmark
  public boolean cycleRaw() throws SQLException {
    reaches.setString(1, last);
    reaches.setString(2, first);
    try (ResultSet result = reaches.executeQuery()) {
      return result.next();
    }
  }
}
