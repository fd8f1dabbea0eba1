package dev.tracker.daemon.internal.server;

import dev.tracker.core.internal.protocol.LineBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * Reads the request lines of a connection: an 8 KiB input buffer and a {@link LineBuffer} of at
 * most {@link LineBuffer#MAX_REQUEST} bytes. Not thread-safe: one connection, one thread.
 */
final class LineReader {

  private final ByteBuffer input = ByteBuffer.allocate(8192).flip();
  private final LineBuffer line = new LineBuffer(LineBuffer.MAX_REQUEST);
  private boolean eof;

  /**
   * Reads the next line into {@link #line()}.
   *
   * @param onRead runs whenever bytes arrive (the connection notes that it is not idle)
   * @return the line's length, or -1 at the end of input; an unterminated last line counts as a
   *     line
   * @throws LineBuffer.LineTooLongException after {@link LineBuffer#MAX_REQUEST} bytes without a
   *     {@code \n}
   */
  int readLine(ReadableByteChannel channel, Runnable onRead) throws IOException {
    while (true) {
      if (line.take(input)) {
        return line.length();
      }
      if (eof) {
        return line.finish() ? line.length() : -1;
      }
      input.clear();
      int read = channel.read(input);
      input.flip();
      if (read < 0) {
        eof = true;
      } else if (read > 0) {
        onRead.run();
      }
    }
  }

  /** The bytes of the line {@link #readLine} returned, valid until the next call. */
  byte[] line() {
    return line.bytes();
  }
}
