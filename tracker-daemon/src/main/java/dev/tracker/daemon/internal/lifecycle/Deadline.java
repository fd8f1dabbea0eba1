package dev.tracker.daemon.internal.lifecycle;

import java.time.Duration;

/** A point in time, measured on the monotonic clock, that the steps of a shutdown share. */
public final class Deadline {

  private final long end;

  private Deadline(long end) {
    this.end = end;
  }

  /** The deadline this long from now. */
  public static Deadline after(Duration duration) {
    return new Deadline(System.nanoTime() + duration.toNanos());
  }

  /** The earlier of this deadline and one this long from now. */
  public Deadline within(Duration duration) {
    long other = System.nanoTime() + duration.toNanos();
    return other - end < 0 ? new Deadline(other) : this;
  }

  /** Nanoseconds left; zero or negative once passed. */
  public long remainingNanos() {
    return end - System.nanoTime();
  }

  /** Milliseconds left, at least 1 while not passed (for APIs that read 0 as "forever"). */
  public long remainingMillisForWait() {
    long nanos = remainingNanos();
    return nanos <= 0 ? 0 : Math.max(1, nanos / 1_000_000);
  }

  public boolean passed() {
    return remainingNanos() <= 0;
  }
}
