package dev.tracker.daemon.internal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tracker.daemon.ManualScheduler;
import dev.tracker.daemon.internal.rpc.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The idle watchdog and a long request, on a real socket, with the watchdog's look made by the test
 * at the moment that matters: after the request was handled, while its answer is being written. The
 * connection reads the time of a {@link ManualScheduler}, which moves only when the test says.
 */
class ConnectionIdleTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Duration LONG = Duration.ofMinutes(10);

  @TempDir Path directory;

  @Test
  void a_connection_whose_long_request_just_ended_is_not_idle_while_its_answer_is_written()
      throws Exception {
    // an answer larger than the socket's buffers: its write waits until the client reads
    byte[] answer = new byte[4 << 20];
    Arrays.fill(answer, (byte) 'a');
    answer[answer.length - 1] = '\n';
    CountDownLatch handling = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ManualScheduler time = new ManualScheduler();
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(directory.resolve("s.sock")));
      try (SocketChannel client = SocketChannel.open(server.getLocalAddress())) {
        Connection connection =
            new Connection(
                server.accept(),
                "test-conn",
                (line, length) -> {
                  handling.countDown();
                  awaitQuietly(release);
                  return Reply.of(answer);
                },
                time::nanoTime,
                ended -> {});
        Thread thread = new Thread(connection, "test-conn");
        connection.servedBy(thread);
        thread.start();
        client.write(ByteBuffer.wrap("{}\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(handling.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        // the request was read long ago, as far as the watchdog can tell; it is being answered
        time.advance(LONG);
        assertThat(connection.closeIfIdleSince(time.nanoTime())).as("answering").isFalse();
        long handled = time.nanoTime();
        release.countDown();
        await("the answer being written")
            .atMost(WAIT)
            .until(() -> inFrame(thread, Connection.class.getName(), "write"));

        // a watchdog look, long after, for connections silent since before the request ended
        time.advance(LONG);
        assertThat(connection.closeIfIdleSince(handled - 1)).as("writing its answer").isFalse();

        assertThat(readLine(client)).as("the whole answer").hasSize(answer.length - 1);
        // the client's end: the connection reads it and ends
        client.shutdownOutput();
        thread.join(WAIT.toMillis());
        assertThat(thread.isAlive()).as("the connection's thread").isFalse();
      }
    }
  }

  private static boolean inFrame(Thread thread, String className, String method) {
    return Arrays.stream(thread.getStackTrace())
        .anyMatch(
            frame ->
                frame.getClassName().equals(className) && frame.getMethodName().equals(method));
  }

  private static byte[] readLine(SocketChannel client) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    while (true) {
      buffer.clear();
      if (client.read(buffer) < 0) {
        return line.toByteArray();
      }
      buffer.flip();
      while (buffer.hasRemaining()) {
        byte b = buffer.get();
        if (b == '\n') {
          return line.toByteArray();
        }
        line.write(b);
      }
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
