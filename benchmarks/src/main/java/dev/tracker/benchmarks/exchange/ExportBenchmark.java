package dev.tracker.benchmarks.exchange;

import dev.tracker.benchmarks.Dataset;
import dev.tracker.benchmarks.Facts;
import dev.tracker.benchmarks.RawSqlite;
import dev.tracker.benchmarks.Workspace;
import dev.tracker.core.ExportResult;
import dev.tracker.core.IssueUpdate;
import dev.tracker.core.TrackerService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * The export of 100,000 issues (200,000 dependencies) after one of them changed, beside the floor:
 * the same records, held in memory, written with Jackson's streaming generator to a temporary file
 * that is fsynced and renamed, as the product's export is. A second floor also reads the records
 * from the database with plain JDBC first. Then an export with nothing changed: it must write
 * nothing, which is checked through {@code /proc/self/io} and the file's inode and mtime.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 3)
@Measurement(iterations = 10)
public class ExportBenchmark {

  static final int ISSUES = 100_000;

  Workspace workspace;
  TrackerService tracker;
  Path database;
  Path floor;
  List<RawIssue> records;
  long changes;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    workspace = Workspace.create("export");
    tracker = TrackerService.embedded(workspace.config());
    tracker.importJsonl(workspace.write("beads.jsonl", Dataset.beads(ISSUES, 7)));
    tracker.exportJsonl();
    database = tracker.config().databasePath();
    floor = workspace.root().resolve("floor.jsonl");
    records = load(database);
    checkUnchangedExportWritesNothing();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    tracker.close();
    workspace.close();
  }

  /** Changes one issue before each export, outside the measurement, so that there is news. */
  @State(Scope.Thread)
  public static class OneChange {
    @Setup(Level.Iteration)
    public void change(ExportBenchmark bench) {
      bench.tracker.update(
          Dataset.id((int) (bench.changes % ISSUES)),
          IssueUpdate.builder().title("Changed " + bench.changes++).build());
    }
  }

  @Benchmark
  public ExportResult export(OneChange changed) {
    ExportResult result = tracker.exportJsonl();
    if (!result.changed()) {
      throw new IllegalStateException("Nothing exported after a change");
    }
    return result;
  }

  /**
   * Changes one issue and touches the file before each export, outside the measurement: the service
   * no longer trusts what it remembers of the file, and exports the whole of it, as the first
   * export after a start does.
   */
  @State(Scope.Thread)
  public static class OneChangeFileTouched {
    @Setup(Level.Iteration)
    public void change(ExportBenchmark bench) throws IOException {
      new OneChange().change(bench);
      Path file = bench.tracker.config().exportPath();
      Files.setLastModifiedTime(
          file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() - 1_000));
    }
  }

  @Benchmark
  public ExportResult exportWhole(OneChangeFileTouched changed) {
    ExportResult result = tracker.exportJsonl();
    if (!result.changed()) {
      throw new IllegalStateException("Nothing exported after a change");
    }
    return result;
  }

  @Benchmark
  public int exportRaw() {
    RawJsonl.write(records, floor);
    return records.size();
  }

  @Benchmark
  public int exportRawFromDatabase() throws SQLException {
    List<RawIssue> loaded = load(database);
    RawJsonl.write(loaded, floor);
    return loaded.size();
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Warmup(iterations = 3, time = 1)
  @Measurement(iterations = 5, time = 1)
  public ExportResult exportUnchanged() {
    ExportResult result = tracker.exportJsonl();
    if (result.changed()) {
      throw new IllegalStateException("An unchanged export wrote the file");
    }
    return result;
  }

  private void checkUnchangedExportWritesNothing() {
    Path file = tracker.config().exportPath();
    BasicFileAttributes before = attributes(file);
    long written = Facts.bytesWritten();
    ExportResult result = tracker.exportJsonl();
    long bytes = Facts.bytesWritten() - written;
    BasicFileAttributes after = attributes(file);
    boolean touched =
        !before.lastModifiedTime().equals(after.lastModifiedTime())
            || !String.valueOf(before.fileKey()).equals(String.valueOf(after.fileKey()));
    Facts.record("export.unchanged.bytesWritten", bytes);
    Facts.record("export.unchanged.fileTouched", touched || result.changed());
    Facts.record("export.fileBytes", after.size());
  }

  private static BasicFileAttributes attributes(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every issue with its labels and dependencies, read with plain JDBC, in id order. */
  static List<RawIssue> load(Path database) throws SQLException {
    try (Connection connection = RawSqlite.open(database)) {
      List<RawIssue> issues = new ArrayList<>();
      Map<String, RawIssue> byId = new HashMap<>();
      try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT id, title, description, status, priority, issue_type, assignee,"
                      + " created_at, created_by, updated_at, closed_at, close_reason FROM issues"
                      + " ORDER BY id");
          ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          RawIssue issue = new RawIssue();
          issue.id = rows.getString(1);
          issue.title = rows.getString(2);
          issue.description = rows.getString(3);
          issue.status = rows.getString(4);
          issue.priority = rows.getInt(5);
          issue.issueType = rows.getString(6);
          issue.assignee = rows.getString(7);
          issue.createdAt = micros(rows.getString(8));
          issue.createdBy = rows.getString(9);
          issue.updatedAt = micros(rows.getString(10));
          String closed = rows.getString(11);
          issue.closedAt = closed == null ? "" : micros(closed);
          issue.closeReason = rows.getString(12);
          issues.add(issue);
          byId.put(issue.id, issue);
        }
      }
      try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT issue_id, label FROM labels ORDER BY issue_id, label");
          ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          Objects.requireNonNull(byId.get(rows.getString(1))).labels.add(rows.getString(2));
        }
      }
      try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT issue_id, depends_on_id, type, created_at, created_by FROM dependencies"
                      + " ORDER BY issue_id, depends_on_id, type");
          ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          RawIssue.RawDependency link = new RawIssue.RawDependency();
          link.issueId = rows.getString(1);
          link.dependsOnId = rows.getString(2);
          link.type = rows.getString(3);
          link.createdAt = micros(rows.getString(4));
          link.createdBy = rows.getString(5);
          Objects.requireNonNull(byId.get(link.issueId)).dependencies.add(link);
        }
      }
      return issues;
    }
  }

  /** Stored instants have nine digits; the file has six unless the last three are not zero. */
  private static String micros(String stored) {
    return stored.endsWith("000Z") ? stored.substring(0, stored.length() - 4) + "Z" : stored;
  }
}
