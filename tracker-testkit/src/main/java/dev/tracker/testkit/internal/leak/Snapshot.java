package dev.tracker.testkit.internal.leak;

import dev.tracker.core.internal.Tracking;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/** What is open in the process at one moment: the baseline of a leak check. */
final class Snapshot {

  final Set<Long> threads = new HashSet<>();
  final Map<Integer, String> files;
  final OptionalLong fileCount;
  // open services and, for each, how many pool connections were in use
  final Map<Long, Integer> services = new HashMap<>();
  final Set<Long> connections = new HashSet<>();

  private Snapshot() {
    for (Thread thread : Threads.live()) {
      threads.add(thread.getId());
    }
    files = OpenFiles.listable() ? OpenFiles.targets() : Map.of();
    fileCount = OpenFiles.listable() ? OptionalLong.empty() : OpenFiles.count();
    for (Tracking.OpenService service : Tracking.openServices()) {
      services.put(
          service.id(), service.currentPool().map(Tracking.Pool::activeConnections).orElse(0));
    }
    for (Tracking.OpenConnection connection : Tracking.openConnections()) {
      connections.add(connection.id());
    }
  }

  static Snapshot take() {
    return new Snapshot();
  }
}
