package dev.tracker.daemon;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One background run of a daemon (a sync, an export or an import) that has ended.
 *
 * @param number 1 for the daemon's first run of this kind, then counting up
 * @param finishedAt when it ended, on the daemon's clock
 * @param duration how long it took
 * @param result what it did, when it succeeded
 * @param failure why it failed, when it failed
 * @param <R> the result type: {@link dev.tracker.core.SyncResult}, {@link
 *     dev.tracker.core.ExportResult} or {@link dev.tracker.core.ImportResult}
 */
public record Run<R>(
    long number,
    Instant finishedAt,
    Duration duration,
    Optional<R> result,
    Optional<RuntimeException> failure) {

  /** Checks that exactly one of result and failure is present. */
  public Run {
    if (result.isPresent() == failure.isPresent()) {
      throw new IllegalArgumentException("a run has either a result or a failure");
    }
  }

  /** Whether the run succeeded. */
  public boolean succeeded() {
    return result.isPresent();
  }

  /** The failure's message, when it failed. */
  public Optional<String> error() {
    return failure.map(e -> String.valueOf(e.getMessage()));
  }
}
