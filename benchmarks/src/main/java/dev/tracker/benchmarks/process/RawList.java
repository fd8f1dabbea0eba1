package dev.tracker.benchmarks.process;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The floor of {@code tracker list}: a JVM that connects to the daemon's socket, sends the request
 * line the launcher sends for {@code issue.list}, and copies the answer line to standard output,
 * undecoded. {@code java -cp benchmarks.jar dev.tracker.benchmarks.process.RawList <socket>}.
 */
public final class RawList {

  static final byte[] REQUEST =
      ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"issue.list\",\"params\":"
              + "{\"status\":[],\"issue_type\":[],\"labels\":[],\"limit\":0}}\n")
          .getBytes(StandardCharsets.UTF_8);

  private RawList() {}

  public static void main(String[] args) throws IOException {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(Path.of(args[0])));
      ByteBuffer request = ByteBuffer.wrap(REQUEST);
      while (request.hasRemaining()) {
        channel.write(request);
      }
      WritableByteChannel out = Channels.newChannel(new FileOutputStream(FileDescriptor.out));
      ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
      while (true) {
        int read = channel.read(buffer);
        if (read < 0) {
          break;
        }
        buffer.flip();
        boolean last = buffer.limit() > 0 && buffer.get(buffer.limit() - 1) == '\n';
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        buffer.clear();
        if (last) {
          break;
        }
      }
    }
  }
}
