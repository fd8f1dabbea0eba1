package dev.tracker.daemon.internal.lifecycle;

import java.time.Duration;
import java.util.function.LongSupplier;

/** A point in time, measured on the monotonic clock, that the steps of a shutdown share. */
public final class Deadline {

  private final long end;
  private final LongSupplier nanoTime;

  private Deadline(long end, LongSupplier nanoTime) {
    this.end = end;
    this.nanoTime = nanoTime;
  }

  /** The deadline this long from now. */
  public static Deadline after(Duration duration) {
    return after(duration, System::nanoTime);
  }

  /** The deadline this long from now on another clock of nanoseconds; tests set it. */
  static Deadline after(Duration duration, LongSupplier nanoTime) {
    return new Deadline(nanoTime.getAsLong() + duration.toNanos(), nanoTime);
  }

  /** The earlier of this deadline and one this long from now. */
  public Deadline within(Duration duration) {
    long other = nanoTime.getAsLong() + duration.toNanos();
    return other - end < 0 ? new Deadline(other, nanoTime) : this;
  }

  /** Nanoseconds left; zero or negative once passed. */
  public long remainingNanos() {
    return end - nanoTime.getAsLong();
  }

  /**
   * Milliseconds left, at least 1 while not passed, 0 once passed. For APIs that read 0 as
   * "forever" ({@code Thread.join}, {@code Object.wait}): take this once, and wait only if it is
   * positive; checking {@link #passed()} first leaves a moment in which it passes.
   */
  public long remainingMillisForWait() {
    long nanos = remainingNanos();
    return nanos <= 0 ? 0 : Math.max(1, nanos / 1_000_000);
  }

  public boolean passed() {
    return remainingNanos() <= 0;
  }
}
