package dev.tracker.core.internal.protocol;

import dev.tracker.core.internal.jsonl.Timestamps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a workspace's daemon keeps its files in {@code .tracker/}, and the content of its {@code
 * daemon.lock}, through which clients find the socket.
 */
public final class DaemonFiles {

  /**
   * What clients read: a {@link Lock} as JSON, written by the running daemon (atomically, by a
   * rename) and deleted when it stops. Not itself locked: any process may read it any time.
   */
  public static final String LOCK = "daemon.lock";

  /**
   * Held with an OS file lock by the running daemon; holds its pid, for people. Nothing may open
   * this file while a daemon runs, not even to read it, but the daemon itself: on Linux the JDK
   * locks with POSIX {@code fcntl} locks, and a process that closes any descriptor of a file loses
   * every lock it holds on it; a daemon embedded in a JVM would silently lose its lock to a read in
   * that JVM. Read {@link #LOCK} instead. The file stays after the daemon stops, empty.
   */
  public static final String PID = "daemon.pid";

  /** The socket, unless its path is too long for the platform (see {@link Lock#socket()}). */
  public static final String SOCKET = "daemon.sock";

  /** The daemon's log. */
  public static final String LOG = "daemon.log";

  private DaemonFiles() {}

  /**
   * What a running daemon writes into {@link #LOCK}.
   *
   * @param pid the daemon's process id
   * @param socket where its socket is
   * @param version the tracker version it runs
   * @param startedAt when it started
   */
  public record Lock(long pid, Path socket, String version, Instant startedAt) {

    public byte[] toJson() {
      ObjectNode node = Wire.JSON.createObjectNode();
      node.put("pid", pid);
      node.put("socket", socket.toString());
      node.put("version", version);
      node.put("started_at", Timestamps.format(startedAt));
      return (Wire.JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Reads a lock file's content; empty when it is not a complete lock. */
    public static Optional<Lock> fromJson(byte[] content) {
      try {
        JsonNode node = Wire.JSON.readTree(content);
        if (!node.path("pid").isIntegralNumber()
            || !node.path("socket").isString()
            || !node.path("version").isString()
            || !node.path("started_at").isString()) {
          return Optional.empty();
        }
        return Optional.of(
            new Lock(
                node.path("pid").longValue(),
                Path.of(node.path("socket").stringValue()),
                node.path("version").stringValue(),
                Timestamps.parse(node.path("started_at").stringValue())));
      } catch (JacksonException | DateTimeParseException | InvalidPathException e) {
        return Optional.empty();
      }
    }

    /**
     * Reads the {@link #LOCK} file of a {@code .tracker} directory; empty when there is none or it
     * is not a lock (a file of another version, or garbage).
     */
    public static Optional<Lock> read(Path trackerDirectory) {
      try {
        return fromJson(Files.readAllBytes(trackerDirectory.resolve(LOCK)));
      } catch (IOException e) {
        return Optional.empty();
      }
    }
  }
}
