package dev.tracker.daemon.internal.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;

/**
 * Splits what a connection reads into lines at {@code \n} (a {@code \r} before it is dropped). One
 * input buffer and one line buffer per connection; the line buffer grows to the longest line read,
 * at most {@link #MAX_LINE} bytes, and shrinks back after a long one, so a connection holds little
 * memory however many requests it carries. Not thread-safe: one connection, one thread.
 */
final class LineReader {

  /** The longest line, without its {@code \n}: 1 MiB. */
  static final int MAX_LINE = 1 << 20;

  private static final int INITIAL = 4096;
  private static final int KEPT = 64 * 1024;

  private final ByteBuffer input = ByteBuffer.allocate(8192).flip();
  private byte[] line = new byte[INITIAL];
  private boolean eof;

  /** Thrown for a line longer than {@link #MAX_LINE}. */
  static final class LineTooLongException extends IOException {
    private static final long serialVersionUID = 1L;

    LineTooLongException() {
      super("A line is longer than " + MAX_LINE + " bytes");
    }
  }

  /**
   * Reads the next line into {@link #line()}.
   *
   * @param onRead runs whenever bytes arrive (the connection notes that it is not idle)
   * @return the line's length, or -1 at the end of input; an unterminated last line counts as a
   *     line
   * @throws LineTooLongException after {@link #MAX_LINE} bytes without a {@code \n}
   */
  int readLine(ReadableByteChannel channel, Runnable onRead) throws IOException {
    if (line.length > KEPT) {
      line = new byte[INITIAL];
    }
    int length = 0;
    while (true) {
      byte[] bytes = input.array();
      int start = input.position();
      int end = input.limit();
      for (int i = start; i < end; i++) {
        if (bytes[i] == '\n') {
          length = append(bytes, start, i, length);
          input.position(i + 1);
          return length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        }
      }
      length = append(bytes, start, end, length);
      input.position(end);
      if (eof) {
        return length > 0 ? length : -1;
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
    return line;
  }

  private int append(byte[] bytes, int from, int to, int length) throws LineTooLongException {
    int count = to - from;
    if (length + count > MAX_LINE) {
      throw new LineTooLongException();
    }
    if (length + count > line.length) {
      line = Arrays.copyOf(line, Math.min(MAX_LINE, Math.max(line.length * 2, length + count)));
    }
    System.arraycopy(bytes, from, line, length, count);
    return length + count;
  }
}
