package dev.tracker.benchmarks.exchange;

import dev.tracker.benchmarks.Dataset;
import dev.tracker.benchmarks.RawSqlite;
import dev.tracker.benchmarks.Workspace;
import dev.tracker.core.ImportResult;
import dev.tracker.core.TrackerService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
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
 * The import of a beads-shaped file of 10,000 issues (20,000 dependencies, about 20,000 labels)
 * into an empty database whose engine is already open, beside the floor: the same file read and
 * parsed with Jackson's streaming parser and inserted with JDBC batches in one transaction on a
 * plain sqlite-jdbc connection with the same schema and pragmas. The product also validates every
 * field, normalises timestamps and records an {@code IMPORTED} event per issue. Then the same file
 * imported again onto those 10,000 issues, nothing changed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 5)
@Measurement(iterations = 15)
public class ImportBenchmark {

  static final int ISSUES = 10_000;

  Workspace source;
  Path file;

  @Setup(Level.Trial)
  public void setUp() {
    source = Workspace.create("import-source");
    file = source.write("beads.jsonl", Dataset.beads(ISSUES, 42));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    source.close();
  }

  /** A new workspace for each import, its engine open. */
  @State(Scope.Thread)
  public static class Empty {
    Workspace workspace;
    TrackerService tracker;

    @Setup(Level.Iteration)
    public void setUp() {
      workspace = Workspace.create("import");
      tracker = TrackerService.embedded(workspace.config());
      tracker.stats();
    }

    @TearDown(Level.Iteration)
    public void tearDown() {
      tracker.close();
      workspace.close();
    }
  }

  /** A new database with the product's schema for each raw import. */
  @State(Scope.Thread)
  public static class RawEmpty {
    Workspace workspace;
    Connection connection;

    @Setup(Level.Iteration)
    public void setUp() {
      workspace = Workspace.create("import-raw");
      connection = RawSqlite.open(workspace.root().resolve("raw.db"));
      RawSqlite.createSchema(connection);
    }

    @TearDown(Level.Iteration)
    public void tearDown() throws SQLException {
      connection.close();
      workspace.close();
    }
  }

  /** A workspace that already holds the file's issues. */
  @State(Scope.Benchmark)
  public static class Loaded {
    Workspace workspace;
    TrackerService tracker;

    @Setup(Level.Trial)
    public void setUp(ImportBenchmark bench) {
      workspace = Workspace.create("reimport");
      tracker = TrackerService.embedded(workspace.config());
      tracker.importJsonl(bench.file);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      tracker.close();
      workspace.close();
    }
  }

  @Benchmark
  public ImportResult importJsonl(Empty empty) {
    ImportResult result = empty.tracker.importJsonl(file);
    if (result.created() != ISSUES) {
      throw new IllegalStateException("Imported " + result);
    }
    return result;
  }

  @Benchmark
  public int importRaw(RawEmpty empty) throws IOException, SQLException {
    List<RawIssue> issues = RawJsonl.parse(Files.readAllBytes(file));
    RawJsonl.insert(empty.connection, issues);
    return issues.size();
  }

  @Benchmark
  public ImportResult reimportUnchanged(Loaded loaded) {
    ImportResult result = loaded.tracker.importJsonl(file);
    if (result.unchanged() != ISSUES) {
      throw new IllegalStateException("Reimported " + result);
    }
    return result;
  }
}
