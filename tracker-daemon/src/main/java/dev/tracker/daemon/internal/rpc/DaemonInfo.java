package dev.tracker.daemon.internal.rpc;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * What {@code health} and {@code status} say about the daemon itself.
 *
 * @param running whether the daemon is running (not starting, not stopping)
 * @param connections how many connections are open
 */
public record DaemonInfo(
    long pid,
    Path workspace,
    String version,
    Instant startedAt,
    Clock clock,
    BooleanSupplier running,
    IntSupplier connections) {

  /** Whole seconds since the daemon started. */
  public long uptimeSeconds() {
    return Math.max(0, Duration.between(startedAt, clock.instant()).toSeconds());
  }
}
