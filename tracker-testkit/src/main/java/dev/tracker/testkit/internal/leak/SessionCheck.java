package dev.tracker.testkit.internal.leak;

import dev.tracker.core.internal.Tracking;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The leak check of a whole run, for what no class's check could pin on its class: checked once, at
 * the end of the run.
 *
 * <p>When classes run in parallel, a class's check blames it only for what is provably its own (see
 * {@link Attribution}). What it sees new and pins on no class in use (a file outside every
 * workspace and {@code @TempDir}, a thread that carries no class's marker and no workspace's name,
 * a service or connection created outside any class's code) it tells this check, which remembers
 * the first class that saw each. At the end it reports each of those still open, and each thread
 * still alive that a checked class's code started after that class's own check; never what a
 * class's check already reported or allowed.
 *
 * <p>Descriptors without a path (a client's end of a socket, a pipe, a selector) are not reported
 * here: they belong to the client, selector or process that holds them, which is what the class
 * checks pin.
 */
public final class SessionCheck {

  private final Object lock = new Object();
  // guarded by lock: by key, what a class check saw and could pin on no class, the first sighting
  private final Map<String, Sighting> sightings = new LinkedHashMap<>();
  // guarded by lock: what a class check reported or allowed; never reported here
  private final Set<String> settled = new HashSet<>();
  // guarded by lock: counts looks, so that a look prunes only sightings older than itself
  private long looks;

  /** A session check with nothing seen yet. */
  public SessionCheck() {}

  private record Sighting(String what, String firstSeenBy, long look) {}

  /** A look by a class's check begins: what it lists afterwards is at least this recent. */
  long beginLook() {
    synchronized (lock) {
      return ++looks;
    }
  }

  /**
   * What a class's check saw in the look begun at {@code look}.
   *
   * @param present the key of everything it listed, pinned or not: a sighting older than the look
   *     and not among them has ended since
   * @param unpinned by key, a description of each thing it could pin on no class
   */
  void saw(String owner, long look, Set<String> present, Map<String, String> unpinned) {
    synchronized (lock) {
      sightings
          .entrySet()
          .removeIf(e -> e.getValue().look() < look && !present.contains(e.getKey()));
      unpinned.forEach(
          (key, what) -> {
            if (!settled.contains(key)) {
              sightings.putIfAbsent(key, new Sighting(what, owner, look));
            }
          });
    }
  }

  /** What a class's check reported (or was told to allow): not this check's to report again. */
  void settle(Collection<String> keys) {
    synchronized (lock) {
      settled.addAll(keys);
      keys.forEach(sightings::remove);
    }
  }

  /**
   * Looks at what is still open at the end of the run.
   *
   * @return each leak's description; empty when there is none
   */
  public List<String> verify() {
    Map<String, Sighting> seen;
    Set<String> done;
    synchronized (lock) {
      seen = new LinkedHashMap<>(sightings);
      done = new HashSet<>(settled);
    }
    List<String> leaks = new ArrayList<>();
    for (Thread thread : Threads.live()) {
      String key = Keys.thread(thread);
      if (thread == Thread.currentThread()
          || done.contains(key)
          || LeakSettings.allowedEverywhere(thread.getName())
          || Threads.junits(thread)) {
        continue;
      }
      Attribution creator = Attribution.of(thread.getContextClassLoader());
      Sighting sighting = seen.get(key);
      if (creator != null) {
        if (creator.session() == this && creator.checked()) {
          leaks.add(Culprits.describeStartedBy(thread, creator.owner()));
        }
      } else if (sighting != null) {
        leaks.add(Culprits.describeUnpinned(thread, sighting.firstSeenBy()));
      }
    }
    if (OpenFiles.listable()) {
      for (Map.Entry<Integer, String> open : OpenFiles.targets().entrySet()) {
        Sighting sighting = seen.get(Keys.file(open.getKey(), open.getValue()));
        if (sighting != null) {
          leaks.add(sighting.what() + ", first seen open by " + sighting.firstSeenBy());
        }
      }
    }
    for (Tracking.OpenService service : Tracking.openServices()) {
      Sighting sighting = seen.get(Keys.service(service));
      if (sighting != null) {
        leaks.add(sighting.what() + "; first seen open by " + sighting.firstSeenBy());
      }
    }
    for (Tracking.OpenConnection connection : Tracking.openConnections()) {
      Sighting sighting = seen.get(Keys.connection(connection));
      if (sighting != null) {
        leaks.add(sighting.what() + "; first seen open by " + sighting.firstSeenBy());
      }
    }
    return leaks;
  }

  /** The first line of the failure's message. */
  public static String heading(int leaks) {
    return "The leak check of the run found "
        + leaks
        + " leak(s) still open at its end that no class's leak check could blame on its class"
        + " (a class is blamed for what its code started and, when classes run in parallel, for"
        + " files in its own workspaces and @TempDirs only):";
  }

  /** How the checks name what they saw. */
  static final class Keys {
    private static final String DELETED = " (deleted)";

    private Keys() {}

    static String thread(Thread thread) {
      return "thread:" + thread.getId();
    }

    /**
     * A descriptor by its number and target; a file deleted while open (a {@code @TempDir} JUnit
     * removed after its class) keeps its key, though Linux then adds {@code " (deleted)"}.
     */
    static String file(int descriptor, String target) {
      String path =
          target.endsWith(DELETED)
              ? target.substring(0, target.length() - DELETED.length())
              : target;
      return "fd:" + descriptor + " " + path;
    }

    static String service(Tracking.OpenService service) {
      return "service:" + service.id();
    }

    static String connection(Tracking.OpenConnection connection) {
      return "connection:" + connection.id();
    }
  }
}
