package dev.tracker.core.internal.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The protocol's framing, for the daemon reading requests and the client reading answers: a line is
 * the bytes up to {@code \n}, without it and without a {@code \r} just before it, at most a limit
 * long. Collects one line at a time from whatever buffers a connection reads. The array grows to
 * the longest line read and shrinks back after a long one, so a long-lived connection holds little
 * memory. Not thread-safe: one connection, one thread.
 */
public final class LineBuffer {

  /** The longest request line a daemon reads, without its {@code \n}: 1 MiB. */
  public static final int MAX_REQUEST = 1 << 20;

  /**
   * The longest answer line a client reads, without its {@code \n}: 256 MiB. Answers have no limit
   * in the protocol (a list of every issue is as long as the issues are); the client has one so
   * that a defect or a foreign peer makes a call fail with a message, not the JVM run out of
   * memory. 256 MiB is far above real lists (tens of thousands of issues with long descriptions)
   * and well below the 2 GiB a Java array can hold, and the tree parsed from a line takes several
   * times it.
   */
  public static final int MAX_ANSWER = 256 << 20;

  private static final int INITIAL = 4096;
  private static final int KEPT = 64 * 1024;

  private final int max;
  private byte[] line = new byte[INITIAL];
  private int length;
  private boolean complete;

  /** Thrown for a line longer than the buffer's limit. */
  public static final class LineTooLongException extends IOException {
    private static final long serialVersionUID = 1L;

    LineTooLongException(int max) {
      super("A line is longer than " + max + " bytes");
    }
  }

  /** A buffer for lines of at most {@code max} bytes. */
  public LineBuffer(int max) {
    this.max = max;
  }

  /** The longest line this buffer takes. */
  public int max() {
    return max;
  }

  /**
   * Takes bytes from {@code input} (position to limit) up to and including the next {@code \n}, or
   * all of them when there is none; starts a new line if the last one was complete.
   *
   * @return whether a line is complete: {@link #bytes()} up to {@link #length()}; the input's
   *     position is then just after the {@code \n}
   * @throws LineTooLongException once the line is longer than the limit
   */
  public boolean take(ByteBuffer input) throws LineTooLongException {
    if (complete) {
      complete = false;
      length = 0;
      if (line.length > KEPT) {
        line = new byte[INITIAL];
      }
    }
    int start = input.position();
    int end = input.limit();
    for (int i = start; i < end; i++) {
      if (input.get(i) == '\n') {
        append(input, start, i);
        input.position(i + 1);
        if (length > 0 && line[length - 1] == '\r') {
          length--;
        }
        complete = true;
        return true;
      }
    }
    append(input, start, end);
    input.position(end);
    return false;
  }

  /**
   * At the end of input: completes an unterminated line, which counts as a line.
   *
   * @return whether there was one
   */
  public boolean finish() {
    if (complete || length == 0) {
      return false;
    }
    complete = true;
    return true;
  }

  /** The bytes of the complete line, up to {@link #length()}; valid until the next take. */
  public byte[] bytes() {
    return line;
  }

  /** The length of the complete line. */
  public int length() {
    return length;
  }

  private void append(ByteBuffer input, int from, int to) throws LineTooLongException {
    int count = to - from;
    if (length + count > max) {
      throw new LineTooLongException(max);
    }
    if (length + count > line.length) {
      line = Arrays.copyOf(line, Math.min(max, Math.max(line.length * 2, length + count)));
    }
    input.get(from, line, length, count);
    length += count;
  }
}
