package dev.tracker.testkit.internal.leak;

import com.sun.management.UnixOperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * This process's open file descriptors: on Linux each one with its target ({@code /proc/self/fd}),
 * elsewhere only how many there are.
 */
final class OpenFiles {

  private static final Path FD = Path.of("/proc/self/fd");
  private static final Path UNIX_SOCKETS = Path.of("/proc/net/unix");

  private OpenFiles() {}

  /** Whether descriptors can be listed with their targets. */
  static boolean listable() {
    return Files.isDirectory(FD);
  }

  /**
   * Each open descriptor and its target, but those that are never a leak: jar files (class loading
   * opens them once per JVM), the JDK's random devices (opened once, kept open), and the kernel's
   * files under {@code /proc} and {@code /sys}, which the JDK and harnesses read for themselves at
   * any moment (a container's memory limit, this check's own listing): two looks can each catch a
   * read of the same file in the same descriptor, and take it for one left open.
   */
  static Map<Integer, String> targets() {
    Map<Integer, String> targets = new TreeMap<>();
    try (Stream<Path> fds = Files.list(FD)) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        String target = target(fd);
        if (target != null && !ignored(target)) {
          targets.put(Integer.parseInt(fd.getFileName().toString()), target);
        }
      }
    } catch (IOException e) {
      // a process that cannot list its own descriptors has none to compare: report none
    }
    return targets;
  }

  private static @Nullable String target(Path fd) {
    try {
      return Files.readSymbolicLink(fd).toString();
    } catch (IOException e) {
      return null; // closed while listing
    }
  }

  static boolean ignored(String target) {
    return target.endsWith(".jar")
        || target.startsWith("/proc/")
        || target.startsWith("/sys/")
        || target.equals("/dev/random")
        || target.equals("/dev/urandom");
  }

  /** How many descriptors are open, where the platform's MXBean says. */
  static OptionalLong count() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof UnixOperatingSystemMXBean unix
        ? OptionalLong.of(unix.getOpenFileDescriptorCount())
        : OptionalLong.empty();
  }

  /**
   * The path of each bound Unix socket by inode ({@code /proc/net/unix}): a daemon's listening
   * socket and the connections it accepted carry its socket's path; a client's end has none.
   */
  static Map<String, String> unixSocketPaths() {
    Map<String, String> paths = new HashMap<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(UNIX_SOCKETS);
    } catch (IOException e) {
      return paths;
    }
    // Num RefCount Protocol Flags Type St Inode Path
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      String[] columns = line.trim().split("\\s+", -1);
      if (columns.length >= 8) {
        paths.put(columns[6], columns[7]);
      }
    }
    return paths;
  }

  /** The inode of a {@code socket:[<inode>]} target, or null for any other target. */
  static @Nullable String socketInode(String target) {
    return target.startsWith("socket:[") && target.endsWith("]")
        ? target.substring("socket:[".length(), target.length() - 1)
        : null;
  }
}
