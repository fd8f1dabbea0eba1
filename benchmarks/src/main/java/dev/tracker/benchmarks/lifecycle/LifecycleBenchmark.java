package dev.tracker.benchmarks.lifecycle;

import dev.tracker.benchmarks.RawSqlite;
import dev.tracker.benchmarks.Workspace;
import dev.tracker.core.Issue;
import dev.tracker.core.TrackerConfig;
import dev.tracker.core.TrackerService;
import dev.tracker.daemon.TrackerDaemon;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code @TrackerDaemonTest} does for a class, step by step through the public API, timed as a
 * whole (p50 and p99 from JMH's sampling): a new temporary workspace directory, the testkit's
 * configuration (no config file, no environment, no git, no periodic sync), {@code start()}, a
 * client connected to the daemon's socket and its first call ({@code list()}), the client closed,
 * the ordered {@code close()} that returns when every daemon thread has ended, the directory
 * deleted. The leak check and JUnit's own work are not in it (the soak times whole classes).
 *
 * <p>The floor does the least a daemon must: the directory, a SQLite file with the same schema and
 * pragmas, a Unix socket served by an acceptor thread and a connection thread that answers one line
 * with a count from the database, the client's round trip, then everything closed, joined and
 * deleted.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 4)
public class LifecycleBenchmark {

  @Benchmark
  public List<Issue> daemon() throws IOException {
    Path root = Files.createTempDirectory("tracker-Lifecycle-").toRealPath();
    try {
      TrackerConfig config =
          TrackerConfig.builder(root)
              .readConfigFile(false)
              .environment(Map.of())
              .gitEnabled(false)
              .syncEnabled(false)
              .syncInterval(Duration.ofSeconds(30))
              .build();
      TrackerDaemon daemon = new TrackerDaemon(config);
      try {
        daemon.start();
        try (TrackerService tracker = TrackerService.connect(root, daemon.socket())) {
          return tracker.list();
        }
      } finally {
        daemon.close();
      }
    } finally {
      Workspace.delete(root);
    }
  }

  @Benchmark
  public long floor() throws Exception {
    Path root = Files.createTempDirectory("tracker-Floor-").toRealPath();
    try {
      Path directory = Files.createDirectories(root.resolve(".tracker"));
      try (Connection database = RawSqlite.open(directory.resolve("tracker.db"));
          var server = java.nio.channels.ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
        RawSqlite.createSchema(database);
        Path socket = directory.resolve("daemon.sock");
        server.bind(UnixDomainSocketAddress.of(socket));
        long[] answer = new long[1];
        Thread acceptor =
            new Thread(
                () -> {
                  try (var channel = server.accept()) {
                    Thread connection =
                        new Thread(() -> answer[0] = serveOne(channel, database), "floor-conn");
                    connection.start();
                    connection.join();
                  } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                  }
                },
                "floor-accept");
        acceptor.start();
        try (var client =
            java.nio.channels.SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
          client.write(
              ByteBuffer.wrap("{\"method\":\"count\"}\n".getBytes(StandardCharsets.UTF_8)));
          ByteBuffer in = ByteBuffer.allocate(64);
          while (in.position() == 0 || in.get(in.position() - 1) != '\n') {
            if (client.read(in) < 0) {
              break;
            }
          }
        }
        acceptor.join();
        Files.delete(socket);
        return answer[0];
      }
    } finally {
      Workspace.delete(root);
    }
  }

  private static long serveOne(java.nio.channels.SocketChannel channel, Connection database) {
    try {
      ByteBuffer in = ByteBuffer.allocate(256);
      while (in.position() == 0 || in.get(in.position() - 1) != '\n') {
        if (channel.read(in) < 0) {
          return -1;
        }
      }
      long count;
      try (Statement statement = database.createStatement();
          ResultSet result = statement.executeQuery("SELECT count(*) FROM issues")) {
        result.next();
        count = result.getLong(1);
      }
      channel.write(ByteBuffer.wrap((count + "\n").getBytes(StandardCharsets.UTF_8)));
      return count;
    } catch (IOException | SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
