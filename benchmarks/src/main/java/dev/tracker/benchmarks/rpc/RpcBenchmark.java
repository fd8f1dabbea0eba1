package dev.tracker.benchmarks.rpc;

import dev.tracker.benchmarks.Workspace;
import dev.tracker.core.internal.client.DaemonClient;
import dev.tracker.core.internal.protocol.Method;
import dev.tracker.daemon.TrackerDaemon;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;

/**
 * The daemon's protocol in one JVM, against its floor: a {@code health} call through {@link
 * DaemonClient} (the client {@code TrackerService.connect} uses; one reused connection per client)
 * to a {@link TrackerDaemon} of this JVM, beside a raw echo of the same request line over a Unix
 * socket between two threads. Throughput with 1, 4 and 8 clients, each a thread with a client (and
 * a connection) of its own.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RpcBenchmark {

  /** The line the client sends for {@code health}, byte for byte but the id. */
  static final byte[] HEALTH_LINE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"health\"}\n".getBytes(StandardCharsets.UTF_8);

  Workspace workspace;
  TrackerDaemon daemon;
  EchoServer echo;

  @Setup(Level.Trial)
  public void setUp() {
    workspace = Workspace.create("rpc");
    daemon = new TrackerDaemon(workspace.config()).start();
    echo = new EchoServer(workspace.root().resolve("echo.sock"));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws InterruptedException, IOException {
    echo.close();
    daemon.close();
    workspace.close();
  }

  /** A client of the daemon per thread, connected (and its version handshake done) in setup. */
  @State(Scope.Thread)
  public static class Client {
    DaemonClient client;

    @Setup(Level.Trial)
    public void connect(RpcBenchmark bench) {
      client = new DaemonClient(bench.daemon.socket(), Duration.ofSeconds(30), 1);
      client.call(Method.HEALTH, null);
    }

    @TearDown(Level.Trial)
    public void close() {
      client.close();
    }
  }

  /** An echo connection per thread. */
  @State(Scope.Thread)
  public static class Echo {
    EchoServer.Client client;

    @Setup(Level.Trial)
    public void connect(RpcBenchmark bench) {
      client = bench.echo.connect();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      client.close();
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public JsonNode health(Client client) {
    return client.client.call(Method.HEALTH, null);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public int echo(Echo echo) throws IOException {
    return echo.client.roundTrip(HEALTH_LINE);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(1)
  public JsonNode healthThroughput1(Client client) {
    return client.client.call(Method.HEALTH, null);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(4)
  public JsonNode healthThroughput4(Client client) {
    return client.client.call(Method.HEALTH, null);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(8)
  public JsonNode healthThroughput8(Client client) {
    return client.client.call(Method.HEALTH, null);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(1)
  public int echoThroughput1(Echo echo) throws IOException {
    return echo.client.roundTrip(HEALTH_LINE);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(4)
  public int echoThroughput4(Echo echo) throws IOException {
    return echo.client.roundTrip(HEALTH_LINE);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(8)
  public int echoThroughput8(Echo echo) throws IOException {
    return echo.client.roundTrip(HEALTH_LINE);
  }
}
