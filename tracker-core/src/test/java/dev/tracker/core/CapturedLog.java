package dev.tracker.core;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * What the tests' SLF4J binding, slf4j-simple, logs while this is open. slf4j-simple writes each
 * message to the {@code System.err} of the moment (unless told to cache it, which the tests' {@code
 * simplelogger.properties} does not), so this puts a stream in its place that keeps a copy and
 * passes everything on, and puts the old one back on {@link #close()}. Core's tests run one at a
 * time; a message another thread logs meanwhile is kept too, which only adds lines.
 *
 * <pre>{@code
 * try (CapturedLog log = CapturedLog.start()) {
 *   tracker.importJsonl(file);
 *   assertThat(log.lines()).anyMatch(line -> line.contains("WARN"));
 * }
 * }</pre>
 */
public final class CapturedLog implements AutoCloseable {

  private final PrintStream original;
  private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

  private CapturedLog(PrintStream original) {
    this.original = original;
  }

  /** Starts capturing. */
  public static CapturedLog start() {
    CapturedLog log = new CapturedLog(System.err);
    OutputStream both =
        new OutputStream() {
          @Override
          public void write(int b) {
            log.copy.write(b);
            log.original.write(b);
          }

          @Override
          public void write(byte[] bytes, int offset, int length) {
            log.copy.write(bytes, offset, length);
            log.original.write(bytes, offset, length);
          }
        };
    System.setErr(new PrintStream(both, true, UTF_8));
    return log;
  }

  /** The lines logged so far. */
  public List<String> lines() {
    return copy.toString(UTF_8).lines().toList();
  }

  /** Puts the previous {@code System.err} back. */
  @Override
  public void close() {
    System.setErr(original);
  }
}
