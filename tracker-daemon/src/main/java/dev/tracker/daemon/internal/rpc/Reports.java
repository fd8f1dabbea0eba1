package dev.tracker.daemon.internal.rpc;

import dev.tracker.core.IssueFilter;
import dev.tracker.core.SyncResult;
import dev.tracker.core.TrackerConfig;
import dev.tracker.core.TrackerService;
import dev.tracker.core.internal.jsonl.Timestamps;
import dev.tracker.core.internal.protocol.Wire;
import dev.tracker.daemon.Run;
import dev.tracker.daemon.Runs;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * The results of {@code health} and {@code status}. Both answer when the database cannot be opened:
 * {@code health} with {@code healthy: false} and the {@code error}, {@code status} with {@code
 * issues: null} and the {@code error}.
 */
final class Reports {

  private static final IssueFilter ONE = IssueFilter.builder().limit(1).build();

  /**
   * How long a database that answered counts as answering. {@code health} is what clients poll and
   * what every new client connection asks first; one read of the database a second is enough to
   * tell, and keeps {@code health} at the cost of the protocol. A failure is never remembered: an
   * unhealthy database is asked again on every call.
   */
  static final long ANSWERED_FOR_NANOS = 1_000_000_000L;

  private final TrackerService service;
  private final DaemonInfo info;
  private final Runs<SyncResult> syncs;
  // waits for the daemon's first read (Background.awaitWarmUp), which health must not run beside
  private final Runnable firstRead;
  // the daemon's time (its scheduler's), in nanoseconds
  private final LongSupplier ticker;
  // the ticker's time of the last read that succeeded; only ever moves forward
  private final AtomicLong answeredAt;

  Reports(
      TrackerService service,
      DaemonInfo info,
      Runs<SyncResult> syncs,
      Runnable firstRead,
      LongSupplier ticker) {
    this.service = service;
    this.info = info;
    this.syncs = syncs;
    this.firstRead = firstRead;
    this.ticker = ticker;
    this.answeredAt = new AtomicLong(ticker.getAsLong() - ANSWERED_FOR_NANOS);
  }

  /** {@code healthy}, {@code version}, {@code pid}, {@code workspace}, {@code uptime_seconds}. */
  ObjectNode health() {
    Optional<String> problem = databaseProblem();
    ObjectNode health = Wire.JSON.createObjectNode();
    health.put("healthy", problem.isEmpty());
    health.put("version", info.version());
    health.put("pid", info.pid());
    health.put("workspace", info.workspace().toString());
    health.put("uptime_seconds", info.uptimeSeconds());
    problem.ifPresent(error -> health.put("error", error));
    return health;
  }

  /** Everything of {@code health} but {@code healthy}, and the sync settings and counts. */
  ObjectNode status() {
    TrackerConfig config = service.config();
    ObjectNode status = Wire.JSON.createObjectNode();
    status.put("running", info.running().getAsBoolean());
    status.put("pid", info.pid());
    status.put("workspace", info.workspace().toString());
    status.put("uptime_seconds", info.uptimeSeconds());
    status.put("version", info.version());
    status.put("sync_enabled", config.syncEnabled());
    long millis = config.syncInterval().toMillis();
    if (millis % 1000 == 0) {
      status.put("sync_interval", millis / 1000);
    } else {
      status.put("sync_interval", millis / 1000.0); // a sub-second interval (tests) stays visible
    }
    status.put("git_enabled", config.gitEnabled());
    Optional<Run<SyncResult>> last = syncs.last();
    if (last.isEmpty()) {
      status.putNull("last_sync");
    } else {
      ObjectNode sync = status.putObject("last_sync");
      sync.put("at", Timestamps.format(last.get().finishedAt()));
      sync.put("status", last.get().succeeded() ? "success" : "error");
      Optional<String> error = last.get().error();
      if (error.isPresent()) {
        sync.put("error", error.get());
      } else {
        sync.putNull("error");
      }
    }
    try {
      status.put("issues", service.stats().total());
    } catch (RuntimeException e) {
      status.putNull("issues");
      status.put("error", "The database is unavailable: " + e.getMessage());
    }
    status.put("connections", info.connections().getAsInt());
    return status;
  }

  private Optional<String> databaseProblem() {
    long now = ticker.getAsLong();
    if (now - answeredAt.get() < ANSWERED_FOR_NANOS) {
      return Optional.empty();
    }
    firstRead.run();
    try {
      service.list(ONE);
      answeredAt.accumulateAndGet(now, (last, next) -> next - last > 0 ? next : last);
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of("The database is unavailable: " + e.getMessage());
    }
  }
}
