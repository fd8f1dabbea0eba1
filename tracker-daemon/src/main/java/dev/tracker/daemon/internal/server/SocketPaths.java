package dev.tracker.daemon.internal.server;

import dev.tracker.core.internal.protocol.DaemonFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a workspace's socket goes: {@code .tracker/daemon.sock}, unless that path is longer than a
 * Unix socket address can hold ({@code sun_path} is 108 bytes on Linux, 104 on macOS), in which
 * case a short runtime directory holds it under a name derived from the workspace path. The lock
 * file records the path either way, so clients find it.
 */
public final class SocketPaths {

  private static final Logger LOG = LoggerFactory.getLogger(SocketPaths.class);

  /** The longest socket path used in place, in bytes; the platform limits are a little higher. */
  public static final int MAX_PATH_BYTES = 100;

  private SocketPaths() {}

  /**
   * The socket path for a workspace; under {@code runtimeDirectory} when the usual one is too long.
   */
  public static Path choose(Path trackerDirectory, Path workspace, Path runtimeDirectory) {
    Path preferred = trackerDirectory.resolve(DaemonFiles.SOCKET);
    if (preferred.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_PATH_BYTES) {
      return preferred;
    }
    return runtimeDirectory.resolve(hash(workspace.toString()) + ".sock");
  }

  /**
   * Whether the socket lives outside the workspace, in a runtime directory that must be private.
   */
  public static boolean inRuntimeDirectory(Path socket, Path trackerDirectory) {
    return !socket.startsWith(trackerDirectory);
  }

  /**
   * The short runtime directory: {@code $XDG_RUNTIME_DIR/tracker}, or {@code /tmp/tracker-<user>}
   * when that is not set.
   */
  public static Path defaultRuntimeDirectory(Map<String, String> environment) {
    String runtime = environment.getOrDefault("XDG_RUNTIME_DIR", "");
    if (!runtime.isBlank() && Path.of(runtime).isAbsolute()) {
      return Path.of(runtime, "tracker");
    }
    // /tmp, not java.io.tmpdir: the point is a short path, and some platforms' tmpdir is long
    return Path.of("/tmp", "tracker-" + System.getProperty("user.name", "user"));
  }

  /**
   * Deletes a socket file a killed daemon left behind. Only sockets (and other special files) are
   * deleted: a path read from a lock file is never trusted to name a regular file to remove.
   */
  public static void deleteStale(Path socket) {
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (attributes.isOther()) {
        Files.delete(socket);
        LOG.info("Deleted the stale socket {}", socket);
      }
    } catch (IOException e) {
      // absent, or not ours to delete: binding will say if it is in the way
    }
  }

  private static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
