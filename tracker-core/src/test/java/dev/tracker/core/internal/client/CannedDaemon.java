package dev.tracker.core.internal.client;

import dev.tracker.core.Version;
import dev.tracker.core.internal.protocol.RpcError;
import dev.tracker.core.internal.protocol.Wire;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real socket server that speaks the daemon's protocol from a table of canned replies, one per
 * method, for testing the client without the daemon. It records every request and counts
 * connections. A reply can also misbehave: stall, close half-way through its answer, answer with
 * the wrong id, or answer garbage.
 *
 * <p>One thread accepts, one thread per connection reads lines and answers them in order; all are
 * joined by {@link #close()}.
 */
public final class CannedDaemon implements AutoCloseable {

  /** What the server does with one request. */
  @FunctionalInterface
  public interface Reply {
    void answer(JsonNode request, Peer peer) throws IOException;
  }

  /** The server's end of one connection. */
  public static final class Peer {
    private final SocketChannel channel;

    Peer(SocketChannel channel) {
      this.channel = channel;
    }

    /** Writes raw text as it is; add the newline yourself. */
    public void write(String text) throws IOException {
      ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    }

    /** Writes one JSON object as a line. */
    public void send(JsonNode answer) throws IOException {
      write(Wire.JSON.writeValueAsString(answer) + "\n");
    }

    public void close() throws IOException {
      channel.close();
    }
  }

  private final Path socket;
  private final ServerSocketChannel server;
  private final Thread acceptor;
  private final Map<String, Reply> replies = new ConcurrentHashMap<>();
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private final List<SocketChannel> connections = new CopyOnWriteArrayList<>();
  private final List<Thread> handlers = new CopyOnWriteArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger maxOpen = new AtomicInteger();

  private CannedDaemon(Path socket) throws IOException {
    this.socket = socket;
    this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    reply("health", result(healthResult(Version.current(), true)));
    this.acceptor = new Thread(this::accept, "canned-daemon-accept");
    acceptor.start();
  }

  /** Starts a server on a new socket at this path. */
  public static CannedDaemon start(Path socket) {
    try {
      return new CannedDaemon(socket);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path socket() {
    return socket;
  }

  /** Replies to every later request for this method this way. */
  public CannedDaemon reply(String method, Reply reply) {
    replies.put(method, reply);
    return this;
  }

  /** Answers the health method with this version, healthy or not. */
  public CannedDaemon health(String version, boolean healthy) {
    return reply("health", result(healthResult(version, healthy)));
  }

  private static ObjectNode healthResult(String version, boolean healthy) {
    ObjectNode health = Wire.JSON.createObjectNode();
    health.put("healthy", healthy);
    health.put("version", version);
    health.put("pid", ProcessHandle.current().pid());
    health.put("workspace", "/canned");
    health.put("uptime_seconds", 1);
    return health;
  }

  // ---- replies

  public static Reply result(JsonNode result) {
    return (request, peer) -> peer.send(answer(request.get("id")).set("result", result));
  }

  public static Reply error(int code, String message, @Nullable JsonNode data) {
    return (request, peer) -> {
      ObjectNode error = Wire.JSON.createObjectNode().put("code", code).put("message", message);
      if (data != null) {
        error.set("data", data);
      }
      peer.send(answer(request.get("id")).set("error", error));
    };
  }

  /** Reads the request and never answers it. */
  public static Reply stall() {
    return (request, peer) -> {};
  }

  /** Writes the start of an answer, then closes the connection. */
  public static Reply closeMidAnswer() {
    return (request, peer) -> {
      peer.write("{\"jsonrpc\":\"2.0\",\"id\":" + request.get("id") + ",\"resu");
      peer.close();
    };
  }

  /** Answers with an id the request did not have. */
  public static Reply wrongId(JsonNode result) {
    return (request, peer) ->
        peer.send(
            answer(Wire.JSON.getNodeFactory().numberNode(request.get("id").longValue() + 1000))
                .set("result", result));
  }

  public static Reply garbage() {
    return (request, peer) -> peer.write("this is not JSON\n");
  }

  /**
   * Counts the request down on the latch and answers only when it reached zero (or after ten
   * seconds, for a test that is failing anyway): so many requests are in flight at once.
   */
  public static Reply whenAllArrived(CountDownLatch arrivals, JsonNode result) {
    return (request, peer) -> {
      arrivals.countDown();
      try {
        arrivals.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      result(result).answer(request, peer);
    };
  }

  private static ObjectNode answer(JsonNode id) {
    ObjectNode answer = Wire.JSON.createObjectNode().put("jsonrpc", "2.0");
    answer.set("id", id);
    return answer;
  }

  // ---- what the server saw

  /** Every request received, in order of arrival. */
  public List<JsonNode> requests() {
    return List.copyOf(requests);
  }

  /** The requests for one method, in order of arrival. */
  public List<JsonNode> requests(String method) {
    return requests.stream().filter(r -> method.equals(r.path("method").asString(""))).toList();
  }

  /** The last request for one method. */
  public JsonNode lastRequest(String method) {
    List<JsonNode> matching = requests(method);
    if (matching.isEmpty()) {
      throw new AssertionError("no " + method + " request arrived; requests: " + requests);
    }
    return matching.get(matching.size() - 1);
  }

  /** Connections accepted so far. */
  public int accepted() {
    return accepted.get();
  }

  /** Connections accepted and not yet closed by either side. */
  public int openConnections() {
    return open.get();
  }

  /** The most connections that were open at once. */
  public int maxOpenConnections() {
    return maxOpen.get();
  }

  /** Closes every connection from the server's side and waits for their threads. */
  public void dropConnections() {
    for (SocketChannel connection : connections) {
      closeQuietly(connection);
    }
    handlers.forEach(CannedDaemon::join);
  }

  private static void join(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while joining " + thread.getName(), e);
    }
  }

  // ---- threads

  private void accept() {
    while (server.isOpen()) {
      SocketChannel connection;
      try {
        connection = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      int number = accepted.incrementAndGet();
      maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
      connections.add(connection);
      Thread handler = new Thread(() -> serve(connection), "canned-daemon-conn-" + number);
      handlers.add(handler);
      handler.start();
    }
  }

  private void serve(SocketChannel connection) {
    Peer peer = new Peer(connection);
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(Channels.newInputStream(connection), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        JsonNode request = Wire.JSON.readTree(line);
        requests.add(request);
        String method = request.path("method").asString("");
        Reply reply =
            replies.getOrDefault(
                method, error(RpcError.METHOD_NOT_FOUND, "Unknown method: " + method, null));
        reply.answer(request, peer);
      }
    } catch (IOException e) {
      // the connection was closed by a reply, by dropConnections() or close(): done
    } finally {
      closeQuietly(connection);
      open.decrementAndGet();
    }
  }

  @Override
  public void close() {
    try {
      server.close();
      join(acceptor);
      dropConnections();
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // already unusable
    }
  }

  /** A copy of the requests list, for messages. */
  @Override
  public String toString() {
    return "CannedDaemon[" + socket + ", " + new ArrayList<>(requests) + "]";
  }
}
